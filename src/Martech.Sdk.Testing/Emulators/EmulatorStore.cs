using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Martech.Sdk.Testing;

/// <summary>
/// A thread-safe in-memory store for an emulator's records: items by id, each with a sequence number that fixes its
/// place in listings, cursor paging over that order, and indexes on the keys an emulator looks items up by.
/// </summary>
/// <typeparam name="T">The item type, typically the vendor's wire model.</typeparam>
/// <remarks>
/// Items keep their place when replaced, and new items go last, so a listing paged while items are added or removed
/// neither repeats nor skips the items that stay. A cursor is the sequence number of the next item, as decimal text;
/// emulators whose vendor uses opaque cursors encode it themselves (Base64 for Slack, for example).
/// <para>Costs: a look-up by id or through an <see cref="EmulatorStoreIndex{T}"/> is O(1), a write is O(1) plus O(1) per
/// index, and a page without a filter is O(log n + limit): a page finds its cursor by binary search and copies only its own
/// items, so listing a store of any size page by page takes time linear in its size. A page with a filter visits every
/// item, since it reports how many match (<see cref="EmulatorPage{T}.Total"/>); filter by an indexed key with
/// <see cref="EmulatorStoreIndex{T}.TryGetPage"/> instead. <see cref="Items"/> copies the whole store.</para>
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
    // A removed entry stays in _ordered, marked, until the marked ones are more than half of it: a removal is then O(1)
    // amortized, and sequence numbers still find positions by binary search.
    private const int CompactionMinimum = 64;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _byId;
    private readonly List<Entry> _ordered = [];
    private readonly List<EmulatorStoreIndex<T>> _indexes = [];
    private int _removedInOrder;
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
                return _byId.Count;
            }
        }
    }

    /// <summary>Gets a snapshot of the items in creation order.</summary>
    /// <remarks>This copies the whole store: to find items by a key, use an index (<see cref="AddIndex"/>); to list
    /// them, page (<see cref="TryGetPage"/>).</remarks>
    public IReadOnlyList<T> Items
    {
        get
        {
            lock (_gate)
            {
                var items = new List<T>(_byId.Count);
                foreach (Entry entry in _ordered)
                {
                    if (!entry.Removed)
                    {
                        items.Add(entry.Item);
                    }
                }

                return items;
            }
        }
    }

    /// <summary>Adds an index on one key of the items, kept up to date on every write, so items can be found by that key
    /// in O(1) (<see cref="EmulatorStoreIndex{T}.TryGetFirst"/>); the items already stored are indexed at once.</summary>
    /// <param name="keyOf">The item's key, or <see langword="null"/> to leave the item out of the index. It must depend
    /// only on the item, which must not be changed in place once stored (replace it instead).</param>
    /// <param name="comparer">How keys compare, such as <see cref="StringComparer.OrdinalIgnoreCase"/> for email
    /// addresses; <see langword="null"/> for ordinal.</param>
    /// <returns>The index.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="keyOf"/> is <see langword="null"/>.</exception>
    /// <remarks>Several items may share a key: look-ups give them in creation order. Enforcing a unique key is the
    /// emulator's part, as its vendor answers a conflict in its own way.</remarks>
    public EmulatorStoreIndex<T> AddIndex(Func<T, string?> keyOf, StringComparer? comparer = null)
    {
        ArgumentNullException.ThrowIfNull(keyOf);
        return Register(new EmulatorStoreIndex<T>(this, keyOf, null, comparer ?? StringComparer.Ordinal));
    }

    /// <summary>Adds an index on a key an item may have several values of (a person's email addresses, for example),
    /// kept up to date on every write; the items already stored are indexed at once.</summary>
    /// <param name="keysOf">The item's keys, or <see langword="null"/> or empty to leave the item out of the index;
    /// <see langword="null"/> keys are skipped. It must depend only on the item, which must not be changed in place once
    /// stored.</param>
    /// <param name="comparer">How keys compare; <see langword="null"/> for ordinal.</param>
    /// <returns>The index.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="keysOf"/> is <see langword="null"/>.</exception>
    public EmulatorStoreIndex<T> AddMultiKeyIndex(Func<T, IEnumerable<string?>?> keysOf, StringComparer? comparer = null)
    {
        ArgumentNullException.ThrowIfNull(keysOf);
        return Register(new EmulatorStoreIndex<T>(this, null, keysOf, comparer ?? StringComparer.Ordinal));
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
            Append(id, sequence, item);
            _lastSequence = sequence;
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

            Append(id, _lastSequence + 1, item);
            _lastSequence++;
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
                Replace(entry, item);
            }
            else
            {
                Append(id, _lastSequence + 1, item);
                _lastSequence++;
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
                Replace(entry, update(entry.Item));
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
    public bool TryRemove(string id, [MaybeNullWhen(false)] out T removed) => TryRemove(id, out removed, out _);

    /// <summary>Reads one page of the items in creation order.</summary>
    /// <param name="cursor">The cursor of the page (a previous page's <see cref="EmulatorPage{T}.NextCursor"/>), or
    /// <see langword="null"/> or empty for the first page.</param>
    /// <param name="limit">The most items to return; at least 1.</param>
    /// <param name="page">The page, when the cursor is valid.</param>
    /// <param name="filter">Which items to list; <see langword="null"/> for all. A filter visits every item, to count
    /// the matches.</param>
    /// <returns><see langword="false"/> when the cursor is not one this store issued, so the emulator can answer its
    /// vendor's invalid-cursor error.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is zero or negative.</exception>
    public bool TryGetPage(string? cursor, int limit, [NotNullWhen(true)] out EmulatorPage<T>? page, Func<T, bool>? filter = null) =>
        TryGetPageOf(cursor, limit, out page, filter, candidates: null);

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
            _removedInOrder = 0;
            foreach (EmulatorStoreIndex<T> index in _indexes)
            {
                index.Clear();
            }
        }
    }

    /// <summary>Removes an item and says which sequence number it had, so that <see cref="TryRestore"/> can put it back in
    /// its place.</summary>
    internal bool TryRemove(string id, [MaybeNullWhen(false)] out T removed, out long sequence)
    {
        ArgumentNullException.ThrowIfNull(id);
        lock (_gate)
        {
            if (_byId.Remove(id, out Entry? entry))
            {
                foreach (EmulatorStoreIndex<T> index in _indexes)
                {
                    index.Remove(entry);
                }

                entry.Removed = true;
                _removedInOrder++;
                if (_removedInOrder > CompactionMinimum && _removedInOrder * 2 > _ordered.Count)
                {
                    _ordered.RemoveAll(static e => e.Removed);
                    _removedInOrder = 0;
                }

                removed = entry.Item;
                sequence = entry.Sequence;
                return true;
            }
        }

        removed = default;
        sequence = 0;
        return false;
    }

    /// <summary>Puts a removed item back under its id in the place its sequence number gives it (undoing a removal,
    /// as a rolled-back transaction does); <see langword="false"/> when the id is taken again.</summary>
    internal bool TryRestore(string id, long sequence, T item)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        lock (_gate)
        {
            if (_byId.ContainsKey(id))
            {
                return false;
            }

            var entry = new Entry(id, sequence, item);
            object?[] keys = KeysOf(item);
            int position = IndexAtOrAfter(sequence);
            if (position < _ordered.Count && _ordered[position].Sequence == sequence)
            {
                // The removed entry is still in place, marked: take its slot.
                _ordered[position] = entry;
                _removedInOrder--;
            }
            else
            {
                _ordered.Insert(position, entry);
            }

            _byId.Add(id, entry);
            AddToIndexes(entry, keys);
            _lastSequence = Math.Max(_lastSequence, sequence);
            return true;
        }
    }

    /// <summary>Reads a page of the given entries (live, in creation order) or of the whole store.</summary>
    internal bool TryGetPageOf(string? cursor, int limit, [NotNullWhen(true)] out EmulatorPage<T>? page, Func<T, bool>? filter, Func<List<Entry>>? candidates)
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

            if (filter is null && candidates is null)
            {
                // The whole store: find the cursor's place and copy only the page.
                total = _byId.Count;
                for (int i = IndexAtOrAfter(from); i < _ordered.Count; i++)
                {
                    Entry entry = _ordered[i];
                    if (entry.Removed)
                    {
                        continue;
                    }

                    if (items.Count == limit)
                    {
                        next = entry.Sequence.ToString(CultureInfo.InvariantCulture);
                        break;
                    }

                    items.Add(entry.Item);
                }
            }
            else
            {
                foreach (Entry entry in candidates is null ? _ordered : candidates())
                {
                    if (entry.Removed || (filter is not null && !filter(entry.Item)))
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
        }

        page = new EmulatorPage<T>(items, next, total);
        return true;
    }

    /// <summary>Runs a read of the indexes under the store's lock.</summary>
    internal TResult Locked<TResult>(Func<TResult> read)
    {
        lock (_gate)
        {
            return read();
        }
    }

    private EmulatorStoreIndex<T> Register(EmulatorStoreIndex<T> index)
    {
        lock (_gate)
        {
            index.Slot = _indexes.Count;
            foreach (Entry entry in _ordered)
            {
                if (!entry.Removed)
                {
                    index.Add(entry, index.KeysOf(entry.Item));
                }
            }

            _indexes.Add(index);
            return index;
        }
    }

    // Keys are worked out before anything changes, so a key function that throws leaves the store as it was.
    private object?[] KeysOf(T item)
    {
        if (_indexes.Count == 0)
        {
            return [];
        }

        var keys = new object?[_indexes.Count];
        for (int i = 0; i < keys.Length; i++)
        {
            keys[i] = _indexes[i].KeysOf(item);
        }

        return keys;
    }

    private void AddToIndexes(Entry entry, object?[] keys)
    {
        for (int i = 0; i < keys.Length; i++)
        {
            _indexes[i].Add(entry, keys[i]);
        }
    }

    private void Append(string id, long sequence, T item)
    {
        object?[] keys = KeysOf(item);
        var entry = new Entry(id, sequence, item);
        _byId.Add(id, entry);
        _ordered.Add(entry);
        AddToIndexes(entry, keys);
    }

    private void Replace(Entry entry, T item)
    {
        object?[] keys = KeysOf(item);
        for (int i = 0; i < keys.Length; i++)
        {
            _indexes[i].Move(entry, keys[i]);
        }

        entry.Item = item;
    }

    // _ordered is sorted by sequence (removed entries keep theirs): appends always carry the highest one.
    private int IndexAtOrAfter(long sequence) => IndexAtOrAfter(_ordered, sequence);

    /// <summary>The position of the first entry whose sequence is at least <paramref name="sequence"/> in a list sorted by
    /// sequence (the list's count when there is none): where the entry with that sequence is, or would be inserted.</summary>
    internal static int IndexAtOrAfter(List<Entry> entries, long sequence)
    {
        int low = 0;
        int high = entries.Count;
        while (low < high)
        {
            int middle = low + ((high - low) / 2);
            if (entries[middle].Sequence < sequence)
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

    /// <summary>A stored item with its id, its place, and the keys each index holds it under.</summary>
    internal sealed class Entry(string id, long sequence, T item)
    {
        public string Id { get; } = id;

        public long Sequence { get; } = sequence;

        public T Item { get; set; } = item;

        public bool Removed { get; set; }

        /// <summary>Per index slot: null, a key, or an array of keys.</summary>
        public object?[]? IndexKeys { get; set; }
    }
}
