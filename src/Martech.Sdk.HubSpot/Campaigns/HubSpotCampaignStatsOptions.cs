using System.Buffers;

namespace Martech.Sdk.HubSpot;

/// <summary>How a HubSpot instance reads campaign numbers (<see cref="ICampaignStatsClient"/> and
/// <see cref="IHubSpotCampaignReports"/>), bound from <c>Martech:&lt;name&gt;:CampaignStats</c> and validated when the
/// host starts.</summary>
/// <remarks>What HubSpot's reference leaves unconfirmed is a setting here: the paths, the counter names and whether
/// opens and clicks are unique, how many email ids one request may carry.</remarks>
public sealed class HubSpotCampaignStatsOptions
{
    /// <summary>The default of <see cref="MaxEmailIdsPerRequest"/>.</summary>
    public const int DefaultMaxEmailIdsPerRequest = 100;

    /// <summary>The default of <see cref="MaxBreakdownPeriods"/>: a year of days.</summary>
    public const int DefaultMaxBreakdownPeriods = 366;

    private static readonly SearchValues<char> NotInPath = SearchValues.Create("?# \t\r\n");

    /// <summary>The path of the marketing campaigns API under the base address, without leading or trailing slash.</summary>
    /// <value>The default value is <c>marketing/v3/campaigns</c>.</value>
    public string CampaignsPath { get; set; } = "marketing/v3/campaigns";

    /// <summary>The path of the marketing email statistics list under the base address.</summary>
    /// <value>The default value is <c>marketing/v3/emails/statistics/list</c>.</value>
    public string EmailStatisticsPath { get; set; } = "marketing/v3/emails/statistics/list";

    /// <summary>The most <c>emailIds</c> one statistics request carries; a campaign with more emails is read in several
    /// requests whose counters are added up. HubSpot states no limit (the URL length is one).</summary>
    /// <value>The default value is 100.</value>
    public int MaxEmailIdsPerRequest { get; set; } = DefaultMaxEmailIdsPerRequest;

    /// <summary>The most days or months a breakdown may hold. HubSpot's statistics list answers totals only, so a
    /// breakdown costs one request per period (and per <see cref="MaxEmailIdsPerRequest"/> emails); a longer breakdown
    /// is refused before any request.</summary>
    /// <value>The default value is 366.</value>
    public int MaxBreakdownPeriods { get; set; } = DefaultMaxBreakdownPeriods;

    /// <summary>Whether HubSpot's open and click counters count recipients once (as its legacy statistics documented:
    /// "the total number of unique opens"), so they fill <see cref="CampaignStats.UniqueOpens"/> and
    /// <see cref="CampaignStats.UniqueClicks"/>; when off they fill <see cref="CampaignStats.TotalOpens"/> and
    /// <see cref="CampaignStats.TotalClicks"/>. Unconfirmed for the v3 API.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool OpensAndClicksAreUnique { get; set; } = true;

    /// <summary>The counter names read from HubSpot's answer.</summary>
    public HubSpotEmailCounterNames Counters { get; set; } = new();

    /// <summary>Checks the options.</summary>
    /// <param name="configurationPath">The section they bind from, such as <c>Martech:HubSpot:CampaignStats</c>.</param>
    /// <returns>One message per problem, naming the setting by its path.</returns>
    public IEnumerable<string> Validate(string configurationPath)
    {
        ArgumentNullException.ThrowIfNull(configurationPath);
        foreach (var (setting, value, example) in new[]
        {
            (nameof(CampaignsPath), CampaignsPath, "marketing/v3/campaigns"),
            (nameof(EmailStatisticsPath), EmailStatisticsPath, "marketing/v3/emails/statistics/list"),
        })
        {
            string text = value ?? string.Empty;
            if (string.IsNullOrWhiteSpace(text.Trim('/')) || text.Contains("://", StringComparison.Ordinal) || text.AsSpan().IndexOfAny(NotInPath) >= 0)
            {
                yield return $"{configurationPath}:{setting} must be a relative path such as {example} (was '{value}').";
            }
        }

        if (MaxEmailIdsPerRequest is < 1 or > 1_000)
        {
            yield return $"{configurationPath}:{nameof(MaxEmailIdsPerRequest)} must be between 1 and 1000 (was {MaxEmailIdsPerRequest}).";
        }

        if (MaxBreakdownPeriods < 1)
        {
            yield return $"{configurationPath}:{nameof(MaxBreakdownPeriods)} must be at least 1 (was {MaxBreakdownPeriods}).";
        }

        if (Counters is null)
        {
            yield return $"{configurationPath}:{nameof(Counters)} is required.";
            yield break;
        }

        foreach (var (setting, counter) in Counters.All())
        {
            if (!string.IsNullOrEmpty(counter) && (counter.Trim().Length != counter.Length || counter.Any(char.IsControl)))
            {
                yield return $"{configurationPath}:{nameof(Counters)}:{setting} must be a counter name of HubSpot's email statistics, such as 'sent', without surrounding white space, or empty to leave the count unread (was '{counter}').";
            }
        }
    }
}
