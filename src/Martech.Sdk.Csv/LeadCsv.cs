namespace Martech.Sdk;

/// <summary>Leads from and to CSV: import with columns mapped by header and per-row errors, export of any lead
/// stream. Both stream: memory stays flat however large the file.</summary>
public static class LeadCsv
{
    /// <summary>Reads leads from a CSV file with a header line, row by row. A bad row comes back with every problem
    /// in it (<see cref="CsvRowResult{T}.Errors"/>) and no record; reading goes on with the next row.</summary>
    /// <param name="csv">The file's bytes; read once, from its current position, and left open.</param>
    /// <param name="options">Mapping, encoding and delimiter; <see langword="null"/> detects both and maps headers that
    /// name a field.</param>
    /// <param name="cancellationToken">Stops the reading.</param>
    /// <returns>One result per data row, in file order.</returns>
    /// <exception cref="ArgumentException">The options are invalid, or map a field a lead does not have (the message
    /// names the option).</exception>
    /// <exception cref="InvalidDataException">While reading: the header lacks a mapped column, two columns read as one
    /// field, or a value is longer than <see cref="CsvReadOptions.MaxFieldLength"/>.</exception>
    public static IAsyncEnumerable<CsvRowResult<Lead>> ReadAsync(Stream csv, CsvImportOptions? options = null, CancellationToken cancellationToken = default) =>
        CsvImporter.Start(csv, LeadCsvSchema.Instance, options, cancellationToken);

    /// <summary>Writes leads to CSV as they arrive (an <see cref="AsyncPageable{T}"/> from a lead client's
    /// listing streams page by page): a header line, then one row per lead, values quoted where they hold the
    /// delimiter, a quote, a line break or surrounding spaces.</summary>
    /// <param name="destination">Where the file is written; left open.</param>
    /// <param name="leads">The leads.</param>
    /// <param name="options">Columns, delimiter, encoding; <see langword="null"/> writes every field and the custom
    /// fields found in the first 100 leads.</param>
    /// <param name="cancellationToken">Stops the writing.</param>
    /// <returns>How many rows were written, the custom-field columns, and the custom fields left out.</returns>
    /// <exception cref="ArgumentException">The options are invalid, or the stream holds a null lead.</exception>
    public static Task<CsvExportResult> WriteAsync(Stream destination, IAsyncEnumerable<Lead> leads, CsvExportOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(leads);
        options ??= new CsvExportOptions();
        options.Validate();
        int[] fields = CsvFieldLists.Fields(options.Fields, LeadCsvSchema.Instance);
        return CsvExporter.WriteAsync(destination, leads, LeadCsvSchema.Instance, fields, options, cancellationToken);
    }
}
