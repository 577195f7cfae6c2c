using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Martech.Sdk;

/// <summary>Reads a CSV file's header and then its rows with CsvHelper's parser, field by index: each row's values
/// and its shape errors (value count, malformed quoting), with its row and line number.</summary>
internal sealed class CsvRowReader : IDisposable
{
    private readonly CsvParser _parser;
    private readonly List<string> _badFields;
    private long _row = 1;

    private CsvRowReader(CsvParser parser, List<string> badFields, CsvHeader header)
    {
        _parser = parser;
        _badFields = badFields;
        Header = header;
    }

    public CsvHeader Header { get; }

    /// <summary>Opens the file and reads its header; <see langword="null"/> (and the stream's reader closed) when the
    /// file has no header line.</summary>
    public static async Task<CsvRowReader?> OpenAsync(Stream csv, CsvReadOptions options, CancellationToken cancellationToken)
    {
        (TextReader reader, char delimiter) = await CsvInput.OpenAsync(csv, options, cancellationToken).ConfigureAwait(false);
        var badFields = new List<string>();
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = delimiter.ToString(),
            Mode = CsvMode.RFC4180,
            IgnoreBlankLines = true,
            MaxFieldSize = options.MaxFieldLength,
            BadDataFound = args => badFields.Add(args.Field),
        };

        var parser = new CsvParser(reader, configuration, leaveOpen: false);
        try
        {
            if (!await ReadAsync(parser).ConfigureAwait(false))
            {
                parser.Dispose();
                return null;
            }

            string[] headers = new string[parser.Count];
            for (int i = 0; i < headers.Length; i++)
            {
                headers[i] = i == 0 ? parser[i].TrimStart('\uFEFF').Trim() : parser[i].Trim();
            }

            badFields.Clear();
            return new CsvRowReader(parser, badFields, new CsvHeader(headers));
        }
        catch
        {
            parser.Dispose();
            throw;
        }
    }

    /// <summary>The next data row, or <see langword="null"/> at the end of the file.</summary>
    public async ValueTask<CsvRow?> ReadAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!await ReadAsync(_parser).ConfigureAwait(false))
        {
            return null;
        }

        _row++;
        string[] headers = Header.Names;
        int count = _parser.Count;
        string[] values = new string[count];
        long lineBreaks = 0;
        for (int i = 0; i < count; i++)
        {
            values[i] = _parser[i];
            lineBreaks += LineBreaks(values[i]);
        }

        long line = _parser.RawRow - lineBreaks;
        List<CsvRowError>? errors = null;
        foreach (string bad in _badFields)
        {
            int index = FindBadField(values, bad);
            (errors ??= []).Add(new CsvRowError(_row, line, index < 0 ? null : ColumnName(headers, index), bad, "Malformed quoting: a quote inside a value that is not enclosed in quotes, or text after a closing quote; enclose the value in quotes and double the quotes inside it."));
        }

        _badFields.Clear();
        if (count < headers.Length)
        {
            (errors ??= []).Add(new CsvRowError(_row, line, headers[count], null, $"The row has {count} values; the header has {headers.Length} columns (the values from '{headers[count]}' on are missing)."));
        }
        else if (count > headers.Length)
        {
            (errors ??= []).Add(new CsvRowError(_row, line, ColumnName(headers, headers.Length), values[headers.Length], $"The row has {count} values; the header has {headers.Length} columns."));
        }

        return new CsvRow(Header, _row, line, values, errors ?? (IReadOnlyList<CsvRowError>)[]);
    }

    public void Dispose() => _parser.Dispose();

    private static async ValueTask<bool> ReadAsync(CsvParser parser)
    {
        try
        {
            return await parser.ReadAsync().ConfigureAwait(false);
        }
        catch (MaxFieldSizeException e)
        {
            throw new InvalidDataException(
                $"A value in the row starting after line {parser.RawRow} is longer than the read options' MaxFieldLength ({parser.Configuration.MaxFieldSize} characters): most often a quote that is never closed, which runs the rest of the file into one value. Fix the quoting, or raise MaxFieldLength.",
                e);
        }
    }

    private static string ColumnName(string[] headers, int index) =>
        index < headers.Length ? headers[index] : "#" + (index + 1).ToString(CultureInfo.InvariantCulture);

    private static int FindBadField(string[] values, string bad)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (values[i] == bad)
            {
                return i;
            }
        }

        for (int i = 0; i < values.Length; i++)
        {
            if (values[i].Length > 0 && bad.Contains(values[i], StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private static int LineBreaks(string value)
    {
        int n = 0;
        for (int i = 0; i < value.Length; i++)
        {
            if (value[i] == '\n' || (value[i] == '\r' && (i + 1 == value.Length || value[i + 1] != '\n')))
            {
                n++;
            }
        }

        return n;
    }
}
