namespace Martech.Sdk;

/// <summary>The outcome of sending one chat or SMS message.</summary>
public sealed record MessageSendResult
{
    /// <summary>Accepted or withheld.</summary>
    public required SendStatus Status { get; init; }

    /// <summary>The vendor's id for the message (Slack <c>ts</c>, Twilio SID), when accepted.</summary>
    public string? MessageId { get; init; }

    /// <summary>The thread the message started or joined, to reply in later.</summary>
    public string? ThreadId { get; init; }

    /// <summary>Why the message was withheld, when it was.</summary>
    public WithheldRecipient? Withheld { get; init; }

    /// <summary>What was cut to fit the vendor's limits, one sentence per cut, when the provider was set to
    /// <see cref="OverLimitBehavior.Truncate"/>; empty when the message was sent whole.</summary>
    public IReadOnlyList<string> Truncations { get; init; } = [];
}
