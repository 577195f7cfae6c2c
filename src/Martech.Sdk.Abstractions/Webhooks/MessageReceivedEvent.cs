namespace Martech.Sdk;

/// <summary>A person sent a chat or SMS message in.</summary>
public sealed record MessageReceivedEvent : MartechEvent
{
    /// <summary>Where it arrived: a conversation, channel or the receiving phone number.</summary>
    public required MessageDestination Conversation { get; init; }

    /// <summary>Who sent it: a user id or phone number.</summary>
    public required string From { get; init; }

    /// <summary>The text.</summary>
    public string? Text { get; init; }
}
