using Martech.Sdk;

namespace CampaignReportSample;

/// <summary>Builds the report's view model from any <see cref="ICampaignStatsClient"/>: one
/// <see cref="ICampaignStatsClient.GetStatsAsync"/> call per campaign over the whole period with
/// <see cref="CampaignStatsOptions.Breakdown"/> = <see cref="CampaignStatsBreakdown.Month"/>.</summary>
internal static class CampaignReportBuilder
{
    public static async Task<CampaignReportModel> BuildAsync(
        ICampaignStatsClient stats,
        string source,
        IReadOnlyList<(string Id, string Name)> campaigns,
        DateTimeOffset from,
        DateTimeOffset to,
        IReadOnlyList<GoalView> goals,
        InputView? input,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stats);
        if (from.Day != 1 || from.TimeOfDay != TimeSpan.Zero || from.Offset != TimeSpan.Zero || to <= from)
        {
            throw new ArgumentException($"The report's period must start at the beginning of a month (UTC) and end after it; got {from:O} to {to:O}.", nameof(from));
        }

        var months = new List<DateTimeOffset>();
        for (DateTimeOffset month = from; month < to; month = month.AddMonths(1))
        {
            months.Add(month);
        }

        var views = new List<CampaignView>(campaigns.Count);
        foreach ((string id, string name) in campaigns)
        {
            var options = new CampaignStatsOptions { From = from, To = to, Breakdown = CampaignStatsBreakdown.Month };
            CampaignStats year = await stats.GetStatsAsync(id, options, cancellationToken);
            IReadOnlyList<MonthView> monthViews = MonthsOf(id, year, months);
            views.Add(new CampaignView(id, name, monthViews, Funnel(id, monthViews)));
        }

        return new CampaignReportModel($"Campaign report {from:yyyy-MM} to {to.AddTicks(-1):yyyy-MM}", from, to, source, months, views, goals, input);
    }

    /// <summary>One entry per month of the report from the source's monthly breakdown. A month the breakdown does not
    /// list (one that has not begun) has zeros, with the counts the source reports.</summary>
    /// <exception cref="InvalidOperationException">The source returned no breakdown for a period with counts, or an
    /// entry that is not a month of the period.</exception>
    internal static IReadOnlyList<MonthView> MonthsOf(string campaignId, CampaignStats period, IReadOnlyList<DateTimeOffset> months)
    {
        var byMonth = new Dictionary<DateTimeOffset, CampaignStats>();
        foreach (CampaignStats entry in period.Breakdown)
        {
            if (entry.From is not { } start || !months.Contains(start) || !byMonth.TryAdd(start, entry))
            {
                throw new InvalidOperationException($"The stats of '{campaignId}' hold a breakdown entry from {entry.From:O}, which is not a month of the report (or comes twice): the source must honour CampaignStatsOptions.Breakdown = Month.");
            }
        }

        if (byMonth.Count == 0 && new MonthView(months[0], period).HasActivity)
        {
            throw new InvalidOperationException($"The stats of '{campaignId}' have counts but no monthly breakdown: the source must honour CampaignStatsOptions.Breakdown = Month.");
        }

        return [.. months.Select(m => new MonthView(m, byMonth.TryGetValue(m, out CampaignStats? s)
            ? s
            : new CampaignStats { CampaignId = campaignId, Source = period.Source, Reported = period.Reported, From = m, To = m.AddMonths(1) }))];
    }

    /// <summary>Sent → delivered → opened → clicked. Unique opens and clicks count a person once per period, so over a
    /// year they would count people while sends count messages: each step is the sum of its monthly counts instead,
    /// which for one send a month is messages sent, delivered, opened and clicked.</summary>
    internal static IReadOnlyList<FunnelStage> Funnel(string campaignId, IReadOnlyList<MonthView> months)
    {
        CampaignMetric reported = months.Count == 0 ? CampaignStats.AllMetrics : months.Aggregate(CampaignStats.AllMetrics, (r, m) => r & m.Stats.Reported);
        var summed = new CampaignStats
        {
            CampaignId = campaignId,
            Reported = reported,
            Sent = months.Sum(m => m.Stats.Sent),
            UniqueRecipients = months.Sum(m => m.Stats.UniqueRecipients),
            Delivered = months.Sum(m => m.Stats.Delivered),
            UniqueOpens = months.Sum(m => m.Stats.UniqueOpens),
            UniqueClicks = months.Sum(m => m.Stats.UniqueClicks),
        };

        // A source without a send count still says how many recipients each month's sends went to.
        (string firstLabel, CampaignMetric first) = (reported & CampaignMetric.Sent) != 0
            ? ("Sent", CampaignMetric.Sent)
            : ("Recipients", CampaignMetric.UniqueRecipients);

        FunnelStage Stage(string label, CampaignMetric metric, CampaignMetric? previous, string rateName) => new(
            label,
            metric,
            summed.Count(metric),
            (reported & metric) != 0,
            previous is { } p ? summed.Rate(rateName, metric, p) : null);

        return
        [
            Stage(firstLabel, first, null, ""),
            Stage("Delivered", CampaignMetric.Delivered, first, $"delivered of {firstLabel.ToLowerInvariant()}"),
            Stage("Opened", CampaignMetric.UniqueOpens, CampaignMetric.Delivered, "opened of delivered"),
            Stage("Clicked", CampaignMetric.UniqueClicks, CampaignMetric.UniqueOpens, "clicked of opened"),
        ];
    }
}
