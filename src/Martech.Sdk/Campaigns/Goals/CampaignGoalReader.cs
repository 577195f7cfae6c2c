using System.Globalization;

namespace Martech.Sdk;

/// <summary>Reads a goal's monthly values through an <see cref="ICampaignStatsClient"/> (<see cref="CampaignStatsBreakdown.Month"/>),
/// adding its campaigns up month by month, and refuses what cannot be read as months, naming the provider instance.</summary>
internal static class CampaignGoalReader
{
    public static async Task<IReadOnlyList<CampaignGoalMonth>> ReadAsync(
        CampaignGoal goal, ICampaignStatsClient client, string provider, DateTimeOffset from, DateTimeOffset to, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var sums = new Dictionary<int, (long Numerator, long Denominator)>();
        CampaignMetric? denominatorMetric = null;
        string period = $"{from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} to {to.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}";
        foreach (string campaign in goal.Campaigns)
        {
            var options = new CampaignStatsOptions { From = from, To = to, Breakdown = CampaignStatsBreakdown.Month };
            CampaignStats stats = await client.GetStatsAsync(campaign, options, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Provider instance '{provider}' returned no stats for campaign '{campaign}' (goal '{goal.Name}').");
            // No entries is a month-less answer only when there was something to break down: a source may leave out
            // months without data, so an empty period is simply empty.
            if (stats.Breakdown is not { Count: > 0 } && HasCounts(stats))
            {
                throw new InvalidOperationException($"Provider instance '{provider}' returned no monthly breakdown for campaign '{campaign}' ({period}) although Breakdown = Month was asked for: its ICampaignStatsClient does not fill CampaignStats.Breakdown, so goal '{goal.Name}' cannot read monthly values from it. Read the goal from a stats source that does (set the goal's Provider), or make this one fill Breakdown.");
            }

            CheckReported(goal, provider, campaign, stats);
            var seen = new HashSet<int>();
            foreach (CampaignStats entry in stats.Breakdown ?? [])
            {
                int month = MonthOf(goal, provider, campaign, entry, from, to);
                if (!seen.Add(month))
                {
                    throw new InvalidOperationException($"Provider instance '{provider}' returned two breakdown entries for {CampaignGoalCalculator.Month(CampaignGoalCalculator.FromIndex(month))} for campaign '{campaign}' although Breakdown = Month was asked for (goal '{goal.Name}'): that is not a monthly breakdown.");
                }

                CheckReported(goal, provider, campaign, entry);
                var read = goal.Metric.Read(entry);
                if (goal.Metric.IsRate)
                {
                    denominatorMetric ??= read.DenominatorMetric;
                    if (denominatorMetric != read.DenominatorMetric)
                    {
                        throw new InvalidOperationException($"Goal '{goal.Name}': provider instance '{provider}' divides {goal.Metric.Name} by {denominatorMetric} for one campaign or month and by {read.DenominatorMetric} for campaign '{campaign}', so they cannot be added up. Use an explicit rate, such as UniqueClicks/{denominatorMetric}.");
                    }
                }

                sums.TryGetValue(month, out var sum);
                sums[month] = (sum.Numerator + read.Numerator, sum.Denominator + read.Denominator);
            }
        }

        var months = new List<CampaignGoalMonth>();
        int last = CampaignGoalCalculator.Index(CampaignGoalCalculator.MonthOf(to.AddTicks(-1)));
        for (int m = CampaignGoalCalculator.Index(CampaignGoalCalculator.MonthOf(from)); m <= last; m++)
        {
            sums.TryGetValue(m, out var sum);
            double? value = !goal.Metric.IsRate ? sum.Numerator : sum.Denominator > 0 ? sum.Numerator * 100.0 / sum.Denominator : null;
            bool complete = CampaignGoalCalculator.Utc(CampaignGoalCalculator.FromIndex(m + 1)) <= now;
            months.Add(new CampaignGoalMonth(CampaignGoalCalculator.FromIndex(m), value, sum.Numerator, sum.Denominator, complete));
        }

        return months;
    }

    private static bool HasCounts(CampaignStats s) =>
        (s.Sent | s.UniqueRecipients | s.Delivered | s.Dropped | s.Bounces | s.TotalOpens | s.UniqueOpens | s.TotalClicks | s.UniqueClicks
            | s.MachineOpens | s.MachineClicks | s.Unsubscribes | s.SpamReports) != 0;

    private static void CheckReported(CampaignGoal goal, string provider, string campaign, CampaignStats stats)
    {
        var read = goal.Metric.Read(stats);
        if (!read.Reported)
        {
            CampaignMetric needed = read.NumeratorMetric | read.DenominatorMetric;
            throw new InvalidOperationException($"Provider instance '{provider}' does not report {needed & ~stats.Reported} for campaign '{campaign}' (it reports {stats.Reported}), which goal '{goal.Name}' needs for {goal.Metric.Name}: measure a metric it reports, or read the goal from another stats source (the goal's Provider).");
        }
    }

    private static int MonthOf(CampaignGoal goal, string provider, string campaign, CampaignStats entry, DateTimeOffset from, DateTimeOffset to)
    {
        if (entry.From is not { } start)
        {
            throw new InvalidOperationException($"Provider instance '{provider}' returned a breakdown entry without From for campaign '{campaign}' (goal '{goal.Name}'): each monthly entry must say which month it is.");
        }

        // A month starts at midnight on the 1st in the source's own calendar (UTC for most; Postmark counts in US Eastern
        // time, so its months start at 05:00 UTC): the entry's offset says which.
        DateTimeOffset utc = start.ToUniversalTime();
        bool monthStart = start.Day == 1 && start.TimeOfDay == TimeSpan.Zero;
        if ((!monthStart && utc != from) || utc < from || utc >= to)
        {
            throw new InvalidOperationException($"Provider instance '{provider}' returned a breakdown entry from {start.ToString("O", CultureInfo.InvariantCulture)} for campaign '{campaign}' although Breakdown = Month was asked for {from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} to {to.ToString("O", CultureInfo.InvariantCulture)} (goal '{goal.Name}'): entries must start on the first of a month (midnight in the source's calendar), inside the period.");
        }

        return CampaignGoalCalculator.Index(monthStart ? new DateOnly(start.Year, start.Month, 1) : CampaignGoalCalculator.MonthOf(utc));
    }
}
