using SlaMonitorSample;

namespace Martech.Sdk.IntegrationTests.Samples;

/// <summary>The SlaMonitor sample as its README runs it: the simulated week of leads under the 'mql-first-touch' policy
/// of its appsettings.json (one card per at-risk and breach transition, none repeated), and the vendor SLO report from
/// real sends to the SendGrid and Mailgun emulators with injected faults.</summary>
public class SlaMonitorSampleTests
{
    [Fact]
    public async Task Run_TellsTheStory_OneCardPerTransition_AndReportsBothVendors()
    {
        using var output = new StringWriter();

        SlaMonitorRun run = await SlaMonitorApp.RunAsync([], output, SampleFolder(), CancellationToken.None);

        string text = output.ToString();
        Assert.True(run.ExitCode == 0, text);
        SlaStoryOutcome sla = run.Sla!;
        Assert.Empty(sla.Problems);

        // Each lead's clock at the end (Monday 28 December, 16:30 in Berlin).
        Dictionary<string, SlaClock> clocks = sla.Leads.ToDictionary(l => l.Name, l => l.Clock);
        Assert.Equal(["Ada", "Grace", "Alan", "Katherine", "Edsger", "Radia", "Hedy", "Linus"], sla.Leads.Select(l => l.Name));
        Assert.Equal(SlaClockStatus.Met, clocks["Ada"].Status);
        Assert.Equal(SlaClockStatus.Met, clocks["Grace"].Status);
        Assert.Equal((SlaClockStatus.Breached, false), (clocks["Alan"].Status, clocks["Alan"].IsOpen)); // touched late
        Assert.Equal(TimeSpan.FromMinutes(75), clocks["Alan"].OverdueBy);
        Assert.Equal((SlaClockStatus.Breached, true), (clocks["Katherine"].Status, clocks["Katherine"].IsOpen));
        Assert.Equal((SlaClockStatus.Breached, true), (clocks["Radia"].Status, clocks["Radia"].IsOpen));
        Assert.Equal(SlaClockStatus.AtRisk, clocks["Hedy"].Status);
        Assert.Equal(SlaClockStatus.Pending, clocks["Linus"].Status);

        // Edsger arrived the afternoon before Christmas and was touched on Monday: met, in under 2 business hours.
        SlaClock edsger = clocks["Edsger"];
        Assert.Equal(SlaClockStatus.Met, edsger.Status);
        Assert.Equal(TimeSpan.FromMinutes(115), edsger.Elapsed);
        Assert.True(edsger.MetAt - edsger.StartedAt > TimeSpan.FromDays(4), $"{edsger.StartedAt:u} to {edsger.MetAt:u}");
        Assert.Equal(new DateTimeOffset(2026, 12, 28, 10, 45, 0, TimeSpan.Zero), edsger.DueAt); // 11:45 in Berlin

        // Every transition, in the order the passes raised them.
        Assert.Equal(
            [
                ("Ada", SlaTransitionKind.Met), ("Grace", SlaTransitionKind.AtRisk), ("Grace", SlaTransitionKind.Met),
                ("Alan", SlaTransitionKind.AtRisk), ("Alan", SlaTransitionKind.Breached),
                ("Katherine", SlaTransitionKind.AtRisk), ("Katherine", SlaTransitionKind.Breached),
                ("Edsger", SlaTransitionKind.Met), ("Radia", SlaTransitionKind.AtRisk), ("Radia", SlaTransitionKind.Breached),
                ("Hedy", SlaTransitionKind.AtRisk),
            ],
            sla.Transitions.Select(t => (t.Lead, t.Kind)));

        // Exactly one card per at-risk or breach transition, as the in-memory chat provider recorded them; none after the
        // extra pass.
        Assert.Equal(
            sla.Transitions.Where(t => t.Kind != SlaTransitionKind.Met).Select(t => (t.Lead, (SlaTransitionKind?)t.Kind)),
            sla.Cards.Select(c => (c.Lead, c.Kind)));
        Assert.All(sla.Cards.GroupBy(c => (c.ItemId, c.Kind)), g => Assert.Single(g));
        Assert.Equal((0, 0), (sla.ExtraPassTransitions, sla.ExtraPassCards));
        Assert.Contains("Once per transition: 8 escalated transitions, 8 cards, one each; 3 other transitions (no card)", text, StringComparison.Ordinal);

        // Volume SLAs: 3 of 6 decided clocks met; 2 leads qualified.
        SlaVolumeResult attainment = Assert.Single(sla.Volumes, v => v.Policy == "first-touch-attainment");
        Assert.Equal((3L, 6L, false), (attainment.Numerator, attainment.Denominator!.Value, attainment.Met));
        SlaVolumeResult qualified = Assert.Single(sla.Volumes, v => v.Policy == "sales-qualified-leads");
        Assert.Equal((2L, false), (qualified.Numerator, qualified.Met));

        // Vendor SLOs: both instances, with the injected failures counted.
        VendorSloOutcome slo = run.Slo!;
        VendorSloMeasurements sendGrid = Assert.Single(slo.Report.Instances, i => i.Instance == "SendGrid").Measurements;
        Assert.Equal((30L, 26L, 3L, 1L, 2L), (sendGrid.Requests, sendGrid.Succeeded, sendGrid.VendorFailures, sendGrid.CallerErrors, sendGrid.RetriedTooManyRequests));
        Assert.Equal(26 * 100.0 / 29, sendGrid.Availability!.Value, 1e-9);
        Assert.Equal(32, slo.SendGridRequests.Count);
        VendorSloInstanceReport mailgun = Assert.Single(slo.Report.Instances, i => i.Instance == "Mailgun");
        Assert.Equal((20L, 20L, 0L), (mailgun.Measurements.Requests, mailgun.Measurements.Succeeded, mailgun.Measurements.VendorFailures));
        Assert.True(mailgun.Measurements.LatencyP95 >= TimeSpan.FromMilliseconds(297), $"p95 {mailgun.Measurements.LatencyP95}");
        Assert.Equal(VendorSloStatus.Breached, mailgun.Objectives.Single(o => o.Kind == VendorSloObjectiveKind.Latency).Status);
        Assert.Contains(slo.Events, e => e.Kind == VendorSloEventKind.Breached && e.Objective.Instance == "SendGrid" && e.Objective.Kind == VendorSloObjectiveKind.Availability);
        Assert.Contains(slo.Events, e => e.Kind == VendorSloEventKind.Breached && e.Objective.Instance == "Mailgun" && e.Objective.Kind == VendorSloObjectiveKind.Latency);
        Assert.Equal(0, slo.RepeatedEvents);
        Assert.Contains("SendGrid (SendGrid)     30 d        30        29       3", text, StringComparison.Ordinal);
        Assert.Contains("Mailgun (Mailgun)       30 d        20        20       0", text, StringComparison.Ordinal);
        Assert.Contains("Ranking: CampaignStats, Email, Suppressions over the last 30 d", text, StringComparison.Ordinal); // one ranking, not two identical ones
        Assert.DoesNotContain("Ranking: Suppressions", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_PolicyNamesAnUndefinedCalendar_StopsWithThePathAndExitCode2()
    {
        using var output = new StringWriter();

        SlaMonitorRun run = await SlaMonitorApp.RunAsync(["--Martech:Slas:Policies:mql-first-touch:Calendar=salse"], output, SampleFolder(), CancellationToken.None);

        Assert.Equal(SlaMonitorApp.ConfigurationError, run.ExitCode);
        Assert.Contains("calendar 'salse', which is not defined: define Martech:Slas:Calendars:salse with its TimeZone and Hours", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("(calendars: sales)", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void CheckOncePerTransition_ASecondCardOrAnExtraPassCard_IsReported()
    {
        var at = new DateTimeOffset(2026, 12, 22, 12, 0, 0, TimeSpan.Zero);
        StoryTransition[] transitions = [new("Grace", "l_2", SlaTransitionKind.AtRisk, at, at)];
        StoryCard card = new("Grace", "l_2", SlaTransitionKind.AtRisk, "SLA at risk: mql-first-touch", "…", at);

        Func<SlaTransitionKind, bool> all = SlaStory.Escalates(new SlaOptions { Escalation = new() { Provider = "InMemory", Destination = "channel:C1", AtRisk = true } });
        Func<SlaTransitionKind, bool> breachesOnly = SlaStory.Escalates(new SlaOptions { Escalation = new() { Provider = "InMemory", Destination = "channel:C1" } });

        Assert.Empty(SlaStory.CheckOncePerTransition(transitions, [card], all, 0, 0));
        Assert.Empty(SlaStory.CheckOncePerTransition(transitions, [], breachesOnly, 0, 0));
        Assert.Contains(SlaStory.CheckOncePerTransition(transitions, [card, card], all, 0, 0), p => p.Contains("has 2 cards, not 1", StringComparison.Ordinal));
        Assert.Contains(SlaStory.CheckOncePerTransition(transitions, [], all, 0, 0), p => p.Contains("has 0 cards, not 1", StringComparison.Ordinal));
        Assert.Contains(SlaStory.CheckOncePerTransition(transitions, [card], breachesOnly, 0, 0), p => p.Contains("1 'SLA at risk: mql-first-touch' cards for Grace, where 0 were due", StringComparison.Ordinal));
        Assert.Contains(SlaStory.CheckOncePerTransition(transitions, [card], all, 1, 1), p => p.Contains("extra pass raised 1 transitions", StringComparison.Ordinal));
    }

    private static string SampleFolder()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Martech.Sdk.sln")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir?.FullName ?? throw new DirectoryNotFoundException("The repository root was not found."), "samples", "SlaMonitor");
    }
}
