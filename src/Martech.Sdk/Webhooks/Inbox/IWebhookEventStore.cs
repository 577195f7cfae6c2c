namespace Martech.Sdk;

/// <summary>
/// Where received webhook events are recorded before the vendor gets its 2xx, deduplicated, and handed to handlers from:
/// the inbox. The in-memory store (the default) dedupes within a bounded window and loses pending events with the
/// process; a durable store (such as <c>Martech.Sdk.Sqlite</c>) keeps them across a crash, so nothing acknowledged is
/// lost.
/// </summary>
/// <remarks>
/// A dispatcher leases pending events for a while, runs their handlers, then completes, retries or parks them. A lease
/// that runs out (its dispatcher died) makes the event pending again, so handlers see every event at least once; the
/// record's key lets them be idempotent. Implementations are thread-safe and, for durable ones, safe across processes.
/// </remarks>
public interface IWebhookEventStore
{
    /// <summary>Records events not already held (by <see cref="WebhookEventRecord.KeyOf"/>) as pending, all or none; a
    /// durable store has them on disk when the task completes.</summary>
    /// <param name="events">The events of one request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>For each event, in order, whether it was new (<see langword="false"/>: a duplicate, also when the same
    /// key appears twice in <paramref name="events"/>).</returns>
    /// <exception cref="WebhookStoreFullException">The store holds as many pending events as it may.</exception>
    Task<IReadOnlyList<bool>> AddAsync(IReadOnlyList<MartechEvent> events, CancellationToken cancellationToken = default);

    /// <summary>Leases up to <paramref name="maxCount"/> pending events that are due (oldest first), or whose lease ran
    /// out, counting an attempt for each.</summary>
    /// <param name="maxCount">The most to lease.</param>
    /// <param name="leaseDuration">How long the lease holds; longer than a handler may run.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The leased records, each with its <see cref="WebhookEventRecord.LeaseId"/>.</returns>
    Task<IReadOnlyList<WebhookEventRecord>> LeaseAsync(int maxCount, TimeSpan leaseDuration, CancellationToken cancellationToken = default);

    /// <summary>Marks a leased event handled (or superseded); it stays for the dedupe window.</summary>
    /// <param name="record">The leased record.</param>
    /// <param name="state"><see cref="WebhookEventState.Handled"/> or <see cref="WebhookEventState.Superseded"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="false"/> when the lease was no longer this record's.</returns>
    Task<bool> CompleteAsync(WebhookEventRecord record, WebhookEventState state, CancellationToken cancellationToken = default);

    /// <summary>Makes a leased event pending again, due at <paramref name="notBefore"/>, after a handler failed.</summary>
    /// <param name="record">The leased record.</param>
    /// <param name="notBefore">When it may be leased again.</param>
    /// <param name="error">What failed.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="false"/> when the lease was no longer this record's.</returns>
    Task<bool> RetryAsync(WebhookEventRecord record, DateTimeOffset notBefore, string? error, CancellationToken cancellationToken = default);

    /// <summary>Parks a leased event whose handlers kept failing, for inspection and replay.</summary>
    /// <param name="record">The leased record.</param>
    /// <param name="error">The last failure.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="false"/> when the lease was no longer this record's.</returns>
    Task<bool> ParkAsync(WebhookEventRecord record, string error, CancellationToken cancellationToken = default);

    /// <summary>Lists the events in one state, oldest first (parked events for inspection, for example).</summary>
    /// <param name="state">The state.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The records.</returns>
    IAsyncEnumerable<WebhookEventRecord> ListAsync(WebhookEventState state, CancellationToken cancellationToken = default);

    /// <summary>Makes a parked (or handled) event pending again, due now, with its attempts reset: a replay.</summary>
    /// <param name="key">The event's key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="false"/> when no such event is held, or it is pending or leased already.</returns>
    Task<bool> RequeueAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Gets the newest version recorded for a resource key by <see cref="TryAdvanceVersionAsync"/>.</summary>
    /// <param name="resourceKey">The key, such as <c>HubSpot:contact:123|*</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The version, or <see langword="null"/> when none is recorded.</returns>
    Task<DateTimeOffset?> GetVersionAsync(string resourceKey, CancellationToken cancellationToken = default);

    /// <summary>Records <paramref name="version"/> for a resource key unless a newer one is recorded: the ordering guard
    /// that keeps a stale contact change from overwriting a newer one.</summary>
    /// <param name="resourceKey">The key.</param>
    /// <param name="version">The change's own timestamp.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="false"/> when a strictly newer version is recorded (the change is stale); an equal version
    /// passes, so a retried event is not mistaken for a stale one.</returns>
    Task<bool> TryAdvanceVersionAsync(string resourceKey, DateTimeOffset version, CancellationToken cancellationToken = default);

    /// <summary>Counts the events in each state.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The counts.</returns>
    Task<WebhookStoreCounts> CountAsync(CancellationToken cancellationToken = default);
}
