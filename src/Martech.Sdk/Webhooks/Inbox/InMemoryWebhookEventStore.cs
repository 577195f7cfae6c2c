using System.Runtime.CompilerServices;

namespace Martech.Sdk;

/// <summary>
/// The default <see cref="IWebhookEventStore"/>: events in memory, deduplicated for the dedupe window or until
/// <see cref="Capacity"/> events are held, whichever ends first. Pending events are lost with the process; a vendor that
/// got its 2xx does not send them again, so use a durable store where that matters.
/// </summary>
/// <remarks>When every slot holds a pending or parked event, <see cref="AddAsync"/> throws
/// <see cref="WebhookStoreFullException"/> (the endpoint answers 503 and the vendor retries): it never evicts an event
/// that was not handled. Handled events are evicted oldest first when room is needed.</remarks>
public sealed class InMemoryWebhookEventStore : IWebhookEventStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly SortedSet<(DateTimeOffset Due, long Sequence, string Key)> _pending = [];
    private readonly Dictionary<string, Entry> _leased = new(StringComparer.Ordinal);
    private readonly Queue<Entry> _done = new();
    private readonly Dictionary<string, LinkedListNode<(string Key, DateTimeOffset Version)>> _versions = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Key, DateTimeOffset Version)> _versionOrder = new();
    private readonly TimeProvider _time;
    private readonly long[] _counts = new long[Enum.GetValues<WebhookEventState>().Length];
    private long _sequence;

    /// <summary>Creates a store.</summary>
    /// <param name="capacity">The most events held at once, pending, parked and handled together.</param>
    /// <param name="dedupeWindow">How long a handled event's key is remembered.</param>
    /// <param name="timeProvider">The clock; the system clock when <see langword="null"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is below 1 or the window is not positive.</exception>
    public InMemoryWebhookEventStore(int capacity = 100_000, TimeSpan? dedupeWindow = null, TimeProvider? timeProvider = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        DedupeWindow = dedupeWindow ?? TimeSpan.FromHours(72);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(DedupeWindow, TimeSpan.Zero, nameof(dedupeWindow));
        Capacity = capacity;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The most events held at once.</summary>
    public int Capacity { get; }

    /// <summary>How long a handled event's key is remembered.</summary>
    public TimeSpan DedupeWindow { get; }

    /// <inheritdoc />
    public Task<IReadOnlyList<bool>> AddAsync(IReadOnlyList<MartechEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        cancellationToken.ThrowIfCancellationRequested();
        var added = new bool[events.Count];
        lock (_gate)
        {
            DateTimeOffset now = _time.GetUtcNow();
            EvictExpired(now);
            var keys = new string[events.Count];
            var fresh = new HashSet<string>(StringComparer.Ordinal);
            for (int i = 0; i < events.Count; i++)
            {
                MartechEvent e = events[i] ?? throw new ArgumentException($"The event at index {i} is null.", nameof(events));
                keys[i] = WebhookEventRecord.KeyOf(e);
                added[i] = !_entries.ContainsKey(keys[i]) && fresh.Add(keys[i]);
            }

            int needed = _entries.Count + fresh.Count - Capacity;
            while (needed > 0 && _done.TryPeek(out Entry? oldest))
            {
                _done.Dequeue();
                if (RemoveDone(oldest))
                {
                    needed--;
                }
            }

            if (needed > 0)
            {
                throw new WebhookStoreFullException($"The in-memory webhook store holds {_entries.Count} events, {Capacity} at most, none of them handled: handlers are behind or failing. Raise Martech:Webhooks:InMemoryCapacity, add handler concurrency, or use a durable store.");
            }

            for (int i = 0; i < events.Count; i++)
            {
                if (!added[i])
                {
                    continue;
                }

                var entry = new Entry(keys[i], OwnPayload(events[i]), now, ++_sequence) { Due = now };
                _entries.Add(entry.Key, entry);
                _counts[(int)WebhookEventState.Pending]++;
                _pending.Add((now, entry.Sequence, entry.Key));
            }
        }

        return Task.FromResult<IReadOnlyList<bool>>(added);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<WebhookEventRecord>> LeaseAsync(int maxCount, TimeSpan leaseDuration, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(leaseDuration, TimeSpan.Zero);
        cancellationToken.ThrowIfCancellationRequested();
        var leased = new List<WebhookEventRecord>();
        lock (_gate)
        {
            DateTimeOffset now = _time.GetUtcNow();
            foreach (Entry expired in _leased.Values.Where(e => e.Due <= now).ToList())
            {
                _leased.Remove(expired.Key);
                SetState(expired, WebhookEventState.Pending);
                expired.LeaseId = null;
                expired.Due = now;
                _pending.Add((now, expired.Sequence, expired.Key));
            }

            while (leased.Count < maxCount && _pending.Count > 0)
            {
                var first = _pending.Min;
                if (first.Due > now)
                {
                    break;
                }

                _pending.Remove(first);
                Entry entry = _entries[first.Key];
                SetState(entry, WebhookEventState.Leased);
                entry.Attempts++;
                entry.Due = now + leaseDuration;
                entry.LeaseId = Guid.NewGuid().ToString("N");
                _leased[entry.Key] = entry;
                leased.Add(entry.ToRecord());
            }
        }

        return Task.FromResult<IReadOnlyList<WebhookEventRecord>>(leased);
    }

    /// <inheritdoc />
    public Task<bool> CompleteAsync(WebhookEventRecord record, WebhookEventState state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (state is not (WebhookEventState.Handled or WebhookEventState.Superseded))
        {
            throw new ArgumentOutOfRangeException(nameof(state), state, "An event completes as Handled or Superseded.");
        }

        lock (_gate)
        {
            if (!TakeLease(record, out Entry? entry))
            {
                return Task.FromResult(false);
            }

            SetState(entry, state);
            entry.Due = null;
            _done.Enqueue(entry);
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task<bool> RetryAsync(WebhookEventRecord record, DateTimeOffset notBefore, string? error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_gate)
        {
            if (!TakeLease(record, out Entry? entry))
            {
                return Task.FromResult(false);
            }

            SetState(entry, WebhookEventState.Pending);
            entry.Due = notBefore;
            entry.LastError = error ?? entry.LastError;
            _pending.Add((notBefore, entry.Sequence, entry.Key));
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task<bool> ParkAsync(WebhookEventRecord record, string error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_gate)
        {
            if (!TakeLease(record, out Entry? entry))
            {
                return Task.FromResult(false);
            }

            SetState(entry, WebhookEventState.Parked);
            entry.Due = null;
            entry.LastError = error;
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<WebhookEventRecord> ListAsync(WebhookEventState state, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        WebhookEventRecord[] snapshot;
        lock (_gate)
        {
            snapshot = [.. _entries.Values.Where(e => e.State == state).OrderBy(e => e.Sequence).Select(e => e.ToRecord())];
        }

        foreach (WebhookEventRecord record in snapshot)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return record;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<bool> RequeueAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        lock (_gate)
        {
            if (!_entries.TryGetValue(key, out Entry? entry) || entry.State is WebhookEventState.Pending or WebhookEventState.Leased)
            {
                return Task.FromResult(false);
            }

            DateTimeOffset now = _time.GetUtcNow();
            SetState(entry, WebhookEventState.Pending);
            entry.Attempts = 0;
            entry.Due = now;
            _pending.Add((now, entry.Sequence, entry.Key));
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task<DateTimeOffset?> GetVersionAsync(string resourceKey, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(resourceKey);
        lock (_gate)
        {
            return Task.FromResult<DateTimeOffset?>(_versions.TryGetValue(resourceKey, out var node) ? node.Value.Version : null);
        }
    }

    /// <inheritdoc />
    public Task<bool> TryAdvanceVersionAsync(string resourceKey, DateTimeOffset version, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(resourceKey);
        lock (_gate)
        {
            if (_versions.TryGetValue(resourceKey, out var node))
            {
                if (node.Value.Version > version)
                {
                    return Task.FromResult(false);
                }

                // Recently changed contacts stay; the least recently changed are forgotten first.
                _versionOrder.Remove(node);
                node.Value = (resourceKey, version);
                _versionOrder.AddLast(node);
                return Task.FromResult(true);
            }

            while (_versions.Count >= Capacity && _versionOrder.First is { } oldest)
            {
                _versionOrder.RemoveFirst();
                _versions.Remove(oldest.Value.Key);
            }

            _versions[resourceKey] = _versionOrder.AddLast((resourceKey, version));
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task<WebhookStoreCounts> CountAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(new WebhookStoreCounts(
                _counts[(int)WebhookEventState.Pending],
                _counts[(int)WebhookEventState.Leased],
                _counts[(int)WebhookEventState.Parked],
                _counts[(int)WebhookEventState.Handled] + _counts[(int)WebhookEventState.Superseded]));
        }
    }

    // Vendor readers keep each event's raw JSON as a slice of the request body; a kept event gets its own copy, so one
    // remembered event never holds a whole batch in memory.
    private static MartechEvent OwnPayload(MartechEvent e) =>
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(e.RawUtf8, out ArraySegment<byte> segment)
        && segment.Array is { } array && (segment.Offset != 0 || segment.Count != array.Length)
            ? e with { RawUtf8 = e.RawUtf8.ToArray() }
            : e;

    // A done entry is in the queue once per completion; only its latest completion may evict it.
    private static bool IsDone(Entry entry) => entry.State is WebhookEventState.Handled or WebhookEventState.Superseded;

    private bool RemoveDone(Entry entry)
    {
        if (!IsDone(entry) || !_entries.TryGetValue(entry.Key, out Entry? current) || !ReferenceEquals(current, entry))
        {
            return false;
        }

        _entries.Remove(entry.Key);
        _counts[(int)entry.State]--;
        return true;
    }

    private void SetState(Entry entry, WebhookEventState state)
    {
        _counts[(int)entry.State]--;
        _counts[(int)state]++;
        entry.State = state;
    }

    private bool TakeLease(WebhookEventRecord record, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Entry? entry)
    {
        if (!_entries.TryGetValue(record.Key, out entry) || entry.State != WebhookEventState.Leased || !string.Equals(entry.LeaseId, record.LeaseId, StringComparison.Ordinal))
        {
            entry = null;
            return false;
        }

        _leased.Remove(entry.Key);
        entry.LeaseId = null;
        return true;
    }

    private void EvictExpired(DateTimeOffset now)
    {
        DateTimeOffset cutoff = now - DedupeWindow;
        while (_done.TryPeek(out Entry? oldest) && (oldest.ReceivedAt < cutoff || !IsDone(oldest)))
        {
            _done.Dequeue();
            RemoveDone(oldest);
        }
    }

    private sealed class Entry(string key, MartechEvent martechEvent, DateTimeOffset receivedAt, long sequence)
    {
        public string Key { get; } = key;

        public MartechEvent Event { get; } = martechEvent;

        public DateTimeOffset ReceivedAt { get; } = receivedAt;

        public long Sequence { get; } = sequence;

        public WebhookEventState State { get; set; } = WebhookEventState.Pending;

        public int Attempts { get; set; }

        public DateTimeOffset? Due { get; set; }

        public string? LastError { get; set; }

        public string? LeaseId { get; set; }

        public WebhookEventRecord ToRecord() => new()
        {
            Key = Key,
            Event = Event,
            State = State,
            Attempts = Attempts,
            ReceivedAt = ReceivedAt,
            NotBefore = Due,
            LastError = LastError,
            LeaseId = LeaseId,
        };
    }
}
