namespace Martech.Sdk;

/// <summary>
/// Records what happened to items, for the SLA monitor: a touch logged in your CRM, a reply sent outside the SDK, a
/// conversation paused while waiting on the customer. Resolve it from DI after <c>AddSlas()</c>.
/// </summary>
/// <example>
/// <code>
/// await tracker.RecordAsync(SlaItemKind.Lead, lead.Id!, new SlaItemEvent { Type = SlaItemEventType.Touched, OccurredAt = now, Actor = "rep-7" });
/// </code>
/// </example>
public interface ISlaTracker
{
    /// <summary>Appends events to an item's history (an event whose <see cref="SlaItemEvent.Id"/> is already recorded
    /// is skipped).</summary>
    /// <param name="kind">The item's kind.</param>
    /// <param name="itemId">The item's id (for leads, the leads provider's id).</param>
    /// <param name="events">The events.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many were new.</returns>
    /// <exception cref="ArgumentException">The kind or id is empty, or an event is <see langword="null"/>, has no
    /// type, an <see cref="SlaItemEvent.OccurredAt"/> before 1970 or after 9000 (such as one left unset), an empty id, or
    /// a property without a name or value; the message names the event's index and the field.</exception>
    Task<int> RecordAsync(SlaItemKind kind, string itemId, IReadOnlyList<SlaItemEvent> events, CancellationToken cancellationToken = default);
}
