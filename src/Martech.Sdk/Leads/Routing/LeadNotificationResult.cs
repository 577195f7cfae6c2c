namespace Martech.Sdk;

/// <summary>A deferred notification <see cref="LeadRouter.SendDueNotificationsAsync"/> tried to send.</summary>
/// <param name="OwnerId">The owner.</param>
/// <param name="LeadId">The lead.</param>
/// <param name="Status"><see cref="LeadNotificationStatus.Sent"/>, or <see cref="LeadNotificationStatus.Failed"/>.</param>
/// <param name="Error">Why it failed; <see langword="null"/> otherwise.</param>
public sealed record LeadNotificationResult(string OwnerId, string LeadId, LeadNotificationStatus Status, Exception? Error);
