namespace Martech.Sdk;

/// <summary>One problem with one row of an imported CSV file.</summary>
/// <param name="RowNumber">The row's record number in the file, the header being row 1 (blank lines are not counted;
/// a quoted value spanning lines is one row).</param>
/// <param name="LineNumber">The line of the file where the row starts (1-based, blank lines counted).</param>
/// <param name="Column">The column's header text, or <c>#n</c> (1-based) for a value beyond the header's last column;
/// <see langword="null"/> when the problem is the row as a whole.</param>
/// <param name="Value">The value as read from the file; <see langword="null"/> when the cell is missing.</param>
/// <param name="Reason">What is wrong, in a sentence.</param>
public sealed record CsvRowError(long RowNumber, long LineNumber, string? Column, string? Value, string Reason);

/// <summary>One data row of an imported CSV file: the record when the row is good, its errors otherwise.</summary>
/// <typeparam name="T"><see cref="Contact"/> or <see cref="Lead"/>.</typeparam>
/// <param name="RowNumber">The row's record number, the header being row 1.</param>
/// <param name="LineNumber">The line of the file where the row starts (1-based).</param>
/// <param name="Record">The record read from the row; <see langword="null"/> when the row has errors.</param>
/// <param name="Errors">Every problem found in the row (all of its cells are checked); empty for a good row.</param>
public sealed record CsvRowResult<T>(long RowNumber, long LineNumber, T? Record, IReadOnlyList<CsvRowError> Errors)
    where T : class
{
    /// <summary><see langword="true"/> when the row has no errors and <see cref="Record"/> is set.</summary>
    public bool IsValid => Errors.Count == 0;
}

/// <summary>What a CSV export wrote.</summary>
/// <param name="Rows">The number of data rows written (the header not counted).</param>
/// <param name="CustomFieldColumns">The custom-field columns written, in order, after the named fields.</param>
/// <param name="UnwrittenCustomFields">Custom fields some record had that have no column (they appeared only after
/// the records that columns were discovered from, or the caller's list left them out), so their values are not in
/// the file; in the order first seen.</param>
public sealed record CsvExportResult(long Rows, IReadOnlyList<string> CustomFieldColumns, IReadOnlyList<string> UnwrittenCustomFields);
