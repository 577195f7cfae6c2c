namespace Martech.Sdk;

/// <summary>
/// What each recipient did in each time slot, for every campaign and channel of one <see cref="CampaignAnalytics"/>:
/// one 12-byte entry (slot, bits, next) per recipient and slot with activity, in pages of 4,096 entries so growing
/// never copies a large array. A recipient's entries form a list, newest first, so events that arrive in time order
/// find their entry at the head.
/// </summary>
internal sealed class RecipientSlots
{
    private const int PageShift = 12;
    private const int PageSize = 1 << PageShift;
    private const int PageMask = PageSize - 1;

    private Entry[][] _pages = [];
    private int _count;

    /// <summary>Entries held.</summary>
    public int Count => _count;

    /// <summary>Bytes the pages take.</summary>
    public long Bytes => (long)_pages.Length * PageSize * 12;

    /// <summary>Sets bits in a recipient's entry for a slot, adding the entry when it has none.</summary>
    /// <param name="head">The recipient's list: 0 for none, otherwise the newest entry's index + 1.</param>
    /// <param name="slot">The slot.</param>
    /// <param name="bits">The bits to set.</param>
    /// <returns>The bits that were not set before.</returns>
    public int Set(ref int head, int slot, int bits)
    {
        for (int i = head - 1; i >= 0;)
        {
            ref Entry entry = ref _pages[i >> PageShift][i & PageMask];
            if (entry.Slot == slot)
            {
                int added = bits & ~entry.Bits;
                entry.Bits |= bits;
                return added;
            }

            i = entry.Next;
        }

        int index = _count;
        if ((index & PageMask) == 0 && index >> PageShift == _pages.Length)
        {
            Array.Resize(ref _pages, _pages.Length + 1);
            _pages[^1] = new Entry[PageSize];
        }

        _pages[index >> PageShift][index & PageMask] = new Entry { Slot = slot, Bits = bits, Next = head - 1 };
        _count++;
        head = index + 1;
        return bits;
    }

    /// <summary>Reads an entry.</summary>
    /// <param name="index">The entry's index (a head minus 1, or a <c>next</c>).</param>
    /// <param name="slot">Its slot.</param>
    /// <param name="bits">Its bits.</param>
    /// <returns>The next (older) entry's index, or -1.</returns>
    public int Read(int index, out int slot, out int bits)
    {
        ref Entry entry = ref _pages[index >> PageShift][index & PageMask];
        slot = entry.Slot;
        bits = entry.Bits;
        return entry.Next;
    }

    /// <summary>Forgets every entry.</summary>
    public void Clear()
    {
        _pages = [];
        _count = 0;
    }

    private struct Entry
    {
        public int Slot;
        public int Bits;
        public int Next;
    }
}
