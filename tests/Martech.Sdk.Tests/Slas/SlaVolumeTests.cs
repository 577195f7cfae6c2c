using Martech.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;
using static Martech.Sdk.Tests.Slas.SlaTestData;

namespace Martech.Sdk.Tests.Slas;

/// <summary>Volume SLAs over a period in a time zone, checked by hand: leads reaching a status, bounce rate per campaign
/// (bounced ÷ delivered or bounced), and response attainment.</summary>
public sealed class SlaVolumeTests
{
    private static readonly SlaVolumePolicy Mqls = new() { Name = "mqls", Measure = SlaVolumeMeasure.LeadsReachingStatus, Status = "qualified", Minimum = 3, TimeZone = "Europe/Berlin" };
    private static readonly SlaVolumePolicy Bounces = new() { Name = "bounces", Measure = SlaVolumeMeasure.BounceRate, Maximum = 2 };

    [Fact]
    public void Period_IsTheCalendarMonthInTheTimeZone()
    {
        (DateTimeOffset start, DateTimeOffset end) = SlaVolumes.Period(Mqls, At("2026-10-31T23:30Z"));

        // 00:30 on 1 November in Berlin (CET, +1): November runs from 31 October 23:00 UTC to 30 November 23:00 UTC.
        Assert.Equal((At("2026-10-31T23:00Z"), At("2026-11-30T23:00Z")), (start, end));
        Assert.Equal((At("2026-03-31T22:00Z"), At("2026-04-30T22:00Z")), SlaVolumes.Period(Mqls, At("2026-04-15T12:00Z")));
        Assert.Equal((At("2026-12-07T00:00Z"), At("2026-12-14T00:00Z")), SlaPeriods.Containing(SlaPeriod.Week, TimeZoneInfo.Utc, At("2026-12-13T23:59Z")));
        Assert.Equal((At("2026-03-28T23:00Z"), At("2026-03-29T22:00Z")), SlaPeriods.Containing(SlaPeriod.Day, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"), At("2026-03-29T12:00Z")));
    }

    [Fact]
    public void LeadsReachingStatus_CountsEachLeadOnce_InThePeriodItFirstGotThere()
    {
        SlaItem[] leads =
        [
            new(SlaItemKind.Lead, "a", [Created("2026-10-20T10:00Z"), Status("2026-10-31T23:30Z", "qualified")]), // 1 November in Berlin
            new(SlaItemKind.Lead, "b", [Created("2026-11-02T10:00Z"), Status("2026-11-03T10:00Z", "qualified"), Status("2026-11-04T10:00Z", "working"), Status("2026-11-05T10:00Z", "qualified")]),
            new(SlaItemKind.Lead, "c", [Created("2026-10-01T10:00Z"), Status("2026-10-31T22:30Z", "qualified")]), // still October in Berlin
            new(SlaItemKind.Lead, "d", [Created("2026-11-10T10:00Z", status: "qualified")]),
            new(SlaItemKind.Lead, "e", [Created("2026-11-10T10:00Z"), Status("2026-11-11T10:00Z", "working")]),
            new(SlaItemKind.Contact, "f", [Created("2026-11-10T10:00Z", status: "qualified")]),
        ];

        SlaVolumeResult result = SlaVolumes.CountLeadsReachingStatus(Mqls, leads, At("2026-11-15T00:00Z"), At("2026-11-15T00:00Z"));

        Assert.Equal((3L, 3.0, true, false), (result.Numerator, result.Value, result.Met, result.IsComplete));
        Assert.Null(result.Denominator);
        Assert.Equal("leads reaching 'qualified'", result.NumeratorName);
        Assert.False(SlaVolumes.CountLeadsReachingStatus(Mqls with { Minimum = 4 }, leads, At("2026-11-20T00:00Z"), At("2026-12-01T00:00Z")).Met);
    }

    [Fact]
    public void BounceRate_IsBouncedOverDeliveredOrBounced_PerCampaign()
    {
        var events = new List<EmailEvent>();
        void Add(string campaign, string message, EmailEventType type, string at = "2026-11-10T10:00Z") =>
            events.Add(new EmailEvent { Id = $"{campaign}-{message}-{type}-{events.Count}", Provider = "SendGrid", Type = type, Recipient = EmailAddress.Parse($"{message}@example.com"), MessageId = message, CampaignId = campaign, OccurredAt = At(at) });

        // Spring: 4 messages (m1–m4); m3 bounced; m4 delivered twice; opens, clicks and processed events do not count.
        Add("spring", "m1", EmailEventType.Processed);
        Add("spring", "m1", EmailEventType.Delivered);
        Add("spring", "m1", EmailEventType.Opened);
        Add("spring", "m2", EmailEventType.Delivered);
        Add("spring", "m3", EmailEventType.Bounced);
        Add("spring", "m4", EmailEventType.Delivered);
        Add("spring", "m4", EmailEventType.Delivered);
        Add("spring", "m5", EmailEventType.Delivered, "2026-10-10T10:00Z"); // October: another period
        // Autumn: 49 delivered + 1 bounced = 1/50 = 2 %, which meets "at most 2 %".
        for (int i = 0; i < 49; i++)
        {
            Add("autumn", $"a{i}", EmailEventType.Delivered);
        }

        Add("autumn", "a49", EmailEventType.Bounced);

        IReadOnlyList<SlaVolumeResult> results = SlaVolumes.BounceRates(Bounces, events, At("2026-11-20T00:00Z"), At("2026-11-20T00:00Z"));

        Assert.Equal(["autumn", "spring"], results.Select(r => r.Subject));
        Assert.Equal((1L, 50L, 2.0, true), (results[0].Numerator, results[0].Denominator!.Value, results[0].Value, results[0].Met));
        Assert.Equal((1L, 4L, 25.0, false), (results[1].Numerator, results[1].Denominator!.Value, results[1].Value, results[1].Met));
        Assert.Equal("bounces spring: 1/4 = 25 % <= 2 % missed", results[1].ToString());
        Assert.Equal(("messages bounced", "messages delivered or bounced"), (results[1].NumeratorName, results[1].DenominatorName!));
    }

    [Fact]
    public void Attainment_IsMetOverDecided_ForClocksStartedInThePeriod()
    {
        var policy = new SlaPolicy { Name = "chat", Metric = SlaMetric.FirstResponse, Target = TimeSpan.FromMinutes(5) };
        var attainment = new SlaVolumePolicy { Name = "chat-95", Measure = SlaVolumeMeasure.Attainment, ClockPolicy = "chat", Minimum = 95, Period = SlaPeriod.Day };
        SlaItem Chat(string id, params SlaItemEvent[] history) => new(SlaItemKind.Conversation, id, history);
        SlaItem[] chats =
        [
            Chat("met", Event(SlaItemEventType.MessageReceived, "2026-12-07T10:00Z"), Event(SlaItemEventType.Responded, "2026-12-07T10:04Z")),
            Chat("late", Event(SlaItemEventType.MessageReceived, "2026-12-07T11:00Z"), Event(SlaItemEventType.Responded, "2026-12-07T11:06Z")),
            Chat("waiting-late", Event(SlaItemEventType.MessageReceived, "2026-12-07T11:50Z")),
            Chat("waiting", Event(SlaItemEventType.MessageReceived, "2026-12-07T11:58Z")),
            Chat("closed", Event(SlaItemEventType.MessageReceived, "2026-12-07T09:00Z"), Event(SlaItemEventType.Closed, "2026-12-07T09:01Z")),
            Chat("yesterday", Event(SlaItemEventType.MessageReceived, "2026-12-06T10:00Z"), Event(SlaItemEventType.Responded, "2026-12-06T10:01Z")),
        ];

        SlaVolumeResult result = SlaVolumes.Attainment(attainment, policy, null, chats, At("2026-12-07T12:00Z"), At("2026-12-07T12:00Z"));

        Assert.Equal((1L, 3L, false), (result.Numerator, result.Denominator!.Value, result.Met));
        Assert.Equal(100.0 / 3, result.Value, 10);
        Assert.Equal("'chat' clocks met or breached", result.DenominatorName);
    }

    [Fact]
    public void Period_WhereLocalMidnightIsSkipped_StartsAtTheJump_AsCalendarsDo()
    {
        // Santiago skips 00:00-01:00 on Sunday 6 September 2026 (-04 to -03): the day starts at 04:00 UTC.
        TimeZoneInfo santiago = TimeZoneInfo.FindSystemTimeZoneById("America/Santiago");

        (DateTimeOffset start, DateTimeOffset end) = SlaPeriods.Containing(SlaPeriod.Day, santiago, At("2026-09-06T12:00Z"));

        Assert.Equal((At("2026-09-06T04:00Z"), At("2026-09-07T03:00Z")), (start, end));
    }

    [Fact]
    public void APastPeriod_GivesTheSameResult_WhicheverInstantInItIsPassed()
    {
        SlaPolicy clockPolicy = FirstTouch(TimeSpan.FromHours(1));
        var volume = new SlaVolumePolicy { Name = "att", Measure = SlaVolumeMeasure.Attainment, ClockPolicy = clockPolicy.Name, Minimum = 90 };
        SlaItem lead = Lead(Created("2026-11-10T10:00Z"), Event(SlaItemEventType.Touched, "2026-11-10T10:30Z"));
        SlaItem late = new(SlaItemKind.Lead, "L2", [Created("2026-11-30T23:30Z"), Status("2026-12-02T10:00Z", "qualified")]);
        DateTimeOffset now = At("2026-12-05T00:00Z");

        SlaVolumeResult early = SlaVolumes.Attainment(volume, clockPolicy, null, [lead, late], At("2026-11-02T00:00Z"), now);
        SlaVolumeResult lateInMonth = SlaVolumes.Attainment(volume, clockPolicy, null, [lead, late], At("2026-11-29T00:00Z"), now);
        SlaVolumeResult running = SlaVolumes.Attainment(volume, clockPolicy, null, [lead, late], At("2026-11-29T00:00Z"), At("2026-11-20T00:00Z"));
        SlaVolumeResult reached = SlaVolumes.CountLeadsReachingStatus(Mqls with { TimeZone = "UTC" }, [late], At("2026-12-01T00:00Z"), At("2026-12-01T12:00Z"));

        // L2's clock started on 30 November and was still running in time when November ended: it is left out, not
        // counted as breached by the touch two days later.
        Assert.Equal((1L, 1L, true), (early.Numerator, early.Denominator!.Value, early.IsComplete));
        Assert.Equal(early, lateInMonth);
        Assert.Equal((1L, false), (running.Denominator!.Value, running.IsComplete));
        Assert.Equal((0L, false), (reached.Numerator, reached.IsComplete));
    }

    [Fact]
    public async Task Monitor_MeasuresBounceRateFromEmailEvents_AndLeadsFromTheProvider()
    {
        var clock = new ManualTimeProvider(At("2026-11-10T10:00Z"));
        await using SlaHost host = SlaHost.Start(clock, s => s.AddVolumePolicy(Bounces).AddVolumePolicy(Mqls with { Minimum = 1 }).TrackWebhookEvents(),
            new Dictionary<string, string?> { ["Martech:Slas:LeadsProvider"] = "InMemory" });
        IMartechEventHandler<MartechEvent> handler = host.Services.CreateScope().ServiceProvider.GetServices<IMartechEventHandler<MartechEvent>>().Single(h => h.GetType().Name == "SlaEventHandler");
        for (int i = 0; i < 3; i++)
        {
            EmailEventType type = i == 0 ? EmailEventType.Bounced : EmailEventType.Delivered;
            var e = new EmailEvent { Id = $"e{i}", Provider = "SendGrid", Type = type, Recipient = EmailAddress.Parse($"r{i}@example.com"), MessageId = $"m{i}", CampaignId = "c1", OccurredAt = At("2026-11-10T09:00Z") };
            await handler.HandleAsync(e, new MartechEventContext($"SendGrid:e{i}", 1, At("2026-11-10T09:00Z")));
            await handler.HandleAsync(e, new MartechEventContext($"SendGrid:e{i}", 2, At("2026-11-10T09:00Z")));
        }

        Lead lead = await host.Leads.CreateAsync(new Lead { Email = EmailAddress.Parse("q@example.com") });
        clock.Advance(TimeSpan.FromHours(1));
        await host.Leads.UpdateAsync(new Lead { Id = lead.Id, Status = LeadStatus.Qualified });
        await host.Monitor.EvaluateAsync();

        SlaVolumeResult bounce = Assert.Single(await host.Monitor.EvaluateVolumeAsync("bounces"));
        SlaVolumeResult mqls = Assert.Single(await host.Monitor.EvaluateVolumeAsync("MQLS"));

        Assert.Equal(("c1", 1L, 3L, false), (bounce.Subject, bounce.Numerator, bounce.Denominator!.Value, bounce.Met));
        Assert.Equal((1L, true), (mqls.Numerator, mqls.Met));
        SlaVolumeResult december = Assert.Single(await host.Monitor.EvaluateVolumeAsync("mqls", At("2026-12-15T00:00Z")));
        Assert.Equal((0L, false), (december.Numerator, december.Met));
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => host.Monitor.EvaluateVolumeAsync("nope"));
        Assert.Contains("Volume policies: bounces, mqls.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void VolumePolicy_Validate_NamesTheProblems()
    {
        var policy = new SlaVolumePolicy { Name = "x", Measure = SlaVolumeMeasure.LeadsReachingStatus, TimeZone = "Mars/Olympus" };

        var problems = policy.Validate("Martech:Slas:Volumes:x").ToList();

        Assert.Equal(
            [
                "Martech:Slas:Volumes:x:Status is required for LeadsReachingStatus, such as qualified.",
                "Martech:Slas:Volumes:x: set exactly one of Minimum and Maximum.",
                "Martech:Slas:Volumes:x:TimeZone 'Mars/Olympus' is not a time zone id, such as UTC or Europe/Berlin.",
            ],
            problems);
    }
}
