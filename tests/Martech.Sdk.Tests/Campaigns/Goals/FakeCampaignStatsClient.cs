using System.Globalization;

namespace Martech.Sdk.Tests.Campaigns.Goals;

/// <summary>A stats source with numbers set by the test, per campaign and month: it answers the period asked for with one
/// breakdown entry per month that has numbers (months without are left out, as a sparse source would), and records
/// every request.</summary>
internal sealed class FakeCampaignStatsClient : ICampaignStatsClient
{
    private readonly Dictionary<(string Campaign, DateOnly Month), CampaignStats> _months = [];

    public List<(string Campaign, CampaignStatsOptions Options)> Requests { get; } = [];

    /// <summary>What the source says it reports.</summary>
    public CampaignMetric Reported { get; set; } = CampaignStats.AllMetrics;

    /// <summary>Whether it fills <see cref="CampaignStats.Breakdown"/> (a source that ignores the option does not).</summary>
    public bool FillsBreakdown { get; set; } = true;

    /// <summary>Changes each breakdown entry before it is returned (to play a source that answers something else).</summary>
    public Func<CampaignStats, CampaignStats> Entry { get; set; } = e => e;

    /// <summary>Sets a month's numbers: <c>"2027-01"</c>, then the counts.</summary>
    public FakeCampaignStatsClient Month(string campaign, string month, Func<CampaignStats, CampaignStats> counts)
    {
        DateOnly first = DateOnly.ParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);
        _months[(campaign, first)] = counts(new CampaignStats { CampaignId = campaign });
        return this;
    }

    /// <summary>Sets the total clicks of consecutive months from <paramref name="firstMonth"/>.</summary>
    public FakeCampaignStatsClient Clicks(string campaign, string firstMonth, params int[] clicks)
    {
        DateOnly first = DateOnly.ParseExact(firstMonth + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);
        for (int i = 0; i < clicks.Length; i++)
        {
            int value = clicks[i];
            _months[(campaign, first.AddMonths(i))] = new CampaignStats { CampaignId = campaign, TotalClicks = value };
        }

        return this;
    }

    public Task<CampaignStats> GetStatsAsync(string campaignId, CampaignStatsOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(campaignId);
        options ??= new CampaignStatsOptions();
        options.Validate();
        Requests.Add((campaignId, new CampaignStatsOptions { From = options.From, To = options.To, Breakdown = options.Breakdown }));
        var entries = new List<CampaignStats>();
        foreach (var ((campaign, month), stats) in _months.OrderBy(m => m.Key.Month))
        {
            var start = new DateTimeOffset(month.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            DateTimeOffset end = start.AddMonths(1);
            if (campaign == campaignId && (options.From is null || end > options.From) && (options.To is null || start < options.To))
            {
                entries.Add(Entry(stats with { From = start, To = options.To is { } to && to < end ? to : end, Reported = Reported, Source = CampaignStatsSource.Vendor }));
            }
        }

        return Task.FromResult(new CampaignStats
        {
            CampaignId = campaignId,
            From = options.From,
            To = options.To,
            Source = CampaignStatsSource.Vendor,
            Reported = Reported,
            TotalClicks = entries.Sum(e => e.TotalClicks),
            Breakdown = FillsBreakdown && options.Breakdown == CampaignStatsBreakdown.Month ? entries : [],
        });
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;
}
