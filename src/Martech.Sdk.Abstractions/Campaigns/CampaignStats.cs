namespace Martech.Sdk;

/// <summary>Engagement of a campaign over a period: sends, deliveries, opens, clicks, bounces, unsubscribes and spam
/// reports, with rates that name what they divide.</summary>
/// <remarks>
/// <para>Opens and clicks: <see cref="UniqueOpens"/> and <see cref="UniqueClicks"/> count recipients once however often
/// they opened or clicked; <see cref="TotalOpens"/> and <see cref="TotalClicks"/> count every open and click. When the
/// source reports <see cref="CampaignMetric.MachineEngagement"/> (counted from events), those four hold people (and clients
/// that could not be told from people) only, and machine opens and clicks (Apple Mail Privacy Protection, image proxies,
/// link scanners) are in <see cref="MachineOpens"/>, <see cref="MachineClicks"/> and their unique counts beside them.
/// Otherwise they hold whatever the vendor counted.</para>
/// <para>Rates (percent, <see langword="null"/> when their denominator is 0 or not reported):
/// <list type="table">
/// <item><term><see cref="ClickThroughRate"/></term><description>unique clicks ÷ unique recipients × 100 (÷ sent when the
/// source reports no recipient count)</description></item>
/// <item><term><see cref="OpenRate"/></term><description>unique opens ÷ unique recipients × 100 (÷ sent when the source
/// reports no recipient count)</description></item>
/// <item><term><see cref="ClickToOpenRate"/></term><description>unique clicks ÷ unique opens × 100</description></item>
/// <item><term><see cref="DeliveryRate"/></term><description>delivered ÷ sent × 100</description></item>
/// <item><term><see cref="BounceRate"/></term><description>bounces ÷ sent × 100 (÷ unique recipients when the source reports
/// no send count)</description></item>
/// <item><term><see cref="UnsubscribeRate"/></term><description>unsubscribes ÷ delivered × 100 (÷ sent when the source
/// reports no delivery count)</description></item>
/// <item><term><see cref="SpamReportRate"/></term><description>spam reports ÷ delivered × 100 (÷ sent when the source
/// reports no delivery count)</description></item>
/// </list>
/// Each <see cref="CampaignRate"/> carries the counts and names it used; <see cref="Rate"/> divides any two.</para>
/// </remarks>
public sealed record CampaignStats
{
    /// <summary>Every <see cref="CampaignMetric"/>: what a source that reports all counts sets in <see cref="Reported"/>.</summary>
    public const CampaignMetric AllMetrics =
        CampaignMetric.Sent | CampaignMetric.UniqueRecipients | CampaignMetric.Delivered | CampaignMetric.Dropped
        | CampaignMetric.Bounces | CampaignMetric.BounceKinds | CampaignMetric.TotalOpens | CampaignMetric.UniqueOpens
        | CampaignMetric.TotalClicks | CampaignMetric.UniqueClicks | CampaignMetric.MachineEngagement
        | CampaignMetric.Unsubscribes | CampaignMetric.SpamReports;

    /// <summary>The campaign.</summary>
    public required string CampaignId { get; init; }

    /// <summary>The start of the period (inclusive); <see langword="null"/> for since the beginning.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>The end of the period (exclusive); <see langword="null"/> for up to now.</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>Where the numbers come from: counted from events by the SDK, or reported by the vendor.</summary>
    public CampaignStatsSource Source { get; init; }

    /// <summary>The counts the source reports; the others read 0 and rates over them are <see langword="null"/>. All
    /// of them (<see cref="AllMetrics"/>) unless the source says otherwise.</summary>
    public CampaignMetric Reported { get; init; } = AllMetrics;

    /// <summary>Messages the vendor accepted for sending.</summary>
    public int Sent { get; init; }

    /// <summary>Distinct recipients sent to in the period.</summary>
    public int UniqueRecipients { get; init; }

    /// <summary>Messages the receiving servers accepted.</summary>
    public int Delivered { get; init; }

    /// <summary>Messages the vendor did not send (suppressed or invalid addresses).</summary>
    public int Dropped { get; init; }

    /// <summary>Bounced messages, every kind: <see cref="HardBounces"/> + <see cref="SoftBounces"/> +
    /// <see cref="BlockedBounces"/> + bounces of no stated kind.</summary>
    public int Bounces { get; init; }

    /// <summary>Bounces because the address or domain does not exist.</summary>
    public int HardBounces { get; init; }

    /// <summary>Temporary failures the vendor gave up retrying.</summary>
    public int SoftBounces { get; init; }

    /// <summary>Bounces because the receiving server refused the sender or the content.</summary>
    public int BlockedBounces { get; init; }

    /// <summary>Opens, repeats included (people's, when machines are counted apart).</summary>
    public int TotalOpens { get; init; }

    /// <summary>Distinct recipients who opened (people, when machines are counted apart).</summary>
    public int UniqueOpens { get; init; }

    /// <summary>Clicks, repeats included (people's, when machines are counted apart).</summary>
    public int TotalClicks { get; init; }

    /// <summary>Distinct recipients who clicked (people, when machines are counted apart).</summary>
    public int UniqueClicks { get; init; }

    /// <summary>Opens by machines, repeats included (when the source reports <see cref="CampaignMetric.MachineEngagement"/>).</summary>
    public int MachineOpens { get; init; }

    /// <summary>Distinct recipients whose messages machines opened.</summary>
    public int UniqueMachineOpens { get; init; }

    /// <summary>Clicks by machines (link scanners), repeats included.</summary>
    public int MachineClicks { get; init; }

    /// <summary>Distinct recipients whose links machines followed.</summary>
    public int UniqueMachineClicks { get; init; }

    /// <summary>Recipients who unsubscribed.</summary>
    public int Unsubscribes { get; init; }

    /// <summary>Recipients who reported spam.</summary>
    public int SpamReports { get; init; }

    /// <summary>The period split by day or month when <see cref="CampaignStatsOptions.Breakdown"/> asked for it, in
    /// time order; each entry's <see cref="From"/> and <see cref="To"/> bound its day or month. Empty otherwise.</summary>
    public IReadOnlyList<CampaignStats> Breakdown { get; init; } = [];

    /// <summary>Unique clicks ÷ unique recipients × 100 (÷ sent when the source reports no recipient count).</summary>
    public CampaignRate ClickThroughRate =>
        Rate("click-through rate", CampaignMetric.UniqueClicks, Prefer(CampaignMetric.UniqueRecipients, CampaignMetric.Sent));

    /// <summary>Unique opens ÷ unique recipients × 100 (÷ sent when the source reports no recipient count).</summary>
    public CampaignRate OpenRate =>
        Rate("open rate", CampaignMetric.UniqueOpens, Prefer(CampaignMetric.UniqueRecipients, CampaignMetric.Sent));

    /// <summary>Unique clicks ÷ unique opens × 100.</summary>
    public CampaignRate ClickToOpenRate => Rate("click-to-open rate", CampaignMetric.UniqueClicks, CampaignMetric.UniqueOpens);

    /// <summary>Delivered ÷ sent × 100.</summary>
    public CampaignRate DeliveryRate => Rate("delivery rate", CampaignMetric.Delivered, CampaignMetric.Sent);

    /// <summary>Bounces ÷ sent × 100 (÷ unique recipients when the source reports no send count).</summary>
    public CampaignRate BounceRate =>
        Rate("bounce rate", CampaignMetric.Bounces, Prefer(CampaignMetric.Sent, CampaignMetric.UniqueRecipients));

    /// <summary>Unsubscribes ÷ delivered × 100 (÷ sent when the source reports no delivery count).</summary>
    public CampaignRate UnsubscribeRate =>
        Rate("unsubscribe rate", CampaignMetric.Unsubscribes, Prefer(CampaignMetric.Delivered, CampaignMetric.Sent));

    /// <summary>Spam reports ÷ delivered × 100 (÷ sent when the source reports no delivery count).</summary>
    public CampaignRate SpamReportRate =>
        Rate("spam report rate", CampaignMetric.SpamReports, Prefer(CampaignMetric.Delivered, CampaignMetric.Sent));

    /// <summary>The rates above, in that order.</summary>
    public IReadOnlyList<CampaignRate> Rates =>
        [ClickThroughRate, OpenRate, ClickToOpenRate, DeliveryRate, BounceRate, UnsubscribeRate, SpamReportRate];

    /// <summary>Any count divided by any other, × 100: for a definition other than the built-in rates (Mailchimp's
    /// opens ÷ deliveries, for example).</summary>
    /// <param name="name">What to call the rate.</param>
    /// <param name="numerator">One count (a single flag).</param>
    /// <param name="denominator">Another count (a single flag).</param>
    /// <returns>The rate; <see cref="CampaignRate.Percent"/> is <see langword="null"/> when the denominator is 0 or either
    /// count is not <see cref="Reported"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty, or a count is not exactly one of the
    /// <see cref="CampaignMetric"/> flags (<see cref="CampaignMetric.BounceKinds"/> and
    /// <see cref="CampaignMetric.MachineEngagement"/> name groups of counts, not one count).</exception>
    public CampaignRate Rate(string name, CampaignMetric numerator, CampaignMetric denominator)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        long top = Count(numerator, nameof(numerator));
        long bottom = Count(denominator, nameof(denominator));
        bool known = (Reported & numerator) == numerator && (Reported & denominator) == denominator;
        return new CampaignRate(name, numerator, top, denominator, bottom, known && bottom > 0 ? top * 100.0 / bottom : null);
    }

    /// <summary>The value of one count.</summary>
    /// <param name="metric">The count (a single flag).</param>
    /// <returns>Its value (0 when not <see cref="Reported"/>).</returns>
    /// <exception cref="ArgumentException"><paramref name="metric"/> is not exactly one count.</exception>
    public long Count(CampaignMetric metric) => Count(metric, nameof(metric));

    private long Count(CampaignMetric metric, string parameter) => metric switch
    {
        CampaignMetric.Sent => Sent,
        CampaignMetric.UniqueRecipients => UniqueRecipients,
        CampaignMetric.Delivered => Delivered,
        CampaignMetric.Dropped => Dropped,
        CampaignMetric.Bounces => Bounces,
        CampaignMetric.TotalOpens => TotalOpens,
        CampaignMetric.UniqueOpens => UniqueOpens,
        CampaignMetric.TotalClicks => TotalClicks,
        CampaignMetric.UniqueClicks => UniqueClicks,
        CampaignMetric.Unsubscribes => Unsubscribes,
        CampaignMetric.SpamReports => SpamReports,
        _ => throw new ArgumentException($"'{metric}' is not one count of CampaignStats: name one of Sent, UniqueRecipients, Delivered, Dropped, Bounces, TotalOpens, UniqueOpens, TotalClicks, UniqueClicks, Unsubscribes, SpamReports.", parameter),
    };

    private CampaignMetric Prefer(CampaignMetric first, CampaignMetric fallback) =>
        (Reported & first) == first || (Reported & fallback) != fallback ? first : fallback;
}
