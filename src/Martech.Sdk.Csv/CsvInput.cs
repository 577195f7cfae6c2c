using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Martech.Sdk;

/// <summary>Detects a CSV file's encoding and delimiter from its first 64 KiB, then reads on from the start.</summary>
internal static class CsvInput
{
    internal const int SniffLength = 64 * 1024;

    private static readonly char[] Candidates = [',', ';', '\t', '|'];

    public static async ValueTask<(TextReader Reader, char Delimiter)> OpenAsync(Stream csv, CsvReadOptions options, CancellationToken cancellationToken)
    {
        byte[] head = new byte[SniffLength];
        int length = 0;
        while (length < head.Length)
        {
            int read = await csv.ReadAsync(head.AsMemory(length), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            length += read;
        }

        bool complete = length < head.Length;
        (Encoding encoding, int bom) = DetectEncoding(head.AsSpan(0, length), complete, options);
        char delimiter = options.Delimiter ?? DetectDelimiter(HeaderLine(head.AsSpan(bom, length - bom), encoding));
        var stream = new PrefixedStream(head, bom, length - bom, csv);
        return (new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: false, bufferSize: 16 * 1024, leaveOpen: false), delimiter);
    }

    internal static (Encoding Encoding, int BomLength) DetectEncoding(ReadOnlySpan<byte> head, bool complete, CsvReadOptions options)
    {
        (Encoding? byBom, int bom) = head switch
        {
            [0xEF, 0xBB, 0xBF, ..] => (new UTF8Encoding(false), 3),
            [0xFF, 0xFE, 0x00, 0x00, ..] => (new UTF32Encoding(bigEndian: false, byteOrderMark: false), 4),
            [0x00, 0x00, 0xFE, 0xFF, ..] => (new UTF32Encoding(bigEndian: true, byteOrderMark: false), 4),
            [0xFF, 0xFE, ..] => (new UnicodeEncoding(bigEndian: false, byteOrderMark: false), 2),
            [0xFE, 0xFF, ..] => ((Encoding?)new UnicodeEncoding(bigEndian: true, byteOrderMark: false), 2),
            _ => (null, 0),
        };

        if (options.Encoding is { } forced)
        {
            // A forced encoding still skips its own byte-order mark.
            ReadOnlySpan<byte> preamble = forced.Preamble;
            return (forced, preamble.Length > 0 && head.StartsWith(preamble) ? preamble.Length : 0);
        }

        if (byBom is not null)
        {
            return (byBom, bom);
        }

        return (IsUtf8(head, complete) ? new UTF8Encoding(false) : options.FallbackEncoding, 0);
    }

    private static bool IsUtf8(ReadOnlySpan<byte> head, bool complete)
    {
        char[] chars = ArrayPool<char>.Shared.Rent(Math.Max(1, head.Length));
        try
        {
            OperationStatus status = Utf8.ToUtf16(head, chars, out _, out _, replaceInvalidSequences: false, isFinalBlock: complete);
            return status is OperationStatus.Done or OperationStatus.NeedMoreData;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    /// <summary>The first line of the text, up to the first line break outside quotes.</summary>
    private static string HeaderLine(ReadOnlySpan<byte> bytes, Encoding encoding)
    {
        Decoder decoder = encoding.GetDecoder();
        char[] chars = new char[encoding.GetMaxCharCount(bytes.Length)];
        int count = decoder.GetChars(bytes, chars, flush: false);
        bool quoted = false;
        for (int i = 0; i < count; i++)
        {
            char c = chars[i];
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && c is '\r' or '\n')
            {
                return new string(chars, 0, i);
            }
        }

        return new string(chars, 0, count);
    }

    /// <summary>Of comma, semicolon, tab and pipe, the one occurring most often outside quotes in the header line; a
    /// tie goes to the earlier in that list; none at all gives comma.</summary>
    internal static char DetectDelimiter(string headerLine)
    {
        Span<int> counts = stackalloc int[Candidates.Length];
        bool quoted = false;
        foreach (char c in headerLine)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && Array.IndexOf(Candidates, c) is var i and >= 0)
            {
                counts[i]++;
            }
        }

        int best = 0;
        for (int i = 1; i < counts.Length; i++)
        {
            if (counts[i] > counts[best])
            {
                best = i;
            }
        }

        return Candidates[best];
    }

    /// <summary>Reads the bytes already read for detection, then the rest of the inner stream.</summary>
    private sealed class PrefixedStream(byte[] prefix, int offset, int count, Stream inner) : Stream
    {
        private int _offset = offset;
        private int _remaining = count;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_remaining > 0)
            {
                return FromPrefix(buffer);
            }

            return inner.Read(buffer);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_remaining > 0)
            {
                return ValueTask.FromResult(FromPrefix(buffer.Span));
            }

            return inner.ReadAsync(buffer, cancellationToken);
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int FromPrefix(Span<byte> buffer)
        {
            int n = Math.Min(buffer.Length, _remaining);
            prefix.AsSpan(_offset, n).CopyTo(buffer);
            _offset += n;
            _remaining -= n;
            return n;
        }
    }
}
