using System.Globalization;
using Spectre.Console;

namespace LeadFlow;

/// <summary>Prints the run summary: counts, then every row that was rejected, warned about or withheld, with why.</summary>
public static class SummaryReport
{
    public static void Write(IAnsiConsole console, LeadFlowSummary s)
    {
        console.Write(new Rule("[bold]LeadFlow summary[/]").LeftJustified());
        console.MarkupLine($"Providers: {Markup.Escape(string.Join(", ", s.Providers.Select(p => $"{p.Key}={p.Value}")))}");
        if (s.SeededContacts > 0)
        {
            console.MarkupLine($"[grey]Seeded {s.SeededContacts} existing contacts into the in-memory CRM (data/crm-seed.csv).[/]");
        }

        var counts = new Table().AddColumn("Step").AddColumn(new TableColumn("Count").RightAligned());
        counts.AddRow("CSV rows read", N(s.RowsRead));
        counts.AddRow("Rows rejected", N(s.Rejected.Count));
        counts.AddRow("Duplicate rows merged", N(s.DuplicatesMerged));
        counts.AddRow("Contacts created", N(s.ContactsCreated));
        counts.AddRow("Contacts updated", N(s.ContactsUpdated));
        counts.AddRow("Contacts failed", N(s.ContactsFailed.Count));
        counts.AddRow("Leads created", N(s.LeadsCreated));
        counts.AddRow("Chat notifications sent", N(s.NotificationsSent));
        counts.AddRow("Welcome emails sent", N(s.EmailsSent));
        counts.AddRow("Welcome emails withheld (no consent)", N(s.EmailsWithheld.Count));
        counts.AddRow("Welcome emails failed", N(s.EmailsFailed.Count));
        counts.AddRow("SMS follow-ups sent", N(s.SmsSent));
        counts.AddRow("SMS follow-ups withheld (no consent)", N(s.SmsWithheld.Count));
        counts.AddRow("SMS follow-ups failed", N(s.SmsFailed.Count));
        console.Write(counts);

        Details(console, "Rejected rows", s.Rejected);
        Details(console, "Warnings (row imported, field dropped)", s.Warnings);
        Details(console, "Contacts that failed", s.ContactsFailed);
        Details(console, "Leads that failed", s.LeadsFailed);
        Details(console, "Welcome emails withheld for consent", s.EmailsWithheld);
        Details(console, "Welcome emails that failed", s.EmailsFailed);
        Details(console, "SMS follow-ups withheld for consent", s.SmsWithheld);
        Details(console, "SMS follow-ups that failed", s.SmsFailed);
        Slas(console, s.Slas);
    }

    /// <summary>The SLA clocks of the leads created, grouped by policy, status and due time (to the minute), times in
    /// the calendar's zone.</summary>
    private static void Slas(IAnsiConsole console, IReadOnlyList<LeadSla> slas)
    {
        if (slas.Count == 0)
        {
            return;
        }

        // One zone (the usual case) goes in the title; several are named in each cell.
        string[] zones = [.. slas.Select(c => c.TimeZone).Distinct(StringComparer.Ordinal)];
        var table = new Table()
            .Title(zones.Length == 1 ? $"SLA clocks of the leads created ({Markup.Escape(zones[0])} time)" : "SLA clocks of the leads created")
            .AddColumn("Policy")
            .AddColumn("Target")
            .AddColumn("Status")
            .AddColumn(new TableColumn("Leads").RightAligned())
            .AddColumn("Due")
            .AddColumn("At risk from");
        var groups = slas
            .GroupBy(c => (c.Policy, c.Calendar, c.Target, c.Status, Due: Minute(c.DueAt), AtRisk: Minute(c.AtRiskAt), c.TimeZone))
            .OrderBy(g => g.Key.Policy, StringComparer.Ordinal).ThenBy(g => g.Key.Due);
        foreach (var group in groups)
        {
            var (policy, calendar, target, status, due, atRisk, zone) = group.Key;
            string? shownZone = zones.Length == 1 ? null : zone;
            table.AddRow(
                Markup.Escape(policy),
                Markup.Escape($"{LeadSla.Show(target)} ({calendar ?? "wall clock"})"),
                Markup.Escape(LeadSla.Name(status).Replace('_', ' ')),
                N(group.Count()),
                due is { } d ? Markup.Escape(LeadSla.Show(d, shownZone)) : "-",
                atRisk is { } r ? Markup.Escape(due is { } sameDay && sameDay.Date == r.Date && shownZone is null ? LeadSla.ShowTime(r) : LeadSla.Show(r, shownZone)) : "-");
        }

        console.Write(table);
        console.MarkupLine("[grey]Welcome emails and SMS are automated and do not stop a clock; a rep's touch does (the lead's status leaving 'new', a recorded call or reply).[/]");
    }

    private static DateTimeOffset? Minute(DateTimeOffset? at) =>
        at is { } value ? new DateTimeOffset(value.Ticks - (value.Ticks % TimeSpan.TicksPerMinute), value.Offset) : null;

    private static void Details(IAnsiConsole console, string title, IReadOnlyList<Rejection> rows)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var table = new Table().Title(title).AddColumn("Line").AddColumn("Value").AddColumn("Reason");
        foreach (var row in rows)
        {
            table.AddRow(N(row.Line), Markup.Escape(Printable(row.Value)), Markup.Escape(row.Reason));
        }

        console.Write(table);
    }

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Printable(string value) => value.Replace("\r", "\\r").Replace("\n", "\\n");
}
