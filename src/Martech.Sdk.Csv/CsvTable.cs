using System.Runtime.CompilerServices;

namespace Martech.Sdk;

/// <summary>Any CSV table as text: rows read with their header, their line number and what is wrong with their shape,
/// and rows of any kind (reports, findings, outcomes) written with the same RFC 4180 writer as
/// <see cref="ContactCsv"/> and <see cref="LeadCsv"/>. Both stream: one row is held at a time.</summary>
public static class CsvTable
{
    /// <summary>Reads a CSV file with a header line, row by row, as text: values exactly as the file holds them (not
    /// trimmed), a row with the wrong number of values or malformed quoting still returned, with
    /// <see cref="CsvRow.Errors"/> saying what is wrong; reading goes on with the next row.</summary>
    /// <param name="csv">The file's bytes; read once, from its current position, and left open.</param>
    /// <param name="options">Encoding, delimiter and the longest value; <see langword="null"/> detects the encoding and
    /// the delimiter.</param>
    /// <param name="cancellationToken">Stops the reading.</param>
    /// <returns>One row per data row, in file order; none for an empty file or one with only a header.</returns>
    /// <exception cref="ArgumentException">The options are invalid (the message names the option).</exception>
    /// <exception cref="InvalidDataException">While reading: a value is longer than
    /// <see cref="CsvReadOptions.MaxFieldLength"/>.</exception>
    public static IAsyncEnumerable<CsvRow> ReadAsync(Stream csv, CsvReadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(csv);
        options ??= new CsvReadOptions();
        options.Validate();
        return ReadRowsAsync(csv, options, cancellationToken);
    }

    /// <summary>Writes a header line, then each row as the stream yields it, quoted as RFC 4180 asks (a value holding
    /// the delimiter, a quote or a line break, or starting or ending with white space, is enclosed in quotes; quotes
    /// inside are doubled; rows end with CRLF). A <see langword="null"/> value is an empty cell.</summary>
    /// <param name="destination">Where the file is written; left open.</param>
    /// <param name="headers">The column headers.</param>
    /// <param name="rows">The rows, each with one value per header.</param>
    /// <param name="options">Delimiter, encoding, byte-order mark and formula escaping; <see langword="null"/> writes
    /// UTF-8 with commas.</param>
    /// <param name="cancellationToken">Stops the writing.</param>
    /// <returns>How many rows were written (the header not counted).</returns>
    /// <exception cref="ArgumentException">The options are invalid, there are no headers, or a row is null or has a
    /// different number of values than there are headers (the message names the row; rows before it are
    /// written).</exception>
    public static Task<long> WriteAsync(Stream destination, IReadOnlyList<string> headers, IAsyncEnumerable<IReadOnlyList<string?>> rows, CsvWriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(rows);
        options = Check(headers, options);
        return WriteRowsAsync(destination, headers, rows, options, cancellationToken);
    }

    /// <summary>Writes a header line, then each row, quoted as RFC 4180 asks (see the overload that takes an
    /// <see cref="IAsyncEnumerable{T}"/>). A <see langword="null"/> value is an empty cell.</summary>
    /// <param name="destination">Where the file is written; left open.</param>
    /// <param name="headers">The column headers.</param>
    /// <param name="rows">The rows, each with one value per header.</param>
    /// <param name="options">Delimiter, encoding, byte-order mark and formula escaping; <see langword="null"/> writes
    /// UTF-8 with commas.</param>
    /// <param name="cancellationToken">Stops the writing.</param>
    /// <returns>How many rows were written (the header not counted).</returns>
    /// <exception cref="ArgumentException">The options are invalid, there are no headers, or a row is null or has a
    /// different number of values than there are headers (the message names the row; rows before it are
    /// written).</exception>
    public static Task<long> WriteAsync(Stream destination, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string?>> rows, CsvWriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(rows);
        options = Check(headers, options);
        return WriteRowsAsync(destination, headers, Async(rows), options, cancellationToken);
    }

    private static CsvWriteOptions Check(IReadOnlyList<string> headers, CsvWriteOptions? options)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (headers.Count == 0)
        {
            throw new ArgumentException("The CSV table has no headers; name at least one column.", nameof(headers));
        }

        for (int i = 0; i < headers.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(headers[i]))
            {
                throw new ArgumentException($"Header {i + 1} is empty; name every column.", nameof(headers));
            }
        }

        options ??= new CsvWriteOptions();
        options.Validate();
        return options;
    }

    private static async IAsyncEnumerable<CsvRow> ReadRowsAsync(Stream csv, CsvReadOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using CsvRowReader? reader = await CsvRowReader.OpenAsync(csv, options, cancellationToken).ConfigureAwait(false);
        if (reader is null)
        {
            yield break;
        }

        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false) is { } row)
        {
            yield return row;
        }
    }

    private static async Task<long> WriteRowsAsync(Stream destination, IReadOnlyList<string> headers, IAsyncEnumerable<IReadOnlyList<string?>> rows, CsvWriteOptions options, CancellationToken cancellationToken)
    {
        CsvRowWriter writer = await CsvRowWriter.StartAsync(destination, options, cancellationToken).ConfigureAwait(false);
        await using ConfiguredAsyncDisposable writerScope = writer.ConfigureAwait(false);
        foreach (string header in headers)
        {
            writer.Append(header);
        }

        await writer.EndRowAsync(cancellationToken).ConfigureAwait(false);
        long written = 0;
        try
        {
            await foreach (IReadOnlyList<string?> row in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                if (row is null || row.Count != headers.Count)
                {
                    throw new ArgumentException($"Row {written + 1} has {(row is null ? "no values (it is null)" : $"{row.Count} values")}; the table has {headers.Count} columns.", nameof(rows));
                }

                for (int i = 0; i < row.Count; i++)
                {
                    writer.Append(row[i]);
                }

                await writer.EndRowAsync(cancellationToken).ConfigureAwait(false);
                written++;
            }
        }
        finally
        {
            await writer.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        }

        return written;
    }

    private static async IAsyncEnumerable<IReadOnlyList<string?>> Async(IEnumerable<IReadOnlyList<string?>> rows)
    {
        foreach (IReadOnlyList<string?> row in rows)
        {
            yield return row;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }
}
