using System.Runtime.InteropServices;

namespace Martech.Sdk;

/// <summary>One campaign on one channel: its recipients' slot lists (heads into <see cref="RecipientSlots"/>) and its
/// counts per slot.</summary>
internal sealed class CampaignChannelState
{
    /// <summary>Counts kept per slot, repeats included: indexes into a slot's row.</summary>
    public const int Sent = 0, Delivered = 1, Dropped = 2, Bounces = 3, HardBounces = 4, SoftBounces = 5, BlockedBounces = 6,
        TotalOpens = 7, TotalClicks = 8, MachineOpens = 9, MachineClicks = 10, Counters = 11;

    /// <summary>Per recipient and slot: what happened at least once. Their sums over recipients are the unique counts.</summary>
    public const int RecipientBit = 1, OpenBit = 2, MachineOpenBit = 4, ClickBit = 8, MachineClickBit = 16, UnsubscribeBit = 32,
        SpamBit = 64, Bits = 7;

    private readonly Dictionary<int, int> _rows = [];
    private int[] _counts = new int[Counters * 4];
    private int _lastSlot = int.MinValue;
    private int _lastRow;

    /// <summary>Recipient id → head of its slot list (index + 1).</summary>
    public Dictionary<int, int> Heads { get; } = [];

    /// <summary>Slot → row in <see cref="CountsArray"/> (row × <see cref="Counters"/>).</summary>
    public Dictionary<int, int> Rows => _rows;

    /// <summary>The per-slot counts, a row of <see cref="Counters"/> per slot with activity.</summary>
    public int[] CountsArray => _counts;

    /// <summary>Whether a send was ever recorded (by the SDK or a processed event): without one, the stats do not
    /// report <see cref="CampaignMetric.Sent"/>.</summary>
    public bool HasSends { get; set; }

    /// <summary>The earliest slot with activity.</summary>
    public int MinSlot { get; private set; } = int.MaxValue;

    /// <summary>The latest slot with activity.</summary>
    public int MaxSlot { get; private set; } = int.MinValue;

    /// <summary>Adds to a count of a slot.</summary>
    public void Count(int slot, int counter, int by = 1)
    {
        int row;
        if (slot == _lastSlot)
        {
            row = _lastRow;
        }
        else
        {
            ref int found = ref CollectionsMarshal.GetValueRefOrAddDefault(_rows, slot, out bool exists);
            if (!exists)
            {
                found = _rows.Count - 1;
                if ((found + 1) * Counters > _counts.Length)
                {
                    Array.Resize(ref _counts, _counts.Length * 2);
                }
            }

            row = found;
            _lastSlot = slot;
            _lastRow = row;
        }

        _counts[(row * Counters) + counter] += by;
    }

    /// <summary>Widens the active range to a slot.</summary>
    public void Touch(int slot)
    {
        if (slot < MinSlot)
        {
            MinSlot = slot;
        }

        if (slot > MaxSlot)
        {
            MaxSlot = slot;
        }
    }
}
