namespace Martech.Sdk;

/// <summary>A new-lead notification that waits for its owner's working hours.</summary>
/// <param name="OwnerId">The owner.</param>
/// <param name="LeadId">The lead.</param>
/// <param name="NotifyAt">The owner's next working time when the lead was assigned.</param>
/// <param name="Title">The card's title.</param>
/// <param name="Text">The card's text.</param>
/// <param name="Fields">The card's fields.</param>
/// <param name="Link">The link to the lead, if any.</param>
public sealed record PendingLeadNotification(
    string OwnerId,
    string LeadId,
    DateTimeOffset NotifyAt,
    string Title,
    string Text,
    IReadOnlyList<MessageCardField> Fields,
    Uri? Link);
