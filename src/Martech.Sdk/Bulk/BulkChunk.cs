namespace Martech.Sdk;

/// <summary>
/// The input items of one vendor request in a <see cref="BulkRun{T}"/>, by input index, and the earlier chunks it
/// must wait for. Derive from it to carry what the request needs (the list it writes to, the payload already mapped).
/// </summary>
/// <remarks>
/// A chunk's indexes are settled by the request that <see cref="BulkRun{T}.RunAsync{TChunk}"/> runs for it, and
/// counted in the progress report made when it finishes. Indexes already settled before the run (items refused
/// before any call) may be part of a chunk, and are then counted with it; the chunk's request skips them.
/// </remarks>
public class BulkChunk
{
    private List<BulkChunk>? _waitsFor;

    /// <summary>Creates a chunk of the items at the given input indexes.</summary>
    /// <param name="indexes">The input indexes, in request order. The list is kept, not copied: a planner may still
    /// add to it until the run starts.</param>
    /// <exception cref="ArgumentNullException"><paramref name="indexes"/> is null.</exception>
    public BulkChunk(IReadOnlyList<int> indexes)
    {
        ArgumentNullException.ThrowIfNull(indexes);
        Indexes = indexes;
    }

    /// <summary>The input indexes of the chunk's items, in request order.</summary>
    public IReadOnlyList<int> Indexes { get; }

    /// <summary>The earlier chunks this one starts after (see <see cref="After"/>).</summary>
    public IReadOnlyList<BulkChunk> WaitsFor => _waitsFor ?? (IReadOnlyList<BulkChunk>)[];

    /// <summary>Set by the run when another chunk waits for this one.</summary>
    internal TaskCompletionSource? Done { get; set; }

    /// <summary>Makes this chunk start only after <paramref name="earlier"/> has finished, so items that share a key
    /// (the same email address twice) take effect in input order. The earlier chunk must come before this one in the
    /// list given to <see cref="BulkRun{T}.RunAsync{TChunk}"/>; a waiting chunk holds one of the
    /// <see cref="BulkOptions.MaxConcurrency"/> slots.</summary>
    /// <param name="earlier">The chunk to wait for.</param>
    /// <exception cref="ArgumentNullException"><paramref name="earlier"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="earlier"/> is this chunk.</exception>
    public void After(BulkChunk earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        if (ReferenceEquals(earlier, this))
        {
            throw new ArgumentException("A bulk chunk cannot wait for itself.", nameof(earlier));
        }

        _waitsFor ??= [];
        if (!_waitsFor.Contains(earlier))
        {
            _waitsFor.Add(earlier);
        }
    }

    /// <summary>Cuts a list of input indexes into chunks of at most <paramref name="size"/> items, in order.</summary>
    /// <param name="indexes">The input indexes, in input order.</param>
    /// <param name="size">The most items per chunk: the vendor's batch maximum, or <see cref="BulkRun{T}.BatchSize"/>.</param>
    /// <returns>The chunks.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="indexes"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is not positive.</exception>
    public static List<BulkChunk> ByCount(IReadOnlyList<int> indexes, int size)
    {
        ArgumentNullException.ThrowIfNull(indexes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        var chunks = new List<BulkChunk>((indexes.Count + size - 1) / size);
        for (int start = 0; start < indexes.Count; start += size)
        {
            int end = Math.Min(start + size, indexes.Count);
            var part = new int[end - start];
            for (int i = start; i < end; i++)
            {
                part[i - start] = indexes[i];
            }

            chunks.Add(new BulkChunk(part));
        }

        return chunks;
    }

    /// <summary>Cuts the input range 0 to <paramref name="count"/> − 1 into consecutive chunks of at most
    /// <paramref name="size"/> items.</summary>
    /// <param name="count">The number of input items.</param>
    /// <param name="size">The most items per chunk.</param>
    /// <returns>The chunks, in input order.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative or <paramref name="size"/>
    /// is not positive.</exception>
    public static List<BulkChunk> ByRange(int count, int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        var chunks = new List<BulkChunk>((count + size - 1) / size);
        for (int start = 0; start < count; start += size)
        {
            chunks.Add(new BulkChunk(new IndexRange(start, Math.Min(size, count - start))));
        }

        return chunks;
    }

    /// <summary>Makes each chunk wait for the latest earlier chunk holding an item of the same key, so items that
    /// share a key take effect in input order while unrelated chunks run side by side.</summary>
    /// <param name="chunks">The chunks, in the order they will run.</param>
    /// <param name="keyOf">The key of the item at an input index (such as its email address), or
    /// <see langword="null"/> when it has none.</param>
    /// <param name="comparer">How keys compare, such as <see cref="StringComparer.OrdinalIgnoreCase"/> for email
    /// addresses.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void OrderByKeys(IReadOnlyList<BulkChunk> chunks, Func<int, string?> keyOf, IEqualityComparer<string> comparer)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        ArgumentNullException.ThrowIfNull(keyOf);
        ArgumentNullException.ThrowIfNull(comparer);
        var lastChunkOf = new Dictionary<string, BulkChunk>(comparer);
        foreach (BulkChunk chunk in chunks)
        {
            foreach (int index in chunk.Indexes)
            {
                if (keyOf(index) is not { } key)
                {
                    continue;
                }

                if (lastChunkOf.TryGetValue(key, out BulkChunk? earlier) && !ReferenceEquals(earlier, chunk))
                {
                    chunk.After(earlier);
                }

                lastChunkOf[key] = chunk;
            }
        }
    }

    /// <summary>Consecutive indexes without an array.</summary>
    private sealed class IndexRange(int start, int count) : IReadOnlyList<int>
    {
        public int Count => count;

        public int this[int index] => (uint)index < (uint)count ? start + index : throw new ArgumentOutOfRangeException(nameof(index));

        public IEnumerator<int> GetEnumerator()
        {
            for (int i = 0; i < count; i++)
            {
                yield return start + i;
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
