using System.Text;

namespace Martech.Sdk;

/// <summary>Writes records to CSV one field at a time with RFC 4180 quoting, through a 16 KiB buffer that goes to
/// the stream whenever it fills. (Not CsvHelper's writer: it makes its reflection-based object creation
/// reachable, one more trim warning in a Native AOT publish.)</summary>
internal static class CsvExporter
{
    public static async Task<CsvExportResult> WriteAsync<T>(Stream destination, IAsyncEnumerable<T> records, CsvSchema<T> schema, int[] fields, CsvExportOptions options, CancellationToken cancellationToken)
        where T : class
    {
        var namedHeaders = new HashSet<string>(fields.Select(f => schema.Headers[f]), StringComparer.OrdinalIgnoreCase);
        foreach (string column in options.CustomFieldColumns ?? [])
        {
            if (namedHeaders.Contains(column))
            {
                throw new ArgumentException($"CsvExportOptions.CustomFieldColumns names '{column}', which is also the header of a named field; the file would have two '{column}' columns.", nameof(options));
            }
        }

        if (options.WriteByteOrderMark)
        {
            await destination.WriteAsync(ByteOrderMark(options.Encoding), cancellationToken).ConfigureAwait(false);
        }

        var unwritten = new List<string>();
        var unwrittenSeen = new HashSet<string>(StringComparer.Ordinal);
        var buffered = new List<T>();
        IAsyncEnumerator<T> enumerator = records.GetAsyncEnumerator(cancellationToken);
        await using System.Runtime.CompilerServices.ConfiguredAsyncDisposable enumeratorScope = enumerator.ConfigureAwait(false);
        bool more = true;
        List<string> custom;
        if (options.CustomFieldColumns is { } named)
        {
            custom = [.. named];
        }
        else
        {
            custom = [];
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            while (buffered.Count < options.DiscoverCustomFieldsFrom && (more = await enumerator.MoveNextAsync().ConfigureAwait(false)))
            {
                T record = enumerator.Current ?? throw new ArgumentException($"The record stream holds a null record (record {buffered.Count + 1}).", nameof(records));
                buffered.Add(record);
                foreach (string name in schema.CustomFields(record).Keys)
                {
                    if (namedHeaders.Contains(name))
                    {
                        if (unwrittenSeen.Add(name))
                        {
                            unwritten.Add(name);
                        }
                    }
                    else if (seen.Add(name))
                    {
                        custom.Add(name);
                    }
                }
            }
        }

        var customSet = new HashSet<string>(custom, StringComparer.Ordinal);
        var writer = new StreamWriter(destination, WithoutPreamble(options.Encoding), bufferSize: 16 * 1024, leaveOpen: true);
        await using System.Runtime.CompilerServices.ConfiguredAsyncDisposable writerScope = writer.ConfigureAwait(false);
        var line = new StringBuilder(256);
        foreach (int field in fields)
        {
            AppendField(line, schema.Headers[field], options.Delimiter);
        }

        foreach (string name in custom)
        {
            AppendField(line, name, options.Delimiter);
        }

        await EndRowAsync(writer, line, cancellationToken).ConfigureAwait(false);

        long rows = 0;
        async ValueTask WriteAsync(T record)
        {
            foreach (int field in fields)
            {
                AppendField(line, schema.Format(record, field), options.Delimiter);
            }

            CustomFieldCollection values = schema.CustomFields(record);
            foreach (string name in custom)
            {
                AppendField(line, values.GetString(name), options.Delimiter);
            }

            foreach (string name in values.Keys)
            {
                if (!customSet.Contains(name) && unwrittenSeen.Add(name))
                {
                    unwritten.Add(name);
                }
            }

            await EndRowAsync(writer, line, cancellationToken).ConfigureAwait(false);
            rows++;
        }

        foreach (T record in buffered)
        {
            await WriteAsync(record).ConfigureAwait(false);
        }

        buffered.Clear();
        while (more && await enumerator.MoveNextAsync().ConfigureAwait(false))
        {
            T record = enumerator.Current ?? throw new ArgumentException($"The record stream holds a null record (record {rows + 1}).", nameof(records));
            await WriteAsync(record).ConfigureAwait(false);
        }

        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        return new CsvExportResult(rows, custom, unwritten);
    }

    /// <summary>Appends a value and a delimiter after it (the row's last is removed when the row ends); quoted as
    /// <see cref="NeedsQuotes"/> says, quotes inside doubled.</summary>
    private static void AppendField(StringBuilder line, string? value, char delimiter)
    {
        if (!NeedsQuotes(value, delimiter))
        {
            line.Append(value).Append(delimiter);
            return;
        }

        line.Append('"');
        foreach (char c in value!)
        {
            line.Append(c == '"' ? "\"\"" : c);
        }

        line.Append('"').Append(delimiter);
    }

    private static async ValueTask EndRowAsync(StreamWriter writer, StringBuilder line, CancellationToken cancellationToken)
    {
        // An unquoted value never holds the delimiter, and a quoted one ends with a quote: a trailing delimiter is the
        // one AppendField added after the last value.
        if (line.Length > 0)
        {
            line.Length--;
        }

        line.Append("\r\n");
        await writer.WriteAsync(line, cancellationToken).ConfigureAwait(false);
        line.Clear();
    }

    /// <summary>RFC 4180 quoting, plus values with surrounding white space (which readers may trim) and any line
    /// break, lone <c>\n</c> or <c>\r</c> included.</summary>
    internal static bool NeedsQuotes(string? field, char delimiter) =>
        !string.IsNullOrEmpty(field)
        && (field.AsSpan().IndexOfAny('"', '\r', '\n') >= 0 || field.Contains(delimiter, StringComparison.Ordinal)
            || char.IsWhiteSpace(field[0]) || char.IsWhiteSpace(field[^1]));

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
