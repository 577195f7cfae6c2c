namespace Martech.Sdk;

/// <summary>One data row of a CSV file read by <see cref="CsvTable.ReadAsync"/>: its values as text, exactly as the
/// file holds them (no trimming), and what is wrong with its shape.</summary>
public sealed class CsvRow
{
    private readonly CsvHeader _header;
    private readonly string[] _values;

    internal CsvRow(CsvHeader header, long rowNumber, long lineNumber, string[] values, IReadOnlyList<CsvRowError> errors)
    {
        _header = header;
        _values = values;
        RowNumber = rowNumber;
        LineNumber = lineNumber;
        Errors = errors;
    }

    /// <summary>The row's record number in the file, the header being row 1 (blank lines are not counted; a quoted
    /// value spanning lines is one row).</summary>
    public long RowNumber { get; }

    /// <summary>The line of the file where the row starts (1-based, blank lines counted).</summary>
    public long LineNumber { get; }

    /// <summary>The file's header line, trimmed (the same list for every row of a file).</summary>
    public IReadOnlyList<string> Headers => _header.Names;

    /// <summary>The row's values in file order, as many as the row has (which may differ from the header's count;
    /// <see cref="Errors"/> then says so).</summary>
    public IReadOnlyList<string> Values => _values;

    /// <summary>What is wrong with the row's shape: fewer or more values than the header has columns, or malformed
    /// quoting (a quote inside a value that is not enclosed in quotes, or text after a closing quote). Empty for a
    /// well-formed row.</summary>
    public IReadOnlyList<CsvRowError> Errors { get; }

    /// <summary><see langword="true"/> when <see cref="Errors"/> is empty.</summary>
    public bool IsValid => Errors.Count == 0;

    /// <summary>The value in the column with this header (matched ignoring case and surrounding spaces; of two columns
    /// with one header, the first).</summary>
    /// <param name="header">The column's header.</param>
    /// <returns>The value as the file holds it, or <see langword="null"/> when the file has no such column or the row
    /// ends before it.</returns>
    public string? this[string header]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(header);
            return _header.IndexOf(header) is { } index && index < _values.Length ? _values[index] : null;
        }
    }
}

/// <summary>A file's header line and a lookup of its columns by name.</summary>
internal sealed class CsvHeader
{
    private readonly Dictionary<string, int> _byName = new(StringComparer.OrdinalIgnoreCase);

    public CsvHeader(string[] names)
    {
        Names = names;
        for (int i = names.Length - 1; i >= 0; i--)
        {
            _byName[names[i]] = i;
        }
    }

    public string[] Names { get; }

    public int? IndexOf(string name) => _byName.TryGetValue(name.Trim(), out int index) ? index : null;
}
