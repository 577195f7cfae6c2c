using System.Text;

namespace Martech.Sdk;

/// <summary>Writes CSV rows one value at a time with RFC 4180 quoting, through a 16 KiB buffer that goes to the
/// stream whenever it fills. (Not CsvHelper's writer: it makes its reflection-based object creation reachable, one
/// more trim warning in a Native AOT publish.)</summary>
internal sealed class CsvRowWriter : IAsyncDisposable
{
    private readonly StreamWriter _writer;
    private readonly StringBuilder _line = new(256);
    private readonly char _delimiter;
    private readonly bool _escapeFormulas;

    private CsvRowWriter(StreamWriter writer, CsvWriteOptions options)
    {
        _writer = writer;
        _delimiter = options.Delimiter;
        _escapeFormulas = options.EscapeFormulas;
    }

    /// <summary>Writes the byte-order mark when asked, and returns a writer that leaves the stream open.</summary>
    public static async ValueTask<CsvRowWriter> StartAsync(Stream destination, CsvWriteOptions options, CancellationToken cancellationToken)
    {
        if (options.WriteByteOrderMark)
        {
            await destination.WriteAsync(ByteOrderMark(options.Encoding), cancellationToken).ConfigureAwait(false);
        }

        return new CsvRowWriter(new StreamWriter(destination, WithoutPreamble(options.Encoding), bufferSize: 16 * 1024, leaveOpen: true), options);
    }

    /// <summary>Appends a value and a delimiter after it (the row's last is removed when the row ends); escaped as a
    /// formula when asked, quoted as <see cref="NeedsQuotes"/> says, quotes inside doubled.</summary>
    public void Append(string? value)
    {
        if (_escapeFormulas && IsFormulaLike(value))
        {
            value = "'" + value;
        }

        if (!NeedsQuotes(value, _delimiter))
        {
            _line.Append(value).Append(_delimiter);
            return;
        }

        _line.Append('"');
        foreach (char c in value!)
        {
            _line.Append(c == '"' ? "\"\"" : c);
        }

        _line.Append('"').Append(_delimiter);
    }

    /// <summary>Ends the row with CRLF and hands it to the buffer. A row of one empty value is written as <c>""</c>:
    /// an empty line would be read as a blank line and skipped.</summary>
    public async ValueTask EndRowAsync(CancellationToken cancellationToken)
    {
        // An unquoted value never holds the delimiter, and a quoted one ends with a quote: a trailing delimiter is the
        // one Append added after the last value.
        if (_line.Length == 1)
        {
            _line.Clear().Append("\"\"");
        }
        else if (_line.Length > 0)
        {
            _line.Length--;
        }

        _line.Append("\r\n");
        await _writer.WriteAsync(_line, cancellationToken).ConfigureAwait(false);
        _line.Clear();
    }

    public Task FlushAsync(CancellationToken cancellationToken) => _writer.FlushAsync(cancellationToken);

    public ValueTask DisposeAsync() => _writer.DisposeAsync();

    /// <summary>RFC 4180 quoting, plus values with surrounding white space (which readers may trim) and any line
    /// break, lone <c>\n</c> or <c>\r</c> included.</summary>
    internal static bool NeedsQuotes(string? field, char delimiter) =>
        !string.IsNullOrEmpty(field)
        && (field.AsSpan().IndexOfAny('"', '\r', '\n') >= 0 || field.Contains(delimiter, StringComparison.Ordinal)
            || char.IsWhiteSpace(field[0]) || char.IsWhiteSpace(field[^1]));

    /// <summary>What a spreadsheet may run as a formula: a value starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>,
    /// a tab or a carriage return.</summary>
    internal static bool IsFormulaLike(string? value) => !string.IsNullOrEmpty(value) && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    private static byte[] ByteOrderMark(Encoding encoding) => encoding switch
    {
        UTF8Encoding => new UTF8Encoding(true).GetPreamble(),
        UnicodeEncoding => new UnicodeEncoding(encoding.CodePage == 1201, true).GetPreamble(),
        UTF32Encoding => new UTF32Encoding(encoding.CodePage == 12001, true).GetPreamble(),
        _ => encoding.GetPreamble(),
    };

    private static Encoding WithoutPreamble(Encoding encoding) => encoding switch
    {
        UTF8Encoding => new UTF8Encoding(false),
        UnicodeEncoding => new UnicodeEncoding(encoding.CodePage == 1201, false),
        UTF32Encoding => new UTF32Encoding(encoding.CodePage == 12001, false),
        _ => encoding,
    };
}
