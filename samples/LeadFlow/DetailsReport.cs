using System.Globalization;
using Spectre.Console;

namespace LeadFlow;

/// <summary>Prints <c>--details</c>: one table row per CSV row, saying what the run did with it.</summary>
public static class DetailsReport
{
    private const string NotApplicable = "-";

    public static void Write(IAnsiConsole console, IReadOnlyList<LeadFlowRow> rows)
    {
        var table = new Table()
            .Title("[bold]Every row[/]")
            .AddColumn(new TableColumn("Row").RightAligned())
            .AddColumn(new TableColumn("Line").RightAligned())
            .AddColumn("Email as read")
            .AddColumn("Outcome")
            .AddColumn("Lead")
            .AddColumn("Chat card")
            .AddColumn("Welcome email")
            .AddColumn("SMS")
            .AddColumn("SLA");
        foreach (LeadFlowRow row in rows)
        {
            table.AddRow(
                N(row.Row),
                N(row.Line),
                row.Email.Length == 0 ? "[grey](empty)[/]" : Markup.Escape(Printable(row.Email)),
                Markup.Escape(Outcome(row)),
                Markup.Escape(Step(row.Lead, row.LeadReason)),
                Markup.Escape(Step(row.Notification, row.NotificationReason)),
                Markup.Escape(Step(row.WelcomeEmail, row.WelcomeEmailReason)),
                Markup.Escape(Step(row.Sms, row.SmsReason)),
                Markup.Escape(Sla(row)));
        }

        console.Write(table);
    }

    /// <summary>The outcome cell: "merged into row 1", "rejected: why", … then a line per warning.</summary>
    public static string Outcome(LeadFlowRow row)
    {
        string outcome = row.MergedIntoRow is { } into
            ? $"{row.Outcome} into row {N(into)}"
            : Step(row.Outcome, row.Reason);
        return string.Concat(outcome, string.Concat(row.Warnings.Select(w => "\nwarning: " + w)));
    }

    /// <summary>The SLA cell: the clock's status and due time in the calendar's zone, which the summary's SLA section
    /// names ("pending, due Tue 29 Dec 11:30"); the report has the policy and the full time with its offset.</summary>
    public static string Sla(LeadFlowRow row) =>
        row.SlaStatus is null ? NotApplicable
        : row.SlaDueAt is null ? row.SlaStatus.Replace('_', ' ')
        : $"{row.SlaStatus.Replace('_', ' ')}, due {LeadSla.Show(DateTimeOffset.Parse(row.SlaDueAt, CultureInfo.InvariantCulture))}";

    /// <summary>A step's cell: its status, with the reason after a colon when there is one.</summary>
    public static string Step(string? status, string? reason) =>
        status is null ? NotApplicable : reason is null ? status : $"{status}: {reason}";

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Printable(string value) => value.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
