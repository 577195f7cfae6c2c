namespace Martech.Sdk;

/// <summary>Something that happened to a sent email: processed, delivered, deferred, bounced, dropped, opened, clicked,
/// reported as spam, unsubscribed.</summary>
public sealed record EmailEvent : MartechEvent
{
    /// <summary>What happened.</summary>
    public required EmailEventType Type { get; init; }

    /// <summary>The recipient; the same value as <see cref="MartechEvent.Email"/>.</summary>
    /// <exception cref="ArgumentException">Set to an empty address.</exception>
    public required EmailAddress Recipient
    {
        get => Email ?? default;
        init => Email = value.IsEmpty ? throw new ArgumentException("An email event needs a recipient.", nameof(Recipient)) : value;
    }

    /// <summary>The vendor's id of the message: the id the send returned (SendGrid <c>X-Message-Id</c>, Mailgun and
    /// Postmark message ids), so an event finds its send.</summary>
    public string? MessageId { get; init; }

    /// <summary>The clicked URL, for <see cref="EmailEventType.Clicked"/>.</summary>
    public Uri? Url { get; init; }

    /// <summary>The bounce, block, deferral or drop reason the vendor gave (an SMTP response or a vendor code).</summary>
    public string? Reason { get; init; }

    /// <summary>What kind of bounce, for <see cref="EmailEventType.Bounced"/>: hard (the address does not exist), soft
    /// (a temporary failure the vendor gave up on), or block (the receiving server refused the sender).</summary>
    public EmailBounceKind? BounceKind { get; init; }

    /// <summary>Who made an open or a click: a person, Apple Mail Privacy Protection, Gmail's image proxy, a link
    /// scanner, or unknown. Machine opens and clicks inflate engagement rates; <c>docs/webhooks.md</c> gives the rules.</summary>
    public EngagementSource? Source { get; init; }

    /// <summary>The user agent the vendor recorded for an open or a click.</summary>
    public string? UserAgent { get; init; }

    /// <summary>The IP address the vendor recorded (the opener's, the clicker's, or the receiving server's).</summary>
    public string? IpAddress { get; init; }

    /// <summary>The unsubscribe group or list, for group unsubscribes and resubscribes (SendGrid <c>asm_group_id</c>,
    /// a Mailgun tag, a Postmark message stream).</summary>
    public string? UnsubscribeGroupId { get; init; }
}
