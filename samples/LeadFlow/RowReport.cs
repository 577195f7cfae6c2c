namespace LeadFlow;

/// <summary>Writes the per-row record as CSV or JSON, row by row to the stream (never built in memory as a whole).</summary>
public static class RowReport
{
    /// <summary>The report columns in order: the CSV header and the JSON property names.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "row", "line", "email", "outcome", "merged_into_row", "reason", "warnings", "contact_id",
        "lead", "lead_id", "lead_reason", "notification", "notification_reason",
        "welcome_email", "welcome_email_reason", "sms", "sms_reason", "sla_policy", "sla_status", "sla_due_at",
    ];

    /// <summary>The format a file name asks for: <c>.csv</c> or <c>.json</c> (any case); <see langword="null"/> otherwise.</summary>
    public static ReportFormat? FormatOf(string path) => Path.GetExtension(path).ToUpperInvariant() switch
    {
        ".CSV" => ReportFormat.Csv,
        ".JSON" => ReportFormat.Json,
        _ => null,
    };

    public static Task WriteAsync(Stream stream, ReportFormat format, IEnumerable<LeadFlowRow> rows, CancellationToken cancellationToken) => format switch
    {
        ReportFormat.Csv => CsvRowReport.WriteAsync(stream, rows, cancellationToken),
        ReportFormat.Json => JsonRowReport.WriteAsync(stream, rows, cancellationToken),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown report format."),
    };
}
