namespace Martech.Sdk;

/// <summary>A person sent a chat or SMS message in: a Slack message, an Intercom reply, a Teams mention, an inbound
/// SMS.</summary>
public sealed record MessageReceivedEvent : MartechEvent
{
    /// <summary>Where it arrived: a channel (with the thread, where there is one), a conversation, or the receiving phone
    /// number.</summary>
    public required MessageDestination Conversation { get; init; }

    /// <summary>Who sent it: the vendor's user id, or the phone number.</summary>
    public required string From { get; init; }

    /// <summary>The text, as the vendor delivered it (Slack mrkdwn, Intercom HTML, Teams HTML, plain SMS text).</summary>
    public string? Text { get; init; }

    /// <summary>The vendor's id of the message (Slack <c>ts</c>, Intercom part id, Teams activity id, Twilio
    /// <c>MessageSid</c>).</summary>
    public string? MessageId { get; init; }
}
