namespace Martech.Sdk;

/// <summary>Whether an owner was told about a lead.</summary>
public enum LeadNotificationStatus
{
    /// <summary>Not notified: no messaging provider, no destination for the owner, or the lead was not assigned.</summary>
    None,

    /// <summary>The card was sent.</summary>
    Sent,

    /// <summary>The card waits for the owner's next working time (<see cref="LeadRoutingDecision.NotifyAt"/>), sent by
    /// <see cref="LeadRouter.SendDueNotificationsAsync"/>.</summary>
    Deferred,

    /// <summary>Sending failed (the lead stays assigned); the error says why.</summary>
    Failed,
}
