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
    }

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
