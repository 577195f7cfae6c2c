namespace Martech.Sdk;

/// <summary>Something that happened to a sent email: delivered, opened, clicked, bounced, unsubscribed, spam.</summary>
public sealed record EmailEvent : MartechEvent
{
    /// <summary>What happened.</summary>
    public required EmailEventType Type { get; init; }

    /// <summary>The recipient.</summary>
    public required EmailAddress Recipient { get; init; }

    /// <summary>The vendor's id of the message.</summary>
    public string? MessageId { get; init; }

    /// <summary>The campaign the send belonged to, where it was tagged.</summary>
    public string? CampaignId { get; init; }

    /// <summary>The clicked URL, for <see cref="EmailEventType.Clicked"/>.</summary>
    public Uri? Url { get; init; }

    /// <summary>The bounce or drop reason.</summary>
    public string? Reason { get; init; }

    /// <summary>The metadata sent with the message, echoed back.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();
}
