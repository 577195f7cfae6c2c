namespace Martech.Sdk;

/// <summary>The kind of event an <see cref="EngagementScoringRule"/> scores.</summary>
public enum EngagementActivity
{
    /// <summary>An email open (<see cref="EmailEvent"/> of type <see cref="EmailEventType.Opened"/>).</summary>
    EmailOpened,

    /// <summary>An email click (<see cref="EmailEvent"/> of type <see cref="EmailEventType.Clicked"/>).</summary>
    EmailClicked,

    /// <summary>A form fill (<see cref="FormSubmissionEvent"/>).</summary>
    FormSubmitted,

    /// <summary>An inbound chat or SMS message (<see cref="MessageReceivedEvent"/>).</summary>
    MessageReceived,
}
