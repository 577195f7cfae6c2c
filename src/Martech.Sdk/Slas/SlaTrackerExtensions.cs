namespace Martech.Sdk;

/// <summary>Convenience overloads of <see cref="ISlaTracker"/>.</summary>
public static class SlaTrackerExtensions
{
    /// <summary>Appends one event to an item's history.</summary>
    /// <param name="tracker">The tracker.</param>
    /// <param name="kind">The item's kind.</param>
    /// <param name="itemId">The item's id.</param>
    /// <param name="itemEvent">The event.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when it was new.</returns>
    public static async Task<bool> RecordAsync(this ISlaTracker tracker, SlaItemKind kind, string itemId, SlaItemEvent itemEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tracker);
        ArgumentNullException.ThrowIfNull(itemEvent);
        return await tracker.RecordAsync(kind, itemId, [itemEvent], cancellationToken).ConfigureAwait(false) == 1;
    }
}
