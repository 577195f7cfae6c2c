namespace Martech.Sdk;

/// <summary>What duplicate detection keeps per record, in columns: hashes of the normalised email and phone and of the
/// record's instance and id (8 bytes each), one 8-byte key per key of a composite blocking rule (the email and phone
/// rules read the email and phone hashes), and the normalised first name, last name and company as text in shared 64K-character chunks (a 4-byte offset, three
/// 1-byte lengths, 2 bytes a character). Nothing else of the contact is kept.</summary>
internal sealed class DuplicateRecordStore
{
    private const int ChunkSize = 1 << 16;

    private readonly List<char[]> _chunks = [];
    private readonly ulong[][] _slots;
    private ulong[] _email = new ulong[1024];
    private ulong[] _phone = new ulong[1024];
    private ulong[] _identity = new ulong[1024];
    private int[] _text = new int[1024];
    private byte[] _lengths = new byte[3 * 1024];
    private int _chunkUsed;

    public DuplicateRecordStore(int keySlots)
    {
        _slots = new ulong[keySlots][];
        for (int s = 0; s < keySlots; s++)
        {
            _slots[s] = new ulong[1024];
        }
    }

    public int Count { get; private set; }

    public ulong Email(int i) => _email[i];

    public ulong Phone(int i) => _phone[i];

    public ulong Identity(int i) => _identity[i];

    public ulong Key(int slot, int i) => _slots[slot][i];

    public ReadOnlySpan<char> First(int i) => Text(i, 0);

    public ReadOnlySpan<char> Last(int i) => Text(i, 1);

    public ReadOnlySpan<char> Company(int i) => Text(i, 2);

    /// <summary>The bytes the columns and text take.</summary>
    public long Bytes
    {
        get
        {
            long bytes = (_email.Length * 24L) + (_text.Length * 4L) + _lengths.Length + (_chunks.Count * (long)ChunkSize * 2);
            foreach (ulong[] slot in _slots)
            {
                bytes += slot.Length * 8L;
            }

            return bytes;
        }
    }

    public static ulong IdentityOf(SourcedContact record) => MatchText.Hash(0x7F, record.Instance, record.Contact.Id ?? string.Empty);

    public int Add(SourcedContact record, in MatchRecord values, ReadOnlySpan<ulong> keys)
    {
        int i = Count;
        if (i == _email.Length)
        {
            Grow(checked(i * 2));
        }

        _email[i] = values.Email is null ? 0 : MatchText.Hash(values.Email);
        _phone[i] = values.Phone is null ? 0 : MatchText.Hash(values.Phone);
        _identity[i] = IdentityOf(record);
        for (int s = 0; s < _slots.Length; s++)
        {
            _slots[s][i] = keys[s];
        }

        int length = values.First.Length + values.Last.Length + values.Company.Length;
        if (_chunks.Count == 0 || _chunkUsed + length > ChunkSize)
        {
            _chunks.Add(new char[ChunkSize]);
            _chunkUsed = 0;
        }

        char[] chunk = _chunks[^1];
        _text[i] = ((_chunks.Count - 1) << 16) | _chunkUsed;
        values.First.CopyTo(chunk.AsSpan(_chunkUsed));
        values.Last.CopyTo(chunk.AsSpan(_chunkUsed + values.First.Length));
        values.Company.CopyTo(chunk.AsSpan(_chunkUsed + values.First.Length + values.Last.Length));
        _chunkUsed += length;
        _lengths[3 * i] = (byte)values.First.Length;
        _lengths[(3 * i) + 1] = (byte)values.Last.Length;
        _lengths[(3 * i) + 2] = (byte)values.Company.Length;
        Count = i + 1;
        return i;
    }

    /// <summary>Releases the spare capacity once every record is in.</summary>
    public void Trim() => Grow(Math.Max(Count, 1));

    private ReadOnlySpan<char> Text(int i, int field)
    {
        int at = _text[i];
        int offset = at & (ChunkSize - 1);
        for (int f = 0; f < field; f++)
        {
            offset += _lengths[(3 * i) + f];
        }

        return _chunks[at >> 16].AsSpan(offset, _lengths[(3 * i) + field]);
    }

    private void Grow(int size)
    {
        Array.Resize(ref _email, size);
        Array.Resize(ref _phone, size);
        Array.Resize(ref _identity, size);
        Array.Resize(ref _text, size);
        Array.Resize(ref _lengths, 3 * size);
        for (int s = 0; s < _slots.Length; s++)
        {
            Array.Resize(ref _slots[s], size);
        }
    }
}
