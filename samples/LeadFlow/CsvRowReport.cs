using System.Globalization;
using Martech.Sdk;

namespace LeadFlow;

/// <summary>
/// The report as CSV (<see cref="CsvTable"/> from Martech.Sdk.Csv): a header row, then one record per CSV row read. A
/// cell that starts with <c>=</c>, <c>@</c>, <c>+</c>, <c>-</c>, a tab or a CR gets a leading <c>'</c>
/// (<see cref="CsvWriteOptions.EscapeFormulas"/>), so a spreadsheet opening the report does not run text from the
/// imported file as a formula.
/// </summary>
public static class CsvRowReport
{
    /// <summary>Separates several warnings in the one <c>warnings</c> cell.</summary>
    public const string WarningSeparator = " | ";

    public static async Task WriteAsync(Stream stream, IEnumerable<LeadFlowRow> rows, CancellationToken cancellationToken) =>
        await CsvTable.WriteAsync(stream, RowReport.Columns, rows.Select(Cells), new CsvWriteOptions { EscapeFormulas = true }, cancellationToken);

    // The column order is the report's contract (RowReport.Columns, the README's table).
    private static string?[] Cells(LeadFlowRow r) =>
    [
        r.Row.ToString(CultureInfo.InvariantCulture),
        r.Line.ToString(CultureInfo.InvariantCulture),
        r.Email,
        r.Outcome,
        r.MergedIntoRow?.ToString(CultureInfo.InvariantCulture),
        r.Reason,
        string.Join(WarningSeparator, r.Warnings),
        r.ContactId,
        r.Lead,
        r.LeadId,
        r.LeadReason,
        r.Notification,
        r.NotificationReason,
        r.WelcomeEmail,
        r.WelcomeEmailReason,
        r.Sms,
        r.SmsReason,
        r.SlaPolicy,
        r.SlaStatus,
        r.SlaDueAt,
    ];
}
