namespace Martech.Sdk;

/// <summary>
/// Items kept in ascending sequence-number order, for listings that page by sequence number rather than by offset:
/// items added or removed while a listing runs never cause another item to be skipped or repeated.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
/// <remarks>Not thread-safe: the store calls it under its lock.</remarks>
internal sealed class SequencedList<T>
{
    private readonly List<long> _sequences = [];
    private readonly List<T> _items = [];

    public int Count => _items.Count;

    public void Append(long sequence, T item)
    {
        if (_sequences.Count > 0 && sequence <= _sequences[^1])
        {
            throw new InvalidOperationException($"Sequence number {sequence} is not after the last one ({_sequences[^1]}).");
        }

        _sequences.Add(sequence);
        _items.Add(item);
    }

    public bool Remove(long sequence)
    {
        int index = _sequences.BinarySearch(sequence);
        if (index < 0)
        {
            return false;
        }

        _sequences.RemoveAt(index);
        _items.RemoveAt(index);
        return true;
    }

    public void Clear()
    {
        _sequences.Clear();
        _items.Clear();
    }

    /// <summary>Takes up to <paramref name="size"/> matching items after a sequence number.</summary>
    /// <param name="after">The sequence number of the last item already returned; 0 to start at the beginning.</param>
    /// <param name="size">The most items to take.</param>
    /// <param name="match">Which items to take.</param>
    /// <param name="select">Turns a taken item into the result (a copy, so callers never share stored state).</param>
    /// <param name="next">The sequence number to continue after, or <see langword="null"/> when no matching item is
    /// left.</param>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <returns>The items taken.</returns>
    public List<TResult> TakeAfter<TResult>(long after, int size, Func<T, bool> match, Func<T, TResult> select, out long? next)
    {
        var taken = new List<TResult>(Math.Min(size, _items.Count));
        next = null;
        long lastTaken = after;
        int index = _sequences.BinarySearch(after);
        for (index = index >= 0 ? index + 1 : ~index; index < _items.Count; index++)
        {
            T item = _items[index];
            if (!match(item))
            {
                continue;
            }

            if (taken.Count == size)
            {
                // A further match exists, so this page is not the last; the next one starts after the last item taken.
                next = lastTaken;
                break;
            }

            taken.Add(select(item));
            lastTaken = _sequences[index];
        }

        return taken;
    }

    /// <summary>The items in sequence order.</summary>
    public IReadOnlyList<T> Items => _items;
}
