using System.Runtime.CompilerServices;

namespace Martech.Sdk;

/// <summary>The default <see cref="ISlaStore"/>: histories and notification states in memory, thread-safe, with items
/// indexed by email address. Its state lives as long as the instance: share one instance between hosts
/// (<c>AddSlas().UseStore(store)</c>) to keep it across a host restart in one process; use a durable store to keep it
/// across processes. It supports <see cref="RemoveItemAsync"/>, so the monitor's retention
/// (<see cref="SlaOptions.ClosedItemRetention"/>) bounds its memory.</summary>
public sealed class InMemorySlaStore : ISlaStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Kind, string Id), Entry> _items = new(KeyComparer.Instance);
    private readonly Dictionary<SlaNotificationKey, SlaNotificationState> _notifications = new(NotificationKeyComparer.Instance);
    private readonly Dictionary<EmailAddress, HashSet<Entry>> _byEmail = [];
    private readonly Dictionary<(string Kind, string Id), List<SlaNotificationKey>> _notificationsByItem = new(KeyComparer.Instance);

    /// <summary>How many notification states it keeps.</summary>
    public int NotificationCount
    {
        get
        {
            lock (_gate)
            {
                return _notifications.Count;
            }
        }
    }

    /// <summary>How many items have a history.</summary>
    public int ItemCount
    {
        get
        {
            lock (_gate)
            {
                return _items.Count;
            }
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<SlaItemEvent>> GetHistoryAsync(SlaItemKind kind, string itemId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(itemId);
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<SlaItemEvent>>(_items.TryGetValue((kind.Value, itemId), out Entry? entry) ? entry.Events.ToArray() : []);
        }
    }

    /// <inheritdoc />
    public Task<int> AppendAsync(SlaItemKind kind, string itemId, IReadOnlyList<SlaItemEvent> events, CancellationToken cancellationToken = default)
    {
        SlaTracker.ThrowIfInvalid(kind, itemId, events);
        int added = 0;
        lock (_gate)
        {
            if (!_items.TryGetValue((kind.Value, itemId), out Entry? entry))
            {
                _items[(kind.Value, itemId)] = entry = new Entry(kind, itemId);
            }

            foreach (SlaItemEvent e in events)
            {
                if (e.Id is not null && !entry.Ids.Add(e.Id))
                {
                    continue;
                }

                entry.Events.Add(e);
                if (e.Email is { } email && entry.Email != email)
                {
                    Unindex(entry);
                    entry.Email = email;
                    if (!_byEmail.TryGetValue(email, out HashSet<Entry>? entries))
                    {
                        _byEmail[email] = entries = [];
                    }

                    entries.Add(entry);
                }

                added++;
            }
        }

        return Task.FromResult(added);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<SlaItem> ListItemsAsync(SlaItemKind? kind = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        List<(SlaItemKind Kind, string Id, SlaItemEvent[] Events)> snapshot;
        lock (_gate)
        {
            snapshot = [.. _items.Values.Where(e => kind is null || e.Kind == kind.Value).Select(e => (e.Kind, e.Id, e.Events.ToArray()))];
        }

        foreach ((SlaItemKind itemKind, string id, SlaItemEvent[] events) in snapshot)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return new SlaItem(itemKind, id, events);
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<SlaItem>> FindByEmailAsync(EmailAddress email, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<SlaItem>>(_byEmail.TryGetValue(email, out HashSet<Entry>? entries)
                ? [.. entries.Select(e => new SlaItem(e.Kind, e.Id, e.Events.ToArray()))]
                : []);
        }
    }

    /// <inheritdoc />
    public Task<SlaNotificationState?> GetNotificationAsync(SlaNotificationKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_gate)
        {
            return Task.FromResult(_notifications.GetValueOrDefault(key));
        }
    }

    /// <inheritdoc />
    public Task<bool> TrySetNotificationAsync(SlaNotificationKey key, SlaNotificationState? expected, SlaNotificationState? next, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_gate)
        {
            if (!Equals(_notifications.GetValueOrDefault(key), expected))
            {
                return Task.FromResult(false);
            }

            if (next is null)
            {
                _notifications.Remove(key);
            }
            else
            {
                if (expected is null)
                {
                    // A new key: remembered by item, so removing the item removes its states.
                    if (!_notificationsByItem.TryGetValue((key.ItemKind.Value, key.ItemId), out List<SlaNotificationKey>? keys))
                    {
                        _notificationsByItem[(key.ItemKind.Value, key.ItemId)] = keys = [];
                    }

                    keys.Add(key);
                }

                _notifications[key] = next;
            }

            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task<bool> RemoveItemAsync(SlaItemKind kind, string itemId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(itemId);
        lock (_gate)
        {
            if (!_items.Remove((kind.Value, itemId), out Entry? entry))
            {
                return Task.FromResult(false);
            }

            Unindex(entry);
            if (_notificationsByItem.Remove((kind.Value, itemId), out List<SlaNotificationKey>? keys))
            {
                foreach (SlaNotificationKey key in keys)
                {
                    _notifications.Remove(key);
                }
            }

            return Task.FromResult(true);
        }
    }

    private void Unindex(Entry entry)
    {
        if (entry.Email is { } old && _byEmail.TryGetValue(old, out HashSet<Entry>? entries) && entries.Remove(entry) && entries.Count == 0)
        {
            _byEmail.Remove(old);
        }
    }

    private sealed class Entry(SlaItemKind kind, string id)
    {
        public SlaItemKind Kind { get; } = kind;

        public string Id { get; } = id;

        public List<SlaItemEvent> Events { get; } = [];

        public HashSet<string> Ids { get; } = new(StringComparer.Ordinal);

        public EmailAddress? Email { get; set; }
    }

    private sealed class KeyComparer : IEqualityComparer<(string Kind, string Id)>
    {
        public static KeyComparer Instance { get; } = new();

        public bool Equals((string Kind, string Id) x, (string Kind, string Id) y) =>
            StringComparer.OrdinalIgnoreCase.Equals(x.Kind, y.Kind) && StringComparer.Ordinal.Equals(x.Id, y.Id);

        public int GetHashCode((string Kind, string Id) obj) =>
            HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Kind), StringComparer.Ordinal.GetHashCode(obj.Id));
    }

    private sealed class NotificationKeyComparer : IEqualityComparer<SlaNotificationKey>
    {
        public static NotificationKeyComparer Instance { get; } = new();

        public bool Equals(SlaNotificationKey? x, SlaNotificationKey? y) =>
            x is not null && y is not null && StringComparer.OrdinalIgnoreCase.Equals(x.Policy, y.Policy) && x.ItemKind == y.ItemKind && StringComparer.Ordinal.Equals(x.ItemId, y.ItemId);

        public int GetHashCode(SlaNotificationKey obj) =>
            HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Policy), obj.ItemKind, StringComparer.Ordinal.GetHashCode(obj.ItemId));
    }
}
