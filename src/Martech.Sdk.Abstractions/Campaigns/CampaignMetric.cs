namespace Martech.Sdk;

/// <summary>A count in <see cref="CampaignStats"/>: what a <see cref="CampaignRate"/> divides, and what a source
/// reports (<see cref="CampaignStats.Reported"/>).</summary>
/// <remarks>Vendors' statistics APIs report different counts (SendGrid has no distinct-recipient count, Postmark
/// counts no deliveries), so every <see cref="CampaignStats"/> says which of these it holds; a count it does not
/// report reads 0 and a rate over it is <see langword="null"/>.</remarks>
[Flags]
public enum CampaignMetric
{
    /// <summary>No count.</summary>
    None = 0,

    /// <summary>Messages the vendor accepted for sending (SendGrid <c>processed</c>, Mailgun <c>accepted</c>, Postmark
    /// <c>Sent</c>, a send the SDK recorded).</summary>
    Sent = 1 << 0,

    /// <summary>Distinct recipients sent to.</summary>
    UniqueRecipients = 1 << 1,

    /// <summary>Messages the receiving servers accepted.</summary>
    Delivered = 1 << 2,

    /// <summary>Messages the vendor did not send (suppressed, invalid).</summary>
    Dropped = 1 << 3,

    /// <summary>Bounced messages, every kind.</summary>
    Bounces = 1 << 4,

    /// <summary>Bounces split into hard, soft and block (<see cref="CampaignStats.HardBounces"/> and the others).</summary>
    BounceKinds = 1 << 5,

    /// <summary>Opens by people (and by clients the source could not tell from people), repeats included.</summary>
    TotalOpens = 1 << 6,

    /// <summary>Distinct recipients who opened.</summary>
    UniqueOpens = 1 << 7,

    /// <summary>Clicks by people (and by clients the source could not tell from people), repeats included.</summary>
    TotalClicks = 1 << 8,

    /// <summary>Distinct recipients who clicked.</summary>
    UniqueClicks = 1 << 9,

    /// <summary>Opens and clicks by machines (Apple Mail Privacy Protection, image proxies, link scanners) counted apart
    /// from the human ones. Without it, the open and click counts include whatever machines the source counted.</summary>
    MachineEngagement = 1 << 10,

    /// <summary>Recipients who unsubscribed.</summary>
    Unsubscribes = 1 << 11,

    /// <summary>Recipients who reported spam.</summary>
    SpamReports = 1 << 12,
}
