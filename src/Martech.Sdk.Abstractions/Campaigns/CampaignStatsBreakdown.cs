namespace Martech.Sdk;

/// <summary>How <see cref="CampaignStats.Breakdown"/> splits a period.</summary>
public enum CampaignStatsBreakdown
{
    /// <summary>Totals only: <see cref="CampaignStats.Breakdown"/> is empty.</summary>
    None,

    /// <summary>One entry per calendar day (UTC unless the source says otherwise).</summary>
    Day,

    /// <summary>One entry per calendar month (UTC unless the source says otherwise).</summary>
    Month,
}
