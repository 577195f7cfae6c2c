namespace Martech.Sdk;

/// <summary>
/// Where the SLA monitor keeps its state: the histories of items (recorded events, and what it observed of leads read
/// from a provider) and, per policy and item, the last transition it notified. The in-memory store is the default; a
/// durable one keeps histories and notifications across restarts, and one shared by several processes keeps them from
/// alerting twice.
/// </summary>
/// <remarks>Implementations are thread-safe (and, when shared, safe across processes):
/// <see cref="TrySetNotificationAsync"/> is an atomic compare-and-set, which is what makes a transition notified once
/// when several monitors evaluate at the same time.</remarks>
public interface ISlaStore
{
    /// <summary>The recorded history of an item, oldest first; empty when none is recorded.</summary>
    /// <param name="kind">The item's kind.</param>
    /// <param name="itemId">The item's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The events.</returns>
    Task<IReadOnlyList<SlaItemEvent>> GetHistoryAsync(SlaItemKind kind, string itemId, CancellationToken cancellationToken = default);

    /// <summary>Appends events to an item's history (creating the item), skipping events whose
    /// <see cref="SlaItemEvent.Id"/> the item already holds.</summary>
    /// <param name="kind">The item's kind.</param>
    /// <param name="itemId">The item's id.</param>
    /// <param name="events">The events.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many were new.</returns>
    Task<int> AppendAsync(SlaItemKind kind, string itemId, IReadOnlyList<SlaItemEvent> events, CancellationToken cancellationToken = default);

    /// <summary>Every item with a recorded history, optionally of one kind.</summary>
    /// <param name="kind">Only items of this kind; <see langword="null"/> for all.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The items, with their histories.</returns>
    IAsyncEnumerable<SlaItem> ListItemsAsync(SlaItemKind? kind = null, CancellationToken cancellationToken = default);

    /// <summary>The items whose person has this email address (the latest address their history sets).</summary>
    /// <param name="email">The address.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The items; empty when none.</returns>
    Task<IReadOnlyList<SlaItem>> FindByEmailAsync(EmailAddress email, CancellationToken cancellationToken = default);

    /// <summary>The last notification state of a policy's clock on an item.</summary>
    /// <param name="key">The policy and item.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The state, or <see langword="null"/> when the monitor has not seen the clock.</returns>
    Task<SlaNotificationState?> GetNotificationAsync(SlaNotificationKey key, CancellationToken cancellationToken = default);

    /// <summary>Atomically replaces the notification state when it still equals <paramref name="expected"/>: the claim
    /// that makes one monitor, and only one, notify a transition.</summary>
    /// <param name="key">The policy and item.</param>
    /// <param name="expected">The state read before (<see langword="null"/>: none yet).</param>
    /// <param name="next">The new state; <see langword="null"/> removes it (a claim given back after a failed escalation).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when replaced; <see langword="false"/> when the state had changed.</returns>
    Task<bool> TrySetNotificationAsync(SlaNotificationKey key, SlaNotificationState? expected, SlaNotificationState? next, CancellationToken cancellationToken = default);

    /// <summary>Removes an item's history and its notification states under every policy: what the monitor's retention
    /// (<see cref="SlaOptions.ClosedItemRetention"/>) calls for items whose clocks are all closed and whose last event is
    /// old. A store that keeps everything leaves this as it is (it removes nothing).</summary>
    /// <param name="kind">The item's kind.</param>
    /// <param name="itemId">The item's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when the item was removed.</returns>
    Task<bool> RemoveItemAsync(SlaItemKind kind, string itemId, CancellationToken cancellationToken = default) => Task.FromResult(false);
}
