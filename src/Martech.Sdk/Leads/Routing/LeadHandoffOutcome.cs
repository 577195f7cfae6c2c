namespace Martech.Sdk;

/// <summary>What a handoff did with one lead: the decision, the write and the notification.</summary>
public sealed record LeadHandoffOutcome
{
    /// <summary>The lead as given.</summary>
    public required Lead Lead { get; init; }

    /// <summary>Who was picked and why.</summary>
    public required LeadRoutingDecision Decision { get; init; }

    /// <summary>What happened to the lead.</summary>
    public required LeadHandoffStatus Status { get; init; }

    /// <summary>The lead as the CRM stored it after the write; <see langword="null"/> unless assigned.</summary>
    public Lead? Updated { get; init; }

    /// <summary>Why the write failed; <see langword="null"/> otherwise.</summary>
    public Exception? Error { get; init; }

    /// <summary>Whether the owner was notified.</summary>
    public LeadNotificationStatus Notification { get; init; }

    /// <summary>Why the notification failed; <see langword="null"/> otherwise.</summary>
    public Exception? NotificationError { get; init; }
}
