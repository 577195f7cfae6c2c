namespace CampaignReportSample;

/// <summary>A campaign of the recorded events: who it went to, in which months, and how people tended to respond
/// (what the generator draws from; the report itself only reads the events).</summary>
/// <param name="Id">The campaign id the sends carried.</param>
/// <param name="Name">What the report calls it.</param>
/// <param name="Months">The months it sent in (1 to 12 of <see cref="SampleCampaigns.Year"/>), one send a month.</param>
/// <param name="SendDay">The day of the month it sends on, at 09:00 UTC.</param>
/// <param name="Audience">Recipients of the first send.</param>
/// <param name="AudienceGrowth">Recipients added each later month.</param>
/// <param name="OpenChance">The chance that a delivered recipient opens (a person).</param>
/// <param name="ClickChance">The chance that an opener clicks, in the first month.</param>
/// <param name="ClickChanceGrowth">Added to <paramref name="ClickChance"/> each later month.</param>
internal sealed record SampleCampaign(
    string Id,
    string Name,
    IReadOnlyList<int> Months,
    int SendDay,
    int Audience,
    int AudienceGrowth,
    double OpenChance,
    double ClickChance,
    double ClickChanceGrowth);

/// <summary>The campaigns of the shipped event file.</summary>
internal static class SampleCampaigns
{
    /// <summary>The year the events are in, and the report's period.</summary>
    public const int Year = 2026;

    /// <summary>The provider instance the events were received by.</summary>
    public const string Provider = "SendGrid";

    public static IReadOnlyList<SampleCampaign> All { get; } =
    [
        new("newsletter", "Monthly newsletter", [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], SendDay: 6, Audience: 100, AudienceGrowth: 4, OpenChance: 0.34, ClickChance: 0.22, ClickChanceGrowth: 0.012),
        new("spring-launch", "Spring launch", [3, 4, 5], SendDay: 17, Audience: 80, AudienceGrowth: 0, OpenChance: 0.42, ClickChance: 0.30, ClickChanceGrowth: -0.05),
        // Sent late in the month: some of November's clicks land in December, a month it sent nothing.
        new("winback", "Win-back", [9, 10, 11], SendDay: 28, Audience: 60, AudienceGrowth: -10, OpenChance: 0.20, ClickChance: 0.18, ClickChanceGrowth: 0.03),
    ];

    /// <summary>The start of the report's period (inclusive).</summary>
    public static DateTimeOffset From { get; } = new(Year, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The end of the report's period (exclusive).</summary>
    public static DateTimeOffset To { get; } = new(Year + 1, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The CTR points the report draws: one per campaign per month it sent in.</summary>
    public static int MonthsWithSends => All.Sum(c => c.Months.Count);
}
