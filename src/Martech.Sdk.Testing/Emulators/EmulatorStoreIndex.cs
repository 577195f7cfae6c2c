using System.Diagnostics.CodeAnalysis;

namespace Martech.Sdk.Testing;

/// <summary>
/// An index of an <see cref="EmulatorStore{T}"/> on a key of its items (an email address, an external id), kept up to date
/// by every write to the store, so that an emulator finds items by that key in O(1) instead of scanning the store.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
/// <remarks>Created by <see cref="EmulatorStore{T}.AddIndex"/> or <see cref="EmulatorStore{T}.AddMultiKeyIndex"/>;
/// thread-safe, under the store's lock. Items sharing a key come in creation order.</remarks>
/// <example>
/// <code>
/// var contacts = new EmulatorStore&lt;Contact&gt;();
/// EmulatorStoreIndex&lt;Contact&gt; byEmail = contacts.AddIndex(c =&gt; c.Email, StringComparer.OrdinalIgnoreCase);
/// if (byEmail.TryGetFirst("Ada@Example.com", out Contact? existing))
/// {
///     contacts.Set(existing.Id, existing with { Name = "Ada" });
/// }
/// </code>
/// </example>
public sealed class EmulatorStoreIndex<T>
{
    private readonly EmulatorStore<T> _store;
    private readonly Func<T, string?>? _keyOf;
    private readonly Func<T, IEnumerable<string?>?>? _keysOf;
    private readonly Dictionary<string, object> _buckets;

    internal EmulatorStoreIndex(EmulatorStore<T> store, Func<T, string?>? keyOf, Func<T, IEnumerable<string?>?>? keysOf, StringComparer comparer)
    {
        _store = store;
        _keyOf = keyOf;
        _keysOf = keysOf;
        Comparer = comparer;
        _buckets = new Dictionary<string, object>(comparer);
    }

    /// <summary>Gets how the index compares keys.</summary>
    public StringComparer Comparer { get; }

    /// <summary>The index's position in the store's list of indexes.</summary>
    internal int Slot { get; set; }

    /// <summary>Finds the first item, in creation order, with a key.</summary>
    /// <param name="key">The key.</param>
    /// <param name="item">The item, when found.</param>
    /// <returns><see langword="true"/> when an item has the key.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is <see langword="null"/>.</exception>
    public bool TryGetFirst(string key, [MaybeNullWhen(false)] out T item)
    {
        ArgumentNullException.ThrowIfNull(key);
        EmulatorStore<T>.Entry? first = _store.Locked(() => _buckets.TryGetValue(key, out object? bucket)
            ? bucket as EmulatorStore<T>.Entry ?? ((List<EmulatorStore<T>.Entry>)bucket)[0]
            : null);
        item = first is null ? default : first.Item;
        return first is not null;
    }

    /// <summary>Gets the items with a key, in creation order.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The items; empty when none has the key.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is <see langword="null"/>.</exception>
    public IReadOnlyList<T> GetAll(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return GetAll([key]);
    }

    /// <summary>Gets the items with any of several keys, each once, in creation order.</summary>
    /// <param name="keys">The keys.</param>
    /// <returns>The items; empty when none has any of the keys.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="keys"/> is <see langword="null"/>.</exception>
    public IReadOnlyList<T> GetAll(IEnumerable<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        string[] wanted = [.. keys];
        return _store.Locked(() => Entries(wanted).ConvertAll(static e => e.Item));
    }

    /// <summary>Reads one page of the items with any of several keys, in creation order, with the store's cursors (see
    /// <see cref="EmulatorStore{T}.TryGetPage(string?, int, out EmulatorPage{T}?, Func{T, bool}?)"/>): the search of an
    /// emulator whose filter names a unique key, without visiting the rest of the store.</summary>
    /// <param name="keys">The keys.</param>
    /// <param name="cursor">The cursor of the page, or <see langword="null"/> or empty for the first page.</param>
    /// <param name="limit">The most items to return; at least 1.</param>
    /// <param name="page">The page, when the cursor is valid; its <see cref="EmulatorPage{T}.Total"/> counts the
    /// matches.</param>
    /// <param name="filter">Which of those items to list; <see langword="null"/> for all.</param>
    /// <returns><see langword="false"/> when the cursor is not one the store issued.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="keys"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is zero or negative.</exception>
    public bool TryGetPage(IEnumerable<string> keys, string? cursor, int limit, [NotNullWhen(true)] out EmulatorPage<T>? page, Func<T, bool>? filter = null)
    {
        ArgumentNullException.ThrowIfNull(keys);
        string[] wanted = [.. keys];
        return _store.TryGetPageOf(cursor, limit, out page, filter, () => Entries(wanted));
    }

    /// <summary>The key or keys of an item: null, a string, or a string array without duplicates.</summary>
    internal object? KeysOf(T item)
    {
        if (_keyOf is not null)
        {
            return _keyOf(item);
        }

        if (_keysOf!(item) is not { } keys)
        {
            return null;
        }

        List<string>? distinct = null;
        foreach (string? key in keys)
        {
            if (key is not null && !(distinct ??= []).Exists(k => Comparer.Equals(k, key)))
            {
                distinct.Add(key);
            }
        }

        return distinct switch
        {
            null => null,
            [string single] => single,
            _ => distinct.ToArray(),
        };
    }

    /// <summary>Indexes a new entry under its keys (the store's lock is held).</summary>
    internal void Add(EmulatorStore<T>.Entry entry, object? keys)
    {
        SetKeys(entry, keys);
        foreach (string key in Each(keys))
        {
            Insert(key, entry);
        }
    }

    /// <summary>Re-indexes an entry whose item is being replaced (the store's lock is held).</summary>
    internal void Move(EmulatorStore<T>.Entry entry, object? keys)
    {
        object? old = entry.IndexKeys is { } slots && Slot < slots.Length ? slots[Slot] : null;
        if (SameKeys(old, keys))
        {
            SetKeys(entry, keys);
            return;
        }

        Remove(entry);
        Add(entry, keys);
    }

    /// <summary>Takes an entry out of the index (the store's lock is held).</summary>
    internal void Remove(EmulatorStore<T>.Entry entry)
    {
        if (entry.IndexKeys is not { } slots || Slot >= slots.Length)
        {
            return;
        }

        foreach (string key in Each(slots[Slot]))
        {
            if (!_buckets.TryGetValue(key, out object? bucket))
            {
                continue;
            }

            if (bucket is List<EmulatorStore<T>.Entry> list)
            {
                int at = EmulatorStore<T>.IndexAtOrAfter(list, entry.Sequence);
                if (at < list.Count && ReferenceEquals(list[at], entry))
                {
                    list.RemoveAt(at);
                }

                if (list.Count == 1)
                {
                    _buckets[key] = list[0];
                }
            }
            else if (ReferenceEquals(bucket, entry))
            {
                _buckets.Remove(key);
            }
        }

        slots[Slot] = null;
    }

    internal void Clear() => _buckets.Clear();

    private static string[] Each(object? keys) => keys switch
    {
        null => [],
        string key => [key],
        _ => (string[])keys,
    };

    private void SetKeys(EmulatorStore<T>.Entry entry, object? keys)
    {
        object?[]? slots = entry.IndexKeys;
        if (slots is null || slots.Length <= Slot)
        {
            Array.Resize(ref slots, Slot + 1);
            entry.IndexKeys = slots;
        }

        slots[Slot] = keys;
    }

    private static bool SameKeys(object? left, object? right) => (left, right) switch
    {
        (null, null) => true,
        (string a, string b) => string.Equals(a, b, StringComparison.Ordinal),
        (string[] a, string[] b) => a.AsSpan().SequenceEqual(b),
        _ => false,
    };

    private void Insert(string key, EmulatorStore<T>.Entry entry)
    {
        if (!_buckets.TryGetValue(key, out object? bucket))
        {
            _buckets.Add(key, entry);
            return;
        }

        if (bucket is not List<EmulatorStore<T>.Entry> list)
        {
            list = [(EmulatorStore<T>.Entry)bucket];
            _buckets[key] = list;
        }

        if (list[^1].Sequence < entry.Sequence)
        {
            list.Add(entry);
        }
        else
        {
            list.Insert(EmulatorStore<T>.IndexAtOrAfter(list, entry.Sequence), entry);
        }
    }

    /// <summary>The live entries with any of the keys, each once, in creation order (the store's lock is held).</summary>
    private List<EmulatorStore<T>.Entry> Entries(string[] keys)
    {
        var entries = new List<EmulatorStore<T>.Entry>();
        foreach (string key in keys)
        {
            if (key is null || !_buckets.TryGetValue(key, out object? bucket))
            {
                continue;
            }

            if (bucket is List<EmulatorStore<T>.Entry> list)
            {
                entries.AddRange(list);
            }
            else
            {
                entries.Add((EmulatorStore<T>.Entry)bucket);
            }
        }

        if (keys.Length > 1 && entries.Count > 1)
        {
            // An item may have several of the keys: sort, then drop the repeats.
            entries.Sort(static (a, b) => a.Sequence.CompareTo(b.Sequence));
            int kept = 1;
            for (int i = 1; i < entries.Count; i++)
            {
                if (!ReferenceEquals(entries[i], entries[kept - 1]))
                {
                    entries[kept++] = entries[i];
                }
            }

            entries.RemoveRange(kept, entries.Count - kept);
        }

        return entries;
    }
}
