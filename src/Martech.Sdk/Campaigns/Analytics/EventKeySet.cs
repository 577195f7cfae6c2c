using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;

namespace Martech.Sdk;

/// <summary>
/// The keys of the events <see cref="CampaignAnalytics"/> counted within its dedupe window: 64-bit fingerprints in one
/// open-addressing table (a <see cref="ulong"/> and a <see cref="uint"/> arrival minute per slot, 12 bytes), so a
/// redelivery is recognised without keeping the vendor's id strings. Expired keys are dropped when the table would
/// grow; it is then rebuilt at half load, so it holds between 1.33 and 4 slots per live key.
/// </summary>
/// <remarks>Two different keys with the same fingerprint make the second look like a redelivery: with n keys in the
/// window the chance that any pair collides is about n² ÷ 2⁶⁵. A collision can only skip an event, never count one
/// twice.</remarks>
internal sealed class EventKeySet
{
    private const int MinCapacity = 1024;
    private const ulong Prime1 = 0x9E3779B185EBCA87UL;
    private const ulong Prime2 = 0xC2B2AE3D27D4EB4FUL;
    private const ulong Prime3 = 0x165667B19E3779F9UL;
    private const ulong Prime4 = 0x85EBCA77C2B2AE63UL;
    private const ulong Prime5 = 0x27D4EB2F165667C5UL;

    private readonly uint _windowMinutes;
    private ulong[] _keys = new ulong[MinCapacity];
    private uint[] _stamps = new uint[MinCapacity];
    private int _count;

    public EventKeySet(TimeSpan window)
    {
        _windowMinutes = (uint)Math.Ceiling(window.TotalMinutes);
    }

    /// <summary>Keys held, live or expired but not yet dropped.</summary>
    public int Count => _count;

    /// <summary>Slots allocated.</summary>
    public int Capacity => _keys.Length;

    /// <summary>Adds a key seen at <paramref name="minute"/> (minutes since 1970).</summary>
    /// <returns><see langword="true"/> when it was not in the window (new); <see langword="false"/> for a redelivery.</returns>
    public bool Add(ulong key, uint minute)
    {
        if (key == 0)
        {
            key = 1; // 0 marks an empty slot
        }

        int mask = _keys.Length - 1;
        int i = (int)(key >> 32) & mask;
        while (true)
        {
            ulong k = _keys[i];
            if (k == key)
            {
                if (Expired(_stamps[i], minute))
                {
                    _stamps[i] = minute; // expired: a new event with an old key
                    return true;
                }

                return false;
            }

            if (k == 0)
            {
                break;
            }

            i = (i + 1) & mask;
        }

        _keys[i] = key;
        _stamps[i] = minute;
        if (++_count * 4 >= _keys.Length * 3)
        {
            Rebuild(minute);
        }

        return true;
    }

    /// <summary>Forgets every key.</summary>
    public void Clear()
    {
        _keys = new ulong[MinCapacity];
        _stamps = new uint[MinCapacity];
        _count = 0;
    }

    /// <summary>The fingerprint of an event's identity: its provider instance and its id.</summary>
    public static ulong EventKey(string provider, string id) =>
        Avalanche((Hash(provider, Prime1) * Prime2) ^ Hash(id, Prime3));

    /// <summary>The fingerprint of one fact about one message: its send, delivery or bounce to one recipient.</summary>
    public static ulong MessageKey(int kind, string messageId, int recipient) =>
        Avalanche(Hash(messageId, Prime4) ^ (((ulong)(uint)kind << 32 | (uint)recipient) * Prime5));

    private static ulong Hash(ReadOnlySpan<char> text, ulong seed)
    {
        ulong h = seed + ((ulong)text.Length * Prime5);
        ReadOnlySpan<byte> bytes = MemoryMarshal.AsBytes(text);
        while (bytes.Length >= 8)
        {
            h ^= Round(BinaryPrimitives.ReadUInt64LittleEndian(bytes));
            h = (BitOperations.RotateLeft(h, 27) * Prime1) + Prime4;
            bytes = bytes[8..];
        }

        foreach (byte b in bytes)
        {
            h ^= b * Prime5;
            h = BitOperations.RotateLeft(h, 11) * Prime1;
        }

        return h;
    }

    private static ulong Round(ulong input) => BitOperations.RotateLeft(input * Prime2, 31) * Prime1;

    private static ulong Avalanche(ulong h)
    {
        h ^= h >> 33;
        h *= Prime2;
        h ^= h >> 29;
        h *= Prime3;
        h ^= h >> 32;
        return h;
    }

    // Drops expired keys and sizes the table to twice the survivors (at least the minimum), so it grows only when the
    // live keys need it and shrinks after a burst has expired.
    private void Rebuild(uint minute)
    {
        ulong[] keys = _keys;
        uint[] stamps = _stamps;
        int live = 0;
        for (int i = 0; i < keys.Length; i++)
        {
            if (keys[i] != 0 && !Expired(stamps[i], minute))
            {
                live++;
            }
        }

        int capacity = (int)Math.Max(MinCapacity, BitOperations.RoundUpToPowerOf2((uint)(live * 2 + 2)));
        var newKeys = new ulong[capacity];
        var newStamps = new uint[capacity];
        int mask = capacity - 1;
        for (int i = 0; i < keys.Length; i++)
        {
            ulong key = keys[i];
            if (key == 0 || Expired(stamps[i], minute))
            {
                continue;
            }

            int j = (int)(key >> 32) & mask;
            while (newKeys[j] != 0)
            {
                j = (j + 1) & mask;
            }

            newKeys[j] = key;
            newStamps[j] = stamps[i];
        }

        _keys = newKeys;
        _stamps = newStamps;
        _count = live;
    }

    private bool Expired(uint stamp, uint minute) => minute > stamp && minute - stamp > _windowMinutes;
}
