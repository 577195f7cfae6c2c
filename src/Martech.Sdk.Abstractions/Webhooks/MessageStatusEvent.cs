namespace Martech.Sdk;

/// <summary>A sent chat or SMS message changed delivery state (Twilio status callbacks, for example).</summary>
public sealed record MessageStatusEvent : MartechEvent
{
    /// <summary>The vendor's id of the message: the id its send returned.</summary>
    public required string MessageId { get; init; }

    /// <summary>The new state.</summary>
    public required MessageDeliveryStatus Status { get; init; }

    /// <summary>The recipient.</summary>
    public string? To { get; init; }

    /// <summary>The vendor's error code, for failures (a Twilio error code such as <c>30003</c>).</summary>
    public string? ErrorCode { get; init; }

    /// <summary>The vendor's error text, where it sends one.</summary>
    public string? ErrorMessage { get; init; }
}
