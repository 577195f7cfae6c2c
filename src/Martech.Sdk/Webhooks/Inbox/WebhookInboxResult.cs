namespace Martech.Sdk;

/// <summary>What <see cref="MartechWebhookInbox.ReceiveAsync"/> did with a request, and what to answer the vendor.</summary>
public sealed record WebhookInboxResult
{
    /// <summary>The HTTP status to answer.</summary>
    public required int StatusCode { get; init; }

    /// <summary>The content type of <see cref="Body"/>.</summary>
    public string? ContentType { get; init; }

    /// <summary>The body to answer with, if any.</summary>
    public string? Body { get; init; }

    /// <summary>Seconds the vendor should wait before trying again, for a 503.</summary>
    public int? RetryAfterSeconds { get; init; }

    /// <summary>Events recorded for the first time.</summary>
    public int Accepted { get; init; }

    /// <summary>Events already recorded (redeliveries), acknowledged and not handled again.</summary>
    public int Duplicates { get; init; }

    /// <summary>Why the request was rejected, or <see langword="null"/> when it was not.</summary>
    public WebhookVerificationException? Rejection { get; init; }
}
