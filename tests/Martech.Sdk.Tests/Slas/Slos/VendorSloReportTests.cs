using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk.Tests.Slas.Slos;

/// <summary>The report ranks instances of one capability side by side and renders as a table people can read; the
/// ready handler posts breaches as cards through a messaging provider.</summary>
public sealed class VendorSloReportTests
{
    private static readonly VendorSloInstanceInfo[] EmailAndCrm =
    [
        new("SendGrid", "SendGrid", ["Email", "Suppressions"]),
        new("Mailgun", "Mailgun", ["Email", "Suppressions"]),
        new("Postmark", "Postmark", ["Email"]),
        new("HubSpot", "HubSpot", ["Contacts", "Leads"]),
    ];

    [Fact]
    public void Rankings_EmailProviders_MostAvailableFirstThenFasterThenNoData()
    {
        using var h = new SloHarness(null, EmailAndCrm);
        h.Record(202, 990, milliseconds: 200, instance: "SendGrid");
        h.Record(503, 10, instance: "SendGrid");                      // 99.0 %
        h.Record(200, 500, milliseconds: 300, instance: "Mailgun");  // 100 %, slower
        h.Record(200, 50, milliseconds: 100, instance: "Postmark");  // 100 %, faster
        h.Record(400, 5, instance: "HubSpot");                        // caller errors only: no eligible requests

        VendorSloReport report = h.Monitor.GetReport();

        Assert.Equal(["SendGrid", "Mailgun", "Postmark", "HubSpot"], report.Instances.Select(i => i.Instance));
        VendorSloRanking email = Assert.Single(report.Rankings, r => r.Capabilities.Contains("Email"));
        Assert.Equal(["Postmark", "Mailgun", "SendGrid"], email.Entries.Select(e => e.Instance));
        Assert.Equal([1, 2, 3], email.Entries.Select(e => e.Rank));
        Assert.Equal(TimeSpan.FromDays(30), email.Window);
        Assert.Equal(["Email"], email.Capabilities); // Postmark sends email but keeps no suppression list here
        VendorSloRanking suppressions = Assert.Single(report.Rankings, r => r.Capabilities.Contains("Suppressions"));
        Assert.Equal(["Mailgun", "SendGrid"], suppressions.Entries.Select(e => e.Instance));
        Assert.DoesNotContain(report.Rankings, r => r.Capabilities.Contains("Contacts")); // one instance: nothing to compare
    }

    [Fact]
    public void ToTable_Report_ShowsMeasurementsObjectivesAndRankingAligned()
    {
        using var h = new SloHarness(
            o =>
            {
                o.Providers["SendGrid"] = new VendorSloObjectives { Availability = 99.9, LatencyP95 = TimeSpan.FromSeconds(1.5) };
                o.Providers["Mailgun"] = new VendorSloObjectives { Availability = 99.5 };
            },
            EmailAndCrm);
        h.Record(202, 992, milliseconds: 120, instance: "SendGrid");
        h.Record(503, 3, instance: "SendGrid");
        h.Record(400, 5, instance: "SendGrid");
        h.Record(200, 200, milliseconds: 80, instance: "Mailgun", operation: "email.send");

        string table = h.Monitor.GetReport().ToTable();

        string[] lines = table.Split('\n');
        Assert.Equal("Vendor SLOs at 2025-03-03 09:00:00Z, each row over its own window", lines[0]);
        string sendGrid = Assert.Single(lines, l => l.StartsWith("SendGrid (SendGrid)", StringComparison.Ordinal));
        Assert.Contains("30 d", sendGrid, StringComparison.Ordinal);
        Assert.Contains("1000", sendGrid, StringComparison.Ordinal);
        Assert.Contains("99.698 %", sendGrid, StringComparison.Ordinal);
        Assert.Matches(" 1(19|20|21) ms ", sendGrid); // 120 ms within 1 %
        Assert.Contains(lines, l => l.StartsWith("  mail.send", StringComparison.Ordinal));
        string availability = Assert.Single(lines, l => l.StartsWith("SendGrid", StringComparison.Ordinal) && l.Contains("availability >= 99.9 %", StringComparison.Ordinal));
        Assert.Contains("BREACHED", availability, StringComparison.Ordinal);
        Assert.Contains("0.995", availability, StringComparison.Ordinal);
        Assert.Contains("-2.005 (-201.5 %)", availability, StringComparison.Ordinal);
        Assert.Contains("3.02 (1 h)", availability, StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Contains("p95 <= 1.5 s", StringComparison.Ordinal) && l.Contains("met", StringComparison.Ordinal));
        Assert.Contains("Ranking: Email, Suppressions over the last 30 d", lines); // the same two instances supply both: one ranking

        // Every row of a table is as wide as its header row's columns: cells line up under their headers.
        int header = Array.FindIndex(lines, l => l.StartsWith("Instance / operation", StringComparison.Ordinal));
        string rule = lines[header + 1];
        Assert.Matches("^[- ]+$", rule);
        Assert.Equal(rule.Length, lines[header + 2].Length);
    }

    [Fact]
    public void ToTable_NothingMeasured_SaysSo()
    {
        using var h = new SloHarness();

        Assert.Contains("No requests measured and no objectives configured.", h.Monitor.GetReport(TimeSpan.FromHours(1)).ToTable(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Escalation_Configured_PostsACriticalCardThenASuccessCardToTheDestination()
    {
        var time = new Martech.Sdk.Testing.ManualTimeProvider();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        MartechBuilder martech = services.AddMartech();
        martech.AddInMemory("Chat");
        martech.AddVendorSlos(o =>
        {
            o.MinimumRequests = 1;
            o.Providers["Chat"] = new VendorSloObjectives { Availability = 99, Window = TimeSpan.FromMinutes(5) };
            o.Escalation.Provider = "chat";
            o.Escalation.Destination = "#vendor-alerts";
        });
        using ServiceProvider sp = services.BuildServiceProvider();
        var recorder = sp.GetRequiredService<VendorSloRecorder>();
        IVendorSloMonitor monitor = sp.GetRequiredService<IVendorSloMonitor>();
        InMemoryMartechStore store = sp.GetRequiredKeyedService<InMemoryMartechStore>("Chat");

        recorder.Request("Chat", "InMemory", "messages.send", VendorSloOutcome.VendorFailure, 500, TimeSpan.FromSeconds(1));
        await monitor.EvaluateAsync();
        time.Advance(TimeSpan.FromMinutes(10));
        recorder.Request("Chat", "InMemory", "messages.send", VendorSloOutcome.Success, 200, TimeSpan.FromSeconds(1));
        await monitor.EvaluateAsync();

        Assert.Equal(2, store.SentMessages.Count);
        OutgoingMessage breach = store.SentMessages[0].Message;
        Assert.Equal(MessageDestination.Channel("vendor-alerts"), breach.Destination);
        Assert.Equal(CardSeverity.Critical, breach.Card!.Severity);
        Assert.Equal("Vendor SLO breached: Chat availability >= 99 %", breach.Card.Title);
        Assert.Contains(breach.Card.Fields, f => f.Label == "Actual" && f.Value == "0.000 %");
        Assert.Contains(breach.Card.Fields, f => f.Label == "Error budget" && f.Value == "0.01 allowed, 1 used, -0.99 left");
        OutgoingMessage recovery = store.SentMessages[1].Message;
        Assert.Equal(CardSeverity.Success, recovery.Card!.Severity);
        Assert.Equal("Vendor SLO recovered: Chat availability >= 99 %", recovery.Card.Title);
    }
}
