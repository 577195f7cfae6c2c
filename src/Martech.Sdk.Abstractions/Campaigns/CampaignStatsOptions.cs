namespace Martech.Sdk;

/// <summary>The period to compute campaign stats over, and how to split it.</summary>
public class CampaignStatsOptions
{
    /// <summary>The start of the period (inclusive); since the beginning when <see langword="null"/>.</summary>
    public DateTimeOffset? From { get; set; }

    /// <summary>The end of the period (exclusive); up to now when <see langword="null"/>.</summary>
    public DateTimeOffset? To { get; set; }

    /// <summary>Also return the period split by day or month in <see cref="CampaignStats.Breakdown"/>; none by default.</summary>
    public CampaignStatsBreakdown Breakdown { get; set; }

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentException"><see cref="From"/> is after <see cref="To"/>, or <see cref="Breakdown"/> is not
    /// a defined value.</exception>
    public void Validate()
    {
        if (From is { } from && To is { } to && from > to)
        {
            throw new ArgumentException($"CampaignStatsOptions.From ({from:O}) is after CampaignStatsOptions.To ({to:O}).", "options");
        }

        if (!Enum.IsDefined(Breakdown))
        {
            throw new ArgumentException($"CampaignStatsOptions.Breakdown ({(int)Breakdown}) is not a defined value.", "options");
        }
    }
}
