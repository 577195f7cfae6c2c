using System.Buffers;
using System.Text.Json;

namespace Martech.Sdk;

/// <summary>
/// A request body written once with a <see cref="Utf8JsonWriter"/> into a buffer rented from
/// <see cref="ArrayPool{T}.Shared"/>, so a provider can write its JSON straight to the bytes it sends instead of building
/// wire objects and serialising them. <see cref="Written"/> stays valid until <see cref="Dispose"/>, which returns the
/// buffer: dispose it only after the request that sends it has completed (send it as
/// <c>new ReadOnlyMemoryContent(body.Written)</c>). The Slack and Teams providers write their cards with it.
/// </summary>
public sealed class PooledJsonBody : IBufferWriter<byte>, IDisposable
{
    // One writer per thread, reset onto each body: writing is synchronous, so it is never shared.
    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    private byte[] _buffer;
    private int _written;

    /// <summary>Rents a buffer of at least <paramref name="sizeHint"/> bytes.</summary>
    public PooledJsonBody(int sizeHint = 2048) => _buffer = ArrayPool<byte>.Shared.Rent(sizeHint);

    /// <summary>The bytes written so far.</summary>
    public ReadOnlyMemory<byte> Written => _buffer.AsMemory(0, _written);

    /// <summary>A JSON writer (default options: the default encoder, not indented) writing into this body; flush it
    /// (<see cref="Utf8JsonWriter.Flush"/>) when done, and do not keep it.</summary>
    public Utf8JsonWriter Writer()
    {
        Utf8JsonWriter writer = t_writer ??= new Utf8JsonWriter(this);
        writer.Reset(this);
        return writer;
    }

    /// <inheritdoc />
    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _buffer.Length - _written);
        _written += count;
    }

    /// <inheritdoc />
    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Grow(sizeHint);
        return _buffer.AsMemory(_written);
    }

    /// <inheritdoc />
    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Grow(sizeHint);
        return _buffer.AsSpan(_written);
    }

    /// <summary>Returns the buffer to the pool.</summary>
    public void Dispose()
    {
        byte[] buffer = _buffer;
        _buffer = [];
        _written = 0;
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Grow(int sizeHint)
    {
        int needed = Math.Max(sizeHint, 1);
        if (_buffer.Length - _written >= needed)
        {
            return;
        }

        byte[] larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _written + needed));
        _buffer.AsSpan(0, _written).CopyTo(larger);
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }

        _buffer = larger;
    }
}
