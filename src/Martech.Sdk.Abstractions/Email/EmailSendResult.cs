namespace Martech.Sdk;

/// <summary>The outcome of sending one email.</summary>
public sealed record EmailSendResult
{
    /// <summary>Accepted or withheld.</summary>
    public required SendStatus Status { get; init; }

    /// <summary>The vendor's message id, when accepted.</summary>
    public string? MessageId { get; init; }

    /// <summary>The recipients the message went to.</summary>
    public IReadOnlyList<EmailAddress> AcceptedRecipients { get; init; } = [];

    /// <summary>The recipients left out, and why.</summary>
    public IReadOnlyList<WithheldRecipient> WithheldRecipients { get; init; } = [];
}
