using Martech.Sdk;

namespace CampaignReportSample;

/// <summary>Builds the report's view model from any <see cref="ICampaignStatsClient"/>: one
/// <see cref="ICampaignStatsClient.GetStatsAsync"/> call per campaign and month.</summary>
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
            var monthViews = new List<MonthView>(months.Count);
            foreach (DateTimeOffset month in months)
            {
                DateTimeOffset end = month.AddMonths(1) < to ? month.AddMonths(1) : to;
                CampaignStats monthStats = await stats.GetStatsAsync(id, new CampaignStatsOptions { From = month, To = end }, cancellationToken);
                monthViews.Add(new MonthView(month, monthStats));
            }

            views.Add(new CampaignView(id, name, monthViews, Funnel(id, monthViews)));
        }

        return new CampaignReportModel($"Campaign report {from:yyyy-MM} to {to.AddTicks(-1):yyyy-MM}", from, to, source, months, views, goals, input);
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
