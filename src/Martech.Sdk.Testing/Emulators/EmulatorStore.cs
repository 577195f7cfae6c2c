using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Martech.Sdk.Testing;

/// <summary>
/// A thread-safe in-memory store for an emulator's records: items by id, each with a sequence number that fixes its
/// place in listings, and cursor paging over that order.
/// </summary>
/// <typeparam name="T">The item type, typically the vendor's wire model.</typeparam>
/// <remarks>
/// Items keep their place when replaced, and new items go last, so a listing paged while items are added or removed
/// neither repeats nor skips the items that stay. A cursor is the sequence number of the next item, as decimal text;
/// emulators whose vendor uses opaque cursors encode it themselves (Base64 for Slack, for example).
/// </remarks>
/// <example>
/// <code>
/// var contacts = new EmulatorStore&lt;Contact&gt;();
/// Contact created = contacts.Create(id =&gt; new Contact(id, email));
/// if (!contacts.TryGetPage(request.Query["after"], limit: 10, out EmulatorPage&lt;Contact&gt;? page))
/// {
///     return Results.BadRequest(new { message = "invalid cursor" });
/// }
/// </code>
/// </example>
public sealed class EmulatorStore<T>
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _byId;
    private readonly List<Entry> _ordered = [];
    private long _lastSequence;

    /// <summary>Creates a store.</summary>
    /// <param name="idPrefix">Put before the sequence number in generated ids (<c>"C"</c> gives <c>C1</c>, <c>C2</c>, …);
    /// empty for plain numbers.</param>
    /// <param name="idComparer">How ids compare; <see langword="null"/> for ordinal.</param>
    public EmulatorStore(string idPrefix = "", StringComparer? idComparer = null)
    {
        ArgumentNullException.ThrowIfNull(idPrefix);
        IdPrefix = idPrefix;
        _byId = new Dictionary<string, Entry>(idComparer ?? StringComparer.Ordinal);
    }

    /// <summary>Gets the prefix of generated ids.</summary>
    public string IdPrefix { get; }

    /// <summary>Gets how many items the store holds.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _ordered.Count;
            }
        }
    }

    /// <summary>Gets a snapshot of the items in creation order.</summary>
    public IReadOnlyList<T> Items
    {
        get
        {
            lock (_gate)
            {
                var items = new List<T>(_ordered.Count);
                foreach (Entry entry in _ordered)
                {
                    items.Add(entry.Item);
                }

                return items;
            }
        }
    }

    /// <summary>Adds an item under a new generated id (<see cref="IdPrefix"/> followed by its sequence number, skipping ids
    /// already taken).</summary>
    /// <param name="create">Builds the item from its id, so the item can carry it.</param>
    /// <returns>The item created.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="create"/> is <see langword="null"/>.</exception>
    public T Create(Func<string, T> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        lock (_gate)
        {
            // Ids added explicitly may have taken a generated id's number: skip past them.
            long sequence = _lastSequence + 1;
            string id = IdPrefix + sequence.ToString(CultureInfo.InvariantCulture);
            while (_byId.ContainsKey(id))
            {
                sequence++;
                id = IdPrefix + sequence.ToString(CultureInfo.InvariantCulture);
            }

            T item = create(id);
            _lastSequence = sequence;
            Append(id, sequence, item);
            return item;
        }
    }

    /// <summary>Adds an item under a new generated id.</summary>
    /// <param name="item">The item.</param>
    /// <returns>The generated id.</returns>
    public string Add(T item)
    {
        string? id = null;
        Create(generated =>
        {
            id = generated;
            return item;
        });
        return id!;
    }

    /// <summary>Adds an item under an id the caller chose; it goes last in listings.</summary>
    /// <param name="id">The id.</param>
    /// <param name="item">The item.</param>
    /// <returns><see langword="true"/> when added; <see langword="false"/> when the id is taken.</returns>
    /// <exception cref="ArgumentException"><paramref name="id"/> is empty.</exception>
    public bool TryAdd(string id, T item)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        lock (_gate)
        {
            if (_byId.ContainsKey(id))
            {
                return false;
            }

            Append(id, ++_lastSequence, item);
            return true;
        }
    }

    /// <summary>Adds or replaces an item; a replaced item keeps its place in listings.</summary>
    /// <param name="id">The id.</param>
    /// <param name="item">The item.</param>
    /// <exception cref="ArgumentException"><paramref name="id"/> is empty.</exception>
    public void Set(string id, T item)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        lock (_gate)
        {
            if (_byId.TryGetValue(id, out Entry? entry))
            {
                entry.Item = item;
            }
            else
            {
                Append(id, ++_lastSequence, item);
            }
        }
    }

    /// <summary>Gets an item by id.</summary>
    /// <param name="id">The id.</param>
    /// <param name="item">The item, when found.</param>
    /// <returns><see langword="true"/> when found.</returns>
    public bool TryGet(string id, [MaybeNullWhen(false)] out T item)
    {
        ArgumentNullException.ThrowIfNull(id);
        lock (_gate)
        {
            if (_byId.TryGetValue(id, out Entry? entry))
            {
                item = entry.Item;
                return true;
            }
        }

        item = default;
        return false;
    }

    /// <summary>Replaces an item with an updated copy, atomically.</summary>
    /// <param name="id">The id.</param>
    /// <param name="update">Builds the new item from the stored one.</param>
    /// <param name="updated">The new item, when found.</param>
    /// <returns><see langword="true"/> when the item was found and updated.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="update"/> is <see langword="null"/>.</exception>
    public bool TryUpdate(string id, Func<T, T> update, [MaybeNullWhen(false)] out T updated)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(update);
        lock (_gate)
        {
            if (_byId.TryGetValue(id, out Entry? entry))
            {
                entry.Item = update(entry.Item);
                updated = entry.Item;
                return true;
            }
        }

        updated = default;
        return false;
    }

    /// <summary>Removes an item.</summary>
    /// <param name="id">The id.</param>
    /// <param name="removed">The removed item, when found.</param>
    /// <returns><see langword="true"/> when the item was found and removed.</returns>
    public bool TryRemove(string id, [MaybeNullWhen(false)] out T removed)
    {
        ArgumentNullException.ThrowIfNull(id);
        lock (_gate)
        {
            if (_byId.Remove(id, out Entry? entry))
            {
                _ordered.RemoveAt(IndexAtOrAfter(entry.Sequence));
                removed = entry.Item;
                return true;
            }
        }

        removed = default;
        return false;
    }

    /// <summary>Reads one page of the items in creation order.</summary>
    /// <param name="cursor">The cursor of the page (a previous page's <see cref="EmulatorPage{T}.NextCursor"/>), or
    /// <see langword="null"/> or empty for the first page.</param>
    /// <param name="limit">The most items to return; at least 1.</param>
    /// <param name="page">The page, when the cursor is valid.</param>
    /// <param name="filter">Which items to list; <see langword="null"/> for all.</param>
    /// <returns><see langword="false"/> when the cursor is not one this store issued, so the emulator can answer its
    /// vendor's invalid-cursor error.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is zero or negative.</exception>
    public bool TryGetPage(string? cursor, int limit, [NotNullWhen(true)] out EmulatorPage<T>? page, Func<T, bool>? filter = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        long from = 1;
        if (!string.IsNullOrEmpty(cursor)
            && (!long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out from) || from < 1))
        {
            page = null;
            return false;
        }

        var items = new List<T>(Math.Min(limit, 256));
        string? next = null;
        int total = 0;
        lock (_gate)
        {
            if (from > _lastSequence + 1)
            {
                page = null;
                return false;
            }

            for (int i = 0; i < _ordered.Count; i++)
            {
                Entry entry = _ordered[i];
                if (filter is not null && !filter(entry.Item))
                {
                    continue;
                }

                total++;
                if (entry.Sequence < from)
                {
                    continue;
                }

                if (items.Count < limit)
                {
                    items.Add(entry.Item);
                }
                else
                {
                    next ??= entry.Sequence.ToString(CultureInfo.InvariantCulture);
                }
            }
        }

        page = new EmulatorPage<T>(items, next, total);
        return true;
    }

    /// <summary>Reads one page of the items in creation order.</summary>
    /// <param name="cursor">The cursor of the page, or <see langword="null"/> or empty for the first page.</param>
    /// <param name="limit">The most items to return; at least 1.</param>
    /// <param name="filter">Which items to list; <see langword="null"/> for all.</param>
    /// <returns>The page.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is zero or negative.</exception>
    /// <exception cref="ArgumentException"><paramref name="cursor"/> is not one this store issued.</exception>
    public EmulatorPage<T> GetPage(string? cursor, int limit, Func<T, bool>? filter = null) =>
        TryGetPage(cursor, limit, out EmulatorPage<T>? page, filter)
            ? page
            : throw new ArgumentException($"The cursor '{cursor}' was not issued by this store.", nameof(cursor));

    /// <summary>Removes every item; sequence numbers and generated ids keep counting.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _byId.Clear();
            _ordered.Clear();
        }
    }

    private void Append(string id, long sequence, T item)
    {
        var entry = new Entry(sequence, item);
        _byId.Add(id, entry);
        _ordered.Add(entry);
    }

    // _ordered is sorted by sequence: appends always carry the highest one.
    private int IndexAtOrAfter(long sequence)
    {
        int low = 0;
        int high = _ordered.Count;
        while (low < high)
        {
            int middle = low + ((high - low) / 2);
            if (_ordered[middle].Sequence < sequence)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    private sealed class Entry(long sequence, T item)
    {
        public long Sequence { get; } = sequence;

        public T Item { get; set; } = item;
    }
}
