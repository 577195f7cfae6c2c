using Martech.Sdk;

namespace LeadFlow;

/// <summary>One CSV row as written, before validation. Every field is text so nothing is lost to a parse error.</summary>
public sealed class LeadRow
{
    public int Line { get; set; }

    public string? Email { get; set; }

    public string? FirstName { get; set; }

    public string? LastName { get; set; }

    public string? Company { get; set; }

    public string? JobTitle { get; set; }

    public string? Phone { get; set; }

    public string? Source { get; set; }

    public string? EmailConsent { get; set; }

    public string? SmsConsent { get; set; }

    /// <summary>
    /// Reads the rows of a leads CSV file as text with <see cref="CsvTable"/> (Martech.Sdk.Csv: encoding and delimiter
    /// detected). A header names its field as <see cref="RecordField"/> reads names (<c>email</c>, <c>first_name</c>,
    /// <c>Job Title</c>, <c>email_consent</c>); other columns are ignored. A row CSV cannot read cleanly (a value count
    /// that differs from the header's, malformed quoting) is returned as a rejection with the reason, not dropped.
    /// </summary>
    public static async Task<(List<LeadRow> Rows, List<Rejection> Rejected)> ReadAsync(Stream csv, CancellationToken cancellationToken)
    {
        var rows = new List<LeadRow>();
        var rejected = new List<Rejection>();
        Dictionary<RecordField, string>? columns = null;
        await foreach (CsvRow row in CsvTable.ReadAsync(csv, cancellationToken: cancellationToken))
        {
            columns ??= Columns(row.Headers);
            int line = checked((int)row.LineNumber);
            if (!row.IsValid)
            {
                CsvRowError first = row.Errors[0];
                rejected.Add(new Rejection(line, first.Value ?? string.Empty, $"unreadable CSV row: {string.Join(' ', row.Errors.Select(e => e.Reason))}"));
                continue;
            }

            string? Cell(RecordField field) => columns.TryGetValue(field, out string? header) ? row[header] : null;
            rows.Add(new LeadRow
            {
                Line = line,
                Email = Cell(RecordField.Email),
                FirstName = Cell(RecordField.FirstName),
                LastName = Cell(RecordField.LastName),
                Company = Cell(RecordField.Company),
                JobTitle = Cell(RecordField.JobTitle),
                Phone = Cell(RecordField.Phone),
                Source = Cell(RecordField.Source),
                EmailConsent = Cell(RecordField.EmailConsent),
                SmsConsent = Cell(RecordField.SmsConsent),
            });
        }

        return (rows, rejected);
    }

    /// <summary>The header of each field the file has; of two headers naming one field, the first.</summary>
    private static Dictionary<RecordField, string> Columns(IReadOnlyList<string> headers)
    {
        var columns = new Dictionary<RecordField, string>();
        foreach (string header in headers)
        {
            if (RecordField.TryParse(header, out RecordField field, out _) && !field.IsCustom)
            {
                columns.TryAdd(field, header);
            }
        }

        return columns;
    }
}
