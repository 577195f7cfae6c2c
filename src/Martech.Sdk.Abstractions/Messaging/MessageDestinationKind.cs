namespace Martech.Sdk;

/// <summary>What kind of place a message goes to.</summary>
public enum MessageDestinationKind
{
    /// <summary>A channel or group, such as a Slack channel or a Teams Workflows webhook.</summary>
    Channel,

    /// <summary>A user, by the vendor's user id.</summary>
    User,

    /// <summary>An existing conversation, such as an Intercom conversation.</summary>
    Conversation,

    /// <summary>A phone number, for SMS or WhatsApp.</summary>
    PhoneNumber,
}
