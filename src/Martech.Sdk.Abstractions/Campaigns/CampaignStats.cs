namespace Martech.Sdk;

/// <summary>Email engagement of a campaign over a period.</summary>
/// <remarks>
/// Opens and clicks are counted once per recipient (unique), so one reader clicking ten times counts once.
/// <see cref="ClickThroughRate"/> is unique clicks ÷ unique recipients × 100 over the period.
/// </remarks>
public sealed record CampaignStats
{
    /// <summary>The campaign.</summary>
    public required string CampaignId { get; init; }

    /// <summary>The start of the period (inclusive); <see langword="null"/> for since the beginning.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>The end of the period (exclusive); <see langword="null"/> for up to now.</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>Distinct recipients sent to in the period.</summary>
    public int UniqueRecipients { get; init; }

    /// <summary>Messages the receiving servers accepted.</summary>
    public int Delivered { get; init; }

    /// <summary>Distinct recipients who opened.</summary>
    public int UniqueOpens { get; init; }

    /// <summary>Distinct recipients who clicked.</summary>
    public int UniqueClicks { get; init; }

    /// <summary>All clicks, repeat clicks included.</summary>
    public int TotalClicks { get; init; }

    /// <summary>Bounced messages.</summary>
    public int Bounces { get; init; }

    /// <summary>Recipients who unsubscribed.</summary>
    public int Unsubscribes { get; init; }

    /// <summary>Recipients who reported spam.</summary>
    public int SpamReports { get; init; }

    /// <summary>Unique clicks ÷ unique recipients × 100; 0 when nothing was sent.</summary>
    public double ClickThroughRate => UniqueRecipients == 0 ? 0 : UniqueClicks * 100.0 / UniqueRecipients;

    /// <summary>Unique opens ÷ unique recipients × 100; 0 when nothing was sent.</summary>
    public double OpenRate => UniqueRecipients == 0 ? 0 : UniqueOpens * 100.0 / UniqueRecipients;

    /// <summary>Bounces ÷ unique recipients × 100; 0 when nothing was sent.</summary>
    public double BounceRate => UniqueRecipients == 0 ? 0 : Bounces * 100.0 / UniqueRecipients;
}
