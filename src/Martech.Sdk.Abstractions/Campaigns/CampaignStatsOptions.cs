namespace Martech.Sdk;

/// <summary>The period to compute campaign stats over.</summary>
public class CampaignStatsOptions
{
    /// <summary>The start of the period (inclusive); since the beginning when <see langword="null"/>.</summary>
    public DateTimeOffset? From { get; set; }

    /// <summary>The end of the period (exclusive); up to now when <see langword="null"/>.</summary>
    public DateTimeOffset? To { get; set; }
}
