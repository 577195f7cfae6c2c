using System.Globalization;
using System.Text.Json;
using CsvHelper;
using LeadFlow;
using Martech.Sdk.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Martech.Sdk.Tests.Samples;

/// <summary>
/// Runs the LeadFlow sample's whole flow on the shipped CSV, wired exactly as its Program.cs wires it, and checks what
/// it says it did with every row: the summary, the per-row record, <c>--details</c> and both <c>--report</c> formats.
/// </summary>
public class LeadFlowTests
{
    /// <summary>The report's columns, written out here so a rename is a failing test, not a silent break.</summary>
    private static readonly string[] Columns =
    [
        "row", "line", "email", "outcome", "merged_into_row", "reason", "warnings", "contact_id",
        "lead", "lead_id", "lead_reason", "notification", "notification_reason",
        "welcome_email", "welcome_email_reason", "sms", "sms_reason", "sla_policy", "sla_status", "sla_due_at",
    ];

    /// <summary>Every run starts on Thursday 2026-12-24 16:00 in London (GMT = UTC). By hand, 4 business hours of the
    /// sample's sales calendar (weekdays 09:00-17:30): 1.5 hours on Thursday; Friday 25th is Christmas; the weekend;
    /// Monday 28th is Boxing Day observed (the 26th is a Saturday); 2.5 hours from 09:00 on Tuesday 29th: due 11:30, at
    /// risk an hour before.</summary>
    private static readonly DateTimeOffset Start = new(2026, 12, 24, 16, 0, 0, TimeSpan.Zero);

    private const string DueAt = "2026-12-29T11:30:00+00:00";

    /// <summary>What should become of each row of data/leads.csv (row, line, email as read, outcome, merged into,
    /// welcome email, SMS). Reasons are checked apart.</summary>
    private static readonly (int Row, int Line, string Email, string Outcome, int? MergedInto, string? Welcome, string? Sms)[] Expected =
    [
        (1, 2, "ada.lovelace@analytical.example", "created", null, "sent", "sent"),
        (2, 3, "grace.hopper@navy.example", "updated", null, "sent", "withheld"),
        (3, 4, "alan.turing@bletchley.example", "updated", null, "withheld", "skipped"),
        (4, 5, "katherine.johnson@nasa.example", "created", null, "sent", "sent"),
        (5, 6, "not-an-email", "rejected", null, null, null),
        (6, 7, "margaret.hamilton@mit.example", "created", null, "sent", "sent"),
        (7, 8, "ADA.LOVELACE@Analytical.Example", "merged", 1, null, null),
        (8, 9, "edsger.dijkstra@eindhoven.example", "created", null, "withheld", "withheld"),
        (9, 10, "", "rejected", null, null, null),
        (10, 11, "linus@kernel.example", "created", null, "sent", "skipped"),
        (11, 12, "barbara.liskov@mit.example", "created", null, "sent", "skipped"),
        (12, 13, "injected@evil.example\nBcc: victims@evil.example", "rejected", null, null, null),
        (13, 15, "dennis.ritchie@bell-labs.example", "created", null, "withheld", "withheld"),
        (14, 16, "frances.allen@ibm.example", "updated", null, "sent", "withheld"),
        (15, 17, "margaret.hamilton@mit.example", "merged", 6, null, null),
        (16, 18, "radia.perlman@networks.example", "created", null, "sent", "skipped"),
        (17, 19, "tim@www..example", "rejected", null, null, null),
        (18, 20, "john.mccarthy@stanford.example", "created", null, "withheld", "skipped"),
        (19, 21, "hedy.lamarr@patents.example", "created", null, "sent", "sent"),
    ];

    private static ManualTimeProvider Clock() => new(Start);

    private static ServiceProvider Build()
    {
        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json")
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Clock());
        services.AddLeadFlowProviders(configuration.GetSection("Martech"));
        services.AddOptions<LeadFlowOptions>().Bind(configuration.GetSection("LeadFlow"));
        services.AddSingleton<LeadFlowRunner>();
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task RunAsync_ShippedCsv_AccountsForEveryRow()
    {
        using var sp = Build();
        var summary = await sp.GetRequiredService<LeadFlowRunner>().RunAsync(AppContext.BaseDirectory, new NoStepProgress(), CancellationToken.None);

        Assert.Equal(19, summary.RowsRead);
        Assert.Equal(3, summary.SeededContacts);
        Assert.Equal(2, summary.DuplicatesMerged);
        Assert.Equal(4, summary.Rejected.Count);
        Assert.Equal(10, summary.ContactsCreated);
        Assert.Equal(3, summary.ContactsUpdated);
        Assert.Empty(summary.ContactsFailed);

        // Every row is either imported (possibly merged) or rejected with a reason.
        Assert.Equal(summary.RowsRead, summary.ContactsCreated + summary.ContactsUpdated + summary.DuplicatesMerged + summary.Rejected.Count);
        Assert.All(summary.Rejected, r => Assert.False(string.IsNullOrWhiteSpace(r.Reason)));
        Assert.Contains(summary.Rejected, r => r.Reason.Contains("control character", StringComparison.Ordinal));
        Assert.Contains(summary.Rejected, r => r.Reason.Contains("'email' is required", StringComparison.Ordinal));
        Assert.Contains(summary.Rejected, r => r.Reason.Contains("no '@'", StringComparison.Ordinal));
        Assert.Contains(summary.Rejected, r => r.Reason.Contains("empty label", StringComparison.Ordinal));
        Assert.Contains(summary.Warnings, w => w.Value == "555-0100" && w.Reason.Contains("country code", StringComparison.Ordinal));

        Assert.Equal(13, summary.LeadsCreated);
        Assert.Equal(13, summary.NotificationsSent);
        Assert.Equal(9, summary.EmailsSent);
        Assert.Equal(
            ["alan.turing@bletchley.example", "edsger.dijkstra@eindhoven.example", "dennis.ritchie@bell-labs.example", "john.mccarthy@stanford.example"],
            summary.EmailsWithheld.Select(w => w.Value));
        Assert.Equal(4, summary.SmsSent);
        Assert.Equal(4, summary.SmsWithheld.Count);
        Assert.Empty(summary.EmailsFailed);
    }

    [Fact]
    public async Task RunAsync_ShippedCsv_StoreHoldsExactlyWhatWasSent()
    {
        using var sp = Build();
        await sp.GetRequiredService<LeadFlowRunner>().RunAsync(AppContext.BaseDirectory, new NoStepProgress(), CancellationToken.None);
        var store = sp.GetRequiredKeyedService<InMemoryMartechStore>("InMemory");

        Assert.Equal(13, store.Contacts.Count);
        Assert.Equal(13, store.Leads.Count);
        Assert.Equal(9, store.SentEmails.Count);
        Assert.All(store.SentEmails, e => Assert.Equal(SendPurpose.Marketing, e.Message.Purpose));
        Assert.Equal(13, store.SentMessages.Count(m => m.Message.Destination.Kind == MessageDestinationKind.Channel));
        Assert.Equal(4, store.SentMessages.Count(m => m.Message.Destination.Kind == MessageDestinationKind.PhoneNumber));

        // The merged duplicate kept the later row's values, and consent withdrawn in the CSV overrode the CRM's.
        var ada = store.Contacts.Single(c => c.Email == EmailAddress.Parse("ada.lovelace@analytical.example"));
        Assert.Equal("Analytical Engines Ltd", ada.Company);
        var alan = store.Contacts.Single(c => c.Email == EmailAddress.Parse("alan.turing@bletchley.example"));
        Assert.Equal(ConsentStatus.Denied, alan.EmailConsent!.Status);
        var frances = store.Contacts.Single(c => c.Email == EmailAddress.Parse("frances.allen@ibm.example"));
        Assert.Equal("Frances", frances.FirstName);
        Assert.Equal("IBM", frances.Company);
    }

    [Fact]
    public async Task RunAsync_ShippedCsv_EveryRowHasItsOutcome()
    {
        using var sp = Build();
        var summary = await sp.GetRequiredService<LeadFlowRunner>().RunAsync(AppContext.BaseDirectory, new NoStepProgress(), CancellationToken.None);

        AssertAsExpected(summary.Rows);

        // The per-row record and the summary's counts tell the same story.
        Assert.Equal(summary.RowsRead, summary.Rows.Count);
        Assert.Equal(summary.ContactsCreated, summary.Rows.Count(r => r.Outcome == RowOutcome.Created));
        Assert.Equal(summary.ContactsUpdated, summary.Rows.Count(r => r.Outcome == RowOutcome.Updated));
        Assert.Equal(summary.DuplicatesMerged, summary.Rows.Count(r => r.Outcome == RowOutcome.Merged));
        Assert.Equal(summary.Rejected.Count, summary.Rows.Count(r => r.Outcome == RowOutcome.Rejected));
        Assert.Equal(summary.LeadsCreated, summary.Rows.Count(r => r.Lead == RowOutcome.Created));
        Assert.Equal(summary.NotificationsSent, summary.Rows.Count(r => r.Notification == RowOutcome.Sent));
        Assert.Equal(summary.EmailsSent, summary.Rows.Count(r => r.WelcomeEmail == RowOutcome.Sent));
        Assert.Equal(summary.EmailsWithheld.Select(w => w.Line), summary.Rows.Where(r => r.WelcomeEmail == RowOutcome.Withheld).Select(r => r.Line));
        Assert.Equal(summary.SmsSent, summary.Rows.Count(r => r.Sms == RowOutcome.Sent));
        Assert.Equal(summary.SmsWithheld.Select(w => w.Line), summary.Rows.Where(r => r.Sms == RowOutcome.Withheld).Select(r => r.Line));
        Assert.Equal(summary.Warnings.Select(w => w.Line), summary.Rows.Where(r => r.Warnings.Count > 0).Select(r => r.Line));
    }

    [Fact]
    public async Task RunAsync_SmsFollowUpOff_EveryContactRowSaysSkippedAndWhy()
    {
        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json")
            .AddInMemoryCollection(new Dictionary<string, string?> { ["LeadFlow:SmsFollowUp"] = "false" })
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Clock());
        services.AddLeadFlowProviders(configuration.GetSection("Martech"));
        services.AddOptions<LeadFlowOptions>().Bind(configuration.GetSection("LeadFlow"));
        services.AddSingleton<LeadFlowRunner>();
        using var sp = services.BuildServiceProvider();

        var summary = await sp.GetRequiredService<LeadFlowRunner>().RunAsync(AppContext.BaseDirectory, new NoStepProgress(), CancellationToken.None);

        var imported = summary.Rows.Where(r => r.Outcome is RowOutcome.Created or RowOutcome.Updated).ToList();
        Assert.Equal(13, imported.Count);
        Assert.All(imported, r => Assert.Equal((RowOutcome.Skipped, "SMS follow-ups are off (LeadFlow:SmsFollowUp)"), (r.Sms, r.SmsReason)));
        Assert.Equal(0, summary.SmsSent);
    }

    [Fact]
    public async Task Details_ShippedCsv_PrintsATableRowForEveryCsvRow_ThenTheSummary()
    {
        var (console, output) = TestConsole();

        int exitCode = await LeadFlowApp.RunAsync(["--details"], console, TextWriter.Null, new NoStepProgress(), CancellationToken.None, Clock());

        Assert.Equal(0, exitCode);
        string text = output.ToString();

        // The table's own rows: nine cells, the first two numbers (the summary's tables have fewer cells).
        var rows = text.Split('\n')
            .Select(line => line.Split('│'))
            .Where(cells => cells.Length == 11 && int.TryParse(cells[1], CultureInfo.InvariantCulture, out _) && int.TryParse(cells[2], CultureInfo.InvariantCulture, out _))
            .Select(cells => cells[1..10].Select(c => c.Trim()).ToArray())
            .ToList();
        Assert.Equal(Expected.Select(e => e.Row.ToString(CultureInfo.InvariantCulture)), rows.Select(r => r[0]));
        foreach (var (expected, cells) in Expected.Zip(rows))
        {
            Assert.Equal(expected.Line.ToString(CultureInfo.InvariantCulture), cells[1]);
            Assert.Equal(expected.Email.Length == 0 ? "(empty)" : expected.Email.Replace("\n", "\\n", StringComparison.Ordinal), cells[2]); // CR/LF shown escaped
            string outcome = expected.MergedInto is { } into ? $"merged into row {into}" : expected.Outcome;
            Assert.StartsWith(outcome, cells[3], StringComparison.Ordinal);
            bool imported = expected.Outcome is "created" or "updated";
            Assert.Equal(imported ? "created" : "-", cells[4]);
            Assert.Equal(imported ? "sent" : "-", cells[5]);
            Assert.StartsWith(expected.Welcome ?? "-", cells[6], StringComparison.Ordinal);
            Assert.StartsWith(expected.Sms ?? "-", cells[7], StringComparison.Ordinal);
            Assert.Equal(imported ? "pending, due Tue 29 Dec 11:30" : "-", cells[8]);
        }

        // Reasons are shown, not just statuses; the warning is under its row's outcome.
        Assert.Contains("rejected: 'email' is required.", text, StringComparison.Ordinal);
        Assert.Contains("withheld: contact c_2 denied email consent", text, StringComparison.Ordinal);
        Assert.Contains("skipped: no phone number", text, StringComparison.Ordinal);
        Assert.Contains("warning: phone ignored: it has no country code", text, StringComparison.Ordinal);

        // The default summary still follows, unchanged.
        Assert.True(text.IndexOf("Every row", StringComparison.Ordinal) < text.IndexOf("LeadFlow summary", StringComparison.Ordinal));
        Assert.Contains("Welcome emails withheld for consent", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoOptions_PrintsTheSummaryOnly()
    {
        var (console, output) = TestConsole();

        Assert.Equal(0, await LeadFlowApp.RunAsync([], console, TextWriter.Null, new NoStepProgress(), CancellationToken.None, Clock()));

        string text = output.ToString();
        Assert.Contains("LeadFlow summary", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Every row", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Report:", text, StringComparison.Ordinal);

        // The SLA section closes the summary: the 13 new leads, grouped, due in the calendar's zone.
        int section = text.IndexOf("SLA clocks of the leads created (Europe/London time)", StringComparison.Ordinal);
        Assert.True(section > text.IndexOf("SMS follow-ups failed", StringComparison.Ordinal));
        string[] cells = [.. text[section..].Split('\n').Single(l => l.Contains("first-touch", StringComparison.Ordinal)).Split('│').Skip(1).SkipLast(1).Select(c => c.Trim())];
        Assert.Equal(["first-touch", "4h (sales)", "pending", "13", "Tue 29 Dec 11:30", "10:30"], cells);
        Assert.Contains("Welcome emails and SMS are automated and do not stop a clock", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ShippedCsv_EveryNewLeadHasAPendingFirstTouchClock_DueByTheSalesCalendar()
    {
        using var sp = Build();
        var summary = await sp.GetRequiredService<LeadFlowRunner>().RunAsync(AppContext.BaseDirectory, new NoStepProgress(), CancellationToken.None);
        var store = sp.GetRequiredKeyedService<InMemoryMartechStore>("InMemory");

        Assert.Equal(store.Leads.Select(l => l.Id).Order(StringComparer.Ordinal), summary.Slas.Select(c => c.LeadId).Order(StringComparer.Ordinal));
        Assert.All(summary.Slas, c =>
        {
            Assert.Equal(("first-touch", "sales", TimeSpan.FromHours(4), SlaClockStatus.Pending, "Europe/London"), (c.Policy, c.Calendar, c.Target, c.Status, c.TimeZone));
            Assert.Equal(new DateTimeOffset(2026, 12, 29, 11, 30, 0, TimeSpan.Zero), c.DueAt);
            Assert.Equal(new DateTimeOffset(2026, 12, 29, 10, 30, 0, TimeSpan.Zero), c.AtRiskAt);
        });

        // Ada got the welcome email and the SMS: automated messages LeadFlow does not record as touches, so her clock
        // runs like everyone else's. A rep's call, recorded with the tracker half an hour later, meets it.
        LeadSla ada = summary.Slas.Single(c => c.Line == 2);
        Assert.Equal(("sent", "sent"), (summary.Rows[0].WelcomeEmail, summary.Rows[0].Sms));
        var clock = (ManualTimeProvider)sp.GetRequiredService<TimeProvider>();
        clock.Advance(TimeSpan.FromMinutes(30));
        await sp.GetRequiredService<ISlaTracker>().RecordAsync(SlaItemKind.Lead, ada.LeadId, new SlaItemEvent { Type = SlaItemEventType.Touched, OccurredAt = clock.GetUtcNow(), Actor = "rep-7" });
        SlaClock met = Assert.Single(await sp.GetRequiredService<SlaMonitor>().GetClocksAsync(SlaItemKind.Lead, ada.LeadId));
        Assert.Equal((SlaClockStatus.Met, TimeSpan.FromMinutes(30)), (met.Status, met.Elapsed));
    }

    [Fact]
    public async Task Report_RunThatFails_LeavesAnEarlierReportAsItWas_ARunThatFinishesReplacesIt()
    {
        string folder = Path.Combine(Path.GetTempPath(), $"leadflow-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, "leadflow.csv");
        try
        {
            await File.WriteAllTextAsync(path, "yesterday's report");
            using var cancelled = new CancellationTokenSource();
            await cancelled.CancelAsync();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => LeadFlowApp.RunAsync(["--report", path], TestConsole().Console, TextWriter.Null, new NoStepProgress(), cancelled.Token, Clock()));
            Assert.Equal("yesterday's report", await File.ReadAllTextAsync(path));
            Assert.Equal([path], Directory.GetFiles(folder));

            Assert.Equal(0, await LeadFlowApp.RunAsync(["--report", path], TestConsole().Console, TextWriter.Null, new NoStepProgress(), CancellationToken.None, Clock()));
            Assert.StartsWith("row,line,email,", await File.ReadAllTextAsync(path), StringComparison.Ordinal);
            Assert.Equal([path], Directory.GetFiles(folder));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Report_Csv_ShippedCsv_HeaderThenEveryRow()
    {
        string path = Path.Combine(Path.GetTempPath(), $"leadflow-{Guid.NewGuid():N}.csv");
        try
        {
            var (console, output) = TestConsole();
            Assert.Equal(0, await LeadFlowApp.RunAsync(["--report", path], console, TextWriter.Null, new NoStepProgress(), CancellationToken.None, Clock()));
            Assert.Contains($"Report: 19 rows written to {path} (CSV).", output.ToString(), StringComparison.Ordinal);

            using var reader = new CsvReader(File.OpenText(path), CultureInfo.InvariantCulture);
            Assert.True(reader.Read());
            Assert.True(reader.ReadHeader());
            Assert.Equal(Columns, reader.HeaderRecord);
            var rows = new List<IReadOnlyDictionary<string, string?>>();
            while (reader.Read())
            {
                rows.Add(Columns.ToDictionary(c => c, c => Blank(reader.GetField(c))));
            }

            AssertAsExpected(rows);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Report_Json_ShippedCsv_ArrayOfEveryRow()
    {
        string path = Path.Combine(Path.GetTempPath(), $"leadflow-{Guid.NewGuid():N}.JSON");
        try
        {
            var (console, output) = TestConsole();
            Assert.Equal(0, await LeadFlowApp.RunAsync([$"--report={path}", "--details"], console, TextWriter.Null, new NoStepProgress(), CancellationToken.None, Clock()));
            Assert.Contains($"Report: 19 rows written to {path} (JSON).", output.ToString(), StringComparison.Ordinal);

            using var document = JsonDocument.Parse(await File.ReadAllBytesAsync(path));
            Assert.Equal(JsonValueKind.Array, document.RootElement.ValueKind);
            var rows = new List<IReadOnlyDictionary<string, string?>>();
            foreach (JsonElement row in document.RootElement.EnumerateArray())
            {
                // Every object has every column, in the CSV's order: a stable shape, nulls included.
                Assert.Equal(Columns, row.EnumerateObject().Select(p => p.Name));
                Assert.Equal(JsonValueKind.Number, row.GetProperty("row").ValueKind);
                Assert.Equal(JsonValueKind.Array, row.GetProperty("warnings").ValueKind);
                Assert.Equal(JsonValueKind.String, row.GetProperty("email").ValueKind); // as read: "" when the cell was empty
                rows.Add(row.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind switch
                {
                    JsonValueKind.Null => null,
                    JsonValueKind.Number => p.Value.GetRawText(),
                    JsonValueKind.Array => Blank(string.Join(CsvRowReport.WarningSeparator, p.Value.EnumerateArray().Select(w => w.GetString()))),
                    _ => Blank(p.Value.GetString()),
                }));
            }

            AssertAsExpected(rows);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("leadflow-report.txt")]
    [InlineData("leadflow-report")]
    [InlineData("leadflow-report.csv.bak")]
    public async Task Report_OtherExtension_ClearErrorBeforeAnyWork(string name)
    {
        string path = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}-{name}");
        var (console, output) = TestConsole();
        var error = new StringWriter();

        int exitCode = await LeadFlowApp.RunAsync(["--details", "--report", path], console, error, new NoStepProgress(), CancellationToken.None, Clock());

        Assert.Equal(LeadFlowApp.UsageError, exitCode);
        Assert.Contains($"--report '{path}': the file's extension chooses the format; use .csv or .json.", error.ToString(), StringComparison.Ordinal);
        Assert.Empty(output.ToString()); // nothing ran: no progress, no summary
        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task Report_DirectoryMissing_ClearErrorBeforeAnyWork()
    {
        string path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "report.csv");
        var (console, output) = TestConsole();
        var error = new StringWriter();

        Assert.Equal(LeadFlowApp.UsageError, await LeadFlowApp.RunAsync(["--report", path], console, error, new NoStepProgress(), CancellationToken.None, Clock()));

        Assert.Contains($"--report '{path}' cannot be written", error.ToString(), StringComparison.Ordinal);
        Assert.Empty(output.ToString());
    }

    [Fact]
    public async Task RowReport_BothFormats_RoundTripEveryField()
    {
        using var sp = Build();
        var summary = await sp.GetRequiredService<LeadFlowRunner>().RunAsync(AppContext.BaseDirectory, new NoStepProgress(), CancellationToken.None);
        var expected = summary.Rows.Select(Fields).ToList();

        using var csv = new MemoryStream();
        await RowReport.WriteAsync(csv, ReportFormat.Csv, summary.Rows, CancellationToken.None);
        csv.Position = 0;
        using var reader = new CsvReader(new StreamReader(csv), CultureInfo.InvariantCulture);
        var fromCsv = new List<IReadOnlyDictionary<string, string?>>();
        reader.Read();
        reader.ReadHeader();
        while (reader.Read())
        {
            fromCsv.Add(Columns.ToDictionary(c => c, c => Blank(reader.GetField(c))));
        }

        using var json = new MemoryStream();
        await RowReport.WriteAsync(json, ReportFormat.Json, summary.Rows, CancellationToken.None);
        using var document = JsonDocument.Parse(json.ToArray());
        var fromJson = document.RootElement.EnumerateArray()
            .Select(row => (IReadOnlyDictionary<string, string?>)row.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.Number => p.Value.GetRawText(),
                JsonValueKind.Array => Blank(string.Join(CsvRowReport.WarningSeparator, p.Value.EnumerateArray().Select(w => w.GetString()))),
                _ => Blank(p.Value.GetString()),
            }))
            .ToList();

        Assert.Equal(expected, fromCsv);
        Assert.Equal(expected, fromJson);
    }

    private static (IAnsiConsole Console, StringWriter Output) TestConsole()
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 400; // one table line per row, so the test can read it back
        console.Profile.Capabilities.Unicode = true;
        return (console, output);
    }

    private static string? Blank(string? value) => string.IsNullOrEmpty(value) ? null : value;

    /// <summary>A row as the report's columns, as text (numbers invariant, warnings joined, "not applicable" null).</summary>
    private static IReadOnlyDictionary<string, string?> Fields(LeadFlowRow r) => new Dictionary<string, string?>
    {
        ["row"] = r.Row.ToString(CultureInfo.InvariantCulture),
        ["line"] = r.Line.ToString(CultureInfo.InvariantCulture),
        ["email"] = Blank(r.Email),
        ["outcome"] = r.Outcome,
        ["merged_into_row"] = r.MergedIntoRow?.ToString(CultureInfo.InvariantCulture),
        ["reason"] = r.Reason,
        ["warnings"] = Blank(string.Join(CsvRowReport.WarningSeparator, r.Warnings)),
        ["contact_id"] = r.ContactId,
        ["lead"] = r.Lead,
        ["lead_id"] = r.LeadId,
        ["lead_reason"] = r.LeadReason,
        ["notification"] = r.Notification,
        ["notification_reason"] = r.NotificationReason,
        ["welcome_email"] = r.WelcomeEmail,
        ["welcome_email_reason"] = r.WelcomeEmailReason,
        ["sms"] = r.Sms,
        ["sms_reason"] = r.SmsReason,
        ["sla_policy"] = r.SlaPolicy,
        ["sla_status"] = r.SlaStatus,
        ["sla_due_at"] = r.SlaDueAt,
    };

    private static void AssertAsExpected(IReadOnlyList<LeadFlowRow> rows) => AssertAsExpected(rows.Select(Fields).ToList());

    /// <summary>Every row of data/leads.csv, once, in order, with the outcome, reasons and ids it should have.</summary>
    private static void AssertAsExpected(IReadOnlyList<IReadOnlyDictionary<string, string?>> rows)
    {
        Assert.Equal(Expected.Length, rows.Count);
        foreach (var (expected, row) in Expected.Zip(rows))
        {
            Assert.Equal(Columns.Order(StringComparer.Ordinal), row.Keys.Order(StringComparer.Ordinal));
            Assert.Equal(expected.Row.ToString(CultureInfo.InvariantCulture), row["row"]);
            Assert.Equal(expected.Line.ToString(CultureInfo.InvariantCulture), row["line"]);
            Assert.Equal(Blank(expected.Email), row["email"]);
            Assert.Equal(expected.Outcome, row["outcome"]);
            Assert.Equal(expected.MergedInto?.ToString(CultureInfo.InvariantCulture), row["merged_into_row"]);
            Assert.Equal(expected.Welcome, row["welcome_email"]);
            Assert.Equal(expected.Sms, row["sms"]);

            bool imported = expected.Outcome is "created" or "updated";
            if (imported)
            {
                Assert.Null(row["reason"]);
                Assert.False(string.IsNullOrEmpty(row["contact_id"]));
                Assert.Equal("created", row["lead"]);
                Assert.False(string.IsNullOrEmpty(row["lead_id"]));
                Assert.Equal("sent", row["notification"]);
                Assert.Null(row["lead_reason"]);
                Assert.Null(row["notification_reason"]);
                Assert.Equal(expected.Welcome == "sent", row["welcome_email_reason"] is null);
                Assert.Equal(expected.Sms == "sent", row["sms_reason"] is null);
                Assert.Equal(("first-touch", "pending", DueAt), (row["sla_policy"], row["sla_status"], row["sla_due_at"]));
            }
            else
            {
                // A rejected or merged row went no further: nothing was created or sent for it.
                Assert.Equal(expected.Outcome == "rejected", row["reason"] is not null);
                foreach (string column in new[] { "contact_id", "lead", "lead_id", "notification", "welcome_email", "welcome_email_reason", "sms", "sms_reason", "sla_policy", "sla_status", "sla_due_at" })
                {
                    Assert.Null(row[column]);
                }
            }

            if (expected.Row == 10)
            {
                Assert.Equal("phone ignored: it has no country code; write it as +<country code><number>, such as +14155550123. (value '555-0100')", row["warnings"]);
            }
            else
            {
                Assert.Null(row["warnings"]);
            }
        }

        // The reasons, row by row.
        Assert.Contains("no '@'", rows[4]["reason"], StringComparison.Ordinal);
        Assert.Equal("'email' is required.", rows[8]["reason"]);
        Assert.Contains("control character", rows[11]["reason"], StringComparison.Ordinal);
        Assert.Contains("empty label", rows[16]["reason"], StringComparison.Ordinal);
        Assert.Contains("denied email consent", rows[2]["welcome_email_reason"], StringComparison.Ordinal);
        Assert.Contains("has not confirmed email opt-in", rows[7]["welcome_email_reason"], StringComparison.Ordinal);
        Assert.Contains("denied email consent", rows[12]["welcome_email_reason"], StringComparison.Ordinal);
        Assert.Contains("has no email consent on record", rows[17]["welcome_email_reason"], StringComparison.Ordinal);
        Assert.Contains("denied SMS consent", rows[1]["sms_reason"], StringComparison.Ordinal);
        Assert.Contains("no SMS consent on record", rows[7]["sms_reason"], StringComparison.Ordinal);
        Assert.Contains("no SMS consent on record", rows[12]["sms_reason"], StringComparison.Ordinal);
        Assert.Contains("denied SMS consent", rows[13]["sms_reason"], StringComparison.Ordinal);
        Assert.All(rows.Where(r => r["sms"] == "skipped"), r => Assert.Equal("no phone number", r["sms_reason"]));
    }
}
