using System.Collections.Concurrent;
using Martech.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using static Martech.Sdk.Tests.Slas.SlaTestData;

namespace Martech.Sdk.Tests.Slas;

/// <summary>The monitor: transitions from leads listed from a provider and from recorded histories, each notified and
/// escalated once — across passes, concurrent monitors on one store, and a restart.</summary>
public sealed class SlaMonitorTests
{
    private static readonly SlaPolicy FirstTouch4h = FirstTouch(TimeSpan.FromHours(4)) with { WarnBefore = TimeSpan.FromHours(1) };

    private readonly ManualTimeProvider _clock = new(At("2026-12-07T10:00Z"));

    [Fact]
    public async Task Lead_GoesPendingAtRiskBreached_EachNotifiedOnce_AndTheBreachEscalatedWithACard()
    {
        var seen = new ConcurrentQueue<SlaTransition>();
        await using SlaHost host = SlaHost.Start(_clock, s => s
            .AddPolicy(FirstTouch4h)
            .EscalateTo("InMemory", MessageDestination.Channel("C-sales"))
            .AddTransitionHandler((t, _, _) => { seen.Enqueue(t); return Task.CompletedTask; }),
            new Dictionary<string, string?> { ["Martech:Slas:LeadsProvider"] = "InMemory", ["Martech:Slas:Escalation:ItemLinkFormat"] = "https://crm.example.com/{kind}s/{id}" });
        Lead lead = await host.Leads.CreateAsync(new Lead { Email = EmailAddress.Parse("ada@example.com"), OwnerId = "rep-7", Source = "webinar" });

        SlaEvaluationResult pending = await host.Monitor.EvaluateAsync();
        _clock.Advance(TimeSpan.FromHours(3));
        SlaEvaluationResult atRisk = await host.Monitor.EvaluateAsync();
        SlaEvaluationResult atRiskAgain = await host.Monitor.EvaluateAsync();
        _clock.Advance(TimeSpan.FromHours(1.5));
        SlaEvaluationResult breached = await host.Monitor.EvaluateAsync();
        _clock.Advance(TimeSpan.FromHours(1));
        SlaEvaluationResult stillBreached = await host.Monitor.EvaluateAsync();

        Assert.Equal((1, 1, 0), (pending.Items, pending.Clocks, pending.Transitions.Count));
        Assert.Equal(SlaTransitionKind.AtRisk, Assert.Single(atRisk.Transitions).Kind);
        Assert.Empty(atRiskAgain.Transitions);
        SlaTransition breach = Assert.Single(breached.Transitions);
        Assert.Equal(SlaTransitionKind.Breached, breach.Kind);
        Assert.Equal(new SlaBreach { Policy = "first-touch", ItemKind = SlaItemKind.Lead, ItemId = lead.Id!, OwnerId = "rep-7", DueAt = At("2026-12-07T14:00Z"), OverdueBy = TimeSpan.FromMinutes(30), IsOpen = true }, breach.Breach);
        Assert.Empty(stillBreached.Transitions);
        Assert.Equal([SlaTransitionKind.AtRisk, SlaTransitionKind.Breached], seen.Select(t => t.Kind));

        SentMessage sent = Assert.Single(host.Sent);
        MessageCard card = sent.Message.Card!;
        Assert.Equal(MessageDestination.Channel("C-sales"), sent.Message.Destination);
        Assert.Equal(("SLA breached: first-touch", CardSeverity.Critical), (card.Title, card.Severity));
        Assert.Equal($"lead {lead.Id} (owner rep-7) was due 2026-12-07 14:00 UTC and is 30 min late.", card.Text);
        Assert.Contains(new MessageCardField("Owner", "rep-7"), card.Fields);
        Assert.Contains(new MessageCardField("Email", "ada@example.com"), card.Fields);
        Assert.Contains(new MessageCardField("Late by", "30 min"), card.Fields);
        Assert.Equal(new Uri($"https://crm.example.com/leads/{lead.Id}"), Assert.Single(card.Links).Url);

        SlaClock open = Assert.Single(host.Monitor.GetOpenClocks(SlaClockStatus.Breached));
        Assert.Equal(TimeSpan.FromMinutes(90), open.OverdueBy);
    }

    [Fact]
    public async Task Escalation_PolicyCountsACalendarsHours_CardShowsTimesInItsZoneWithUtcBeside()
    {
        var sales = new BusinessCalendarOptions { TimeZone = "Europe/Berlin" };
        sales.Hours["Weekdays"] = "09:00-17:00";
        var clock = new ManualTimeProvider(At("2026-12-07T08:00Z")); // Monday 09:00 in Berlin
        await using SlaHost host = SlaHost.Start(
            clock,
            s => s.AddPolicy(FirstTouch(TimeSpan.FromHours(4), "sales")).EscalateTo("InMemory", MessageDestination.Channel("C-sales")),
            new Dictionary<string, string?> { ["Martech:Slas:LeadsProvider"] = "InMemory" },
            s => s.AddSingleton<IBusinessCalendars>(new TestBusinessCalendars(BusinessCalendar.Create("sales", sales))));
        Lead lead = await host.Leads.CreateAsync(new Lead { Email = EmailAddress.Parse("ada@example.com"), OwnerId = "rep-7" });

        await host.Monitor.EvaluateAsync();
        clock.Advance(TimeSpan.FromHours(4.5));
        await host.Monitor.EvaluateAsync();

        MessageCard card = Assert.Single(host.Sent).Message.Card!;
        Assert.Equal($"lead {lead.Id} (owner rep-7) was due 2026-12-07 13:00 Europe/Berlin (12:00 UTC) and is 30 min late.", card.Text);
        Assert.Contains(new MessageCardField("Started", "2026-12-07 09:00 Europe/Berlin (08:00 UTC)"), card.Fields);
        Assert.Contains(new MessageCardField("Due", "2026-12-07 13:00 Europe/Berlin (12:00 UTC)"), card.Fields);
    }

    [Fact]
    public async Task Lead_TouchedThroughTheProvider_IsMet_AndNotifiedMetOnce()
    {
        var seen = new ConcurrentQueue<SlaTransition>();
        await using SlaHost host = SlaHost.Start(_clock, s => s.AddPolicy(FirstTouch4h).AddTransitionHandler((t, _, _) => { seen.Enqueue(t); return Task.CompletedTask; }),
            new Dictionary<string, string?> { ["Martech:Slas:LeadsProvider"] = "InMemory" });
        Lead lead = await host.Leads.CreateAsync(new Lead { Email = EmailAddress.Parse("bo@example.com") });
        await host.Monitor.EvaluateAsync();

        _clock.Advance(TimeSpan.FromHours(2));
        await host.Leads.UpdateAsync(new Lead { Id = lead.Id, Status = LeadStatus.Working });
        SlaEvaluationResult met = await host.Monitor.EvaluateAsync();
        SlaEvaluationResult after = await host.Monitor.EvaluateAsync();

        SlaTransition transition = Assert.Single(met.Transitions);
        Assert.Equal((SlaTransitionKind.Met, At("2026-12-07T12:00Z")), (transition.Kind, transition.OccurredAt));
        Assert.Empty(after.Transitions);
        SlaClock clock = Assert.Single(await host.Monitor.GetClocksAsync(SlaItemKind.Lead, lead.Id!));
        Assert.Equal((SlaClockStatus.Met, TimeSpan.FromHours(2)), (clock.Status, clock.Elapsed));
        Assert.Empty(host.Sent);
    }

    [Fact]
    public async Task RecordedTouch_StopsTheClock_AndARedeliveredEventIsRecordedOnce()
    {
        await using SlaHost host = SlaHost.Start(_clock, s => s.AddPolicy(FirstTouch4h));
        var touch = new SlaItemEvent { Id = "activity-1", Type = SlaItemEventType.Touched, OccurredAt = At("2026-12-07T11:00Z") };

        await host.Tracker.RecordAsync(SlaItemKind.Lead, "crm-1", Created("2026-12-07T10:00Z"));
        Assert.True(await host.Tracker.RecordAsync(SlaItemKind.Lead, "crm-1", touch));
        Assert.False(await host.Tracker.RecordAsync(SlaItemKind.Lead, "crm-1", touch));
        _clock.Advance(TimeSpan.FromHours(2));

        SlaClock clock = Assert.Single(await host.Monitor.GetClocksAsync(SlaItemKind.Lead, "crm-1"));
        Assert.Equal((SlaClockStatus.Met, At("2026-12-07T11:00Z")), (clock.Status, clock.MetAt!.Value));
        await Assert.ThrowsAsync<ArgumentException>(() => host.Tracker.RecordAsync(SlaItemKind.Lead, " ", touch));
    }

    [Fact]
    public async Task TwoMonitorsOnOneStore_EvaluatingInParallel_EscalateEachBreachOnce()
    {
        var store = new InMemorySlaStore();
        var seen = new ConcurrentQueue<string>();
        void Configure(SlasBuilder s) => s.AddPolicy(FirstTouch4h).UseStore(store).EscalateTo("InMemory", MessageDestination.Channel("C-sales"))
            .AddTransitionHandler((t, _, _) => { seen.Enqueue($"{t.Kind}:{t.Item.Id}"); return Task.CompletedTask; });
        await using SlaHost a = SlaHost.Start(_clock, Configure);
        await using SlaHost b = SlaHost.Start(_clock, Configure);
        for (int i = 0; i < 50; i++)
        {
            await a.Tracker.RecordAsync(SlaItemKind.Lead, $"lead-{i}", Created("2026-12-07T10:00Z"));
        }

        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => (i % 2 == 0 ? a : b).Monitor.EvaluateAsync())));
        _clock.Advance(TimeSpan.FromHours(5));
        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => (i % 2 == 0 ? a : b).Monitor.EvaluateAsync())));

        Assert.Equal(50, a.Sent.Count + b.Sent.Count);
        Assert.Equal(50, seen.Count);
        Assert.Equal(50, seen.Distinct().Count());
        Assert.All(seen, s => Assert.StartsWith("Breached:", s, StringComparison.Ordinal));
    }

    [Fact]
    public async Task NewHostOnTheSameStore_DoesNotAlertAgain()
    {
        var store = new InMemorySlaStore();
        void Configure(SlasBuilder s) => s.AddPolicy(FirstTouch4h).UseStore(store).EscalateTo("InMemory", MessageDestination.Channel("C-sales"));
        int firstSent;
        await using (SlaHost first = SlaHost.Start(_clock, Configure))
        {
            await first.Tracker.RecordAsync(SlaItemKind.Lead, "crm-1", Created("2026-12-07T10:00Z"));
            _clock.Advance(TimeSpan.FromHours(5));
            Assert.Equal(SlaTransitionKind.Breached, Assert.Single((await first.Monitor.EvaluateAsync()).Transitions).Kind);
            firstSent = first.Sent.Count;
        }

        await using SlaHost restarted = SlaHost.Start(_clock, Configure);
        _clock.Advance(TimeSpan.FromHours(1));
        SlaEvaluationResult result = await restarted.Monitor.EvaluateAsync();

        Assert.Equal(1, firstSent);
        Assert.Empty(result.Transitions);
        Assert.Empty(restarted.Sent);
        Assert.Single(result.AtRiskOrBreached);
    }

    [Fact]
    public async Task FailedEscalation_GivesTheClaimBack_AndALaterPassSendsIt()
    {
        var sender = new FlakySender(failures: 1);
        await using SlaHost host = SlaHost.Start(_clock, s => s.AddPolicy(FirstTouch4h).EscalateTo("Flaky", MessageDestination.User("U-lead")), services: services =>
        {
            MartechBuilder martech = services.AddMartech();
            martech.AddProvider("Flaky", "Test").AddCapability<IMessageSender>(_ => sender);
        });
        await host.Tracker.RecordAsync(SlaItemKind.Lead, "crm-1", Created("2026-12-07T10:00Z"));
        _clock.Advance(TimeSpan.FromHours(5));

        SlaEvaluationResult failed = await host.Monitor.EvaluateAsync();
        SlaEvaluationResult retried = await host.Monitor.EvaluateAsync();
        SlaEvaluationResult done = await host.Monitor.EvaluateAsync();

        Assert.Equal((1, 1), (failed.EscalationFailures, failed.Transitions.Count));
        // The retry sends the card again; handlers had the transition already and are not run again.
        Assert.Equal((0, 0), (retried.EscalationFailures, retried.Transitions.Count));
        Assert.Empty(done.Transitions);
        Assert.Equal(2, sender.Calls);
    }

    [Fact]
    public async Task HostStoppingMidSend_LeavesTheEscalationToSend_AndARestartSendsIt()
    {
        var store = new InMemorySlaStore();
        using var stopping = new CancellationTokenSource();
        var sender = new CancellingSender(stopping);
        void Configure(SlasBuilder s) => s.AddPolicy(FirstTouch4h).UseStore(store).EscalateTo("InMemory", MessageDestination.Channel("C-sales"));
        await using (SlaHost host = SlaHost.Start(_clock, Configure, services: s => s.AddKeyedSingleton<IMessageSender>("InMemory", sender)))
        {
            await host.Tracker.RecordAsync(SlaItemKind.Lead, "crm-1", Created("2026-12-07T05:00Z"));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => host.Monitor.EvaluateAsync(stopping.Token));
        }

        await using SlaHost restarted = SlaHost.Start(_clock, Configure);
        SlaEvaluationResult result = await restarted.Monitor.EvaluateAsync();
        await restarted.Monitor.EvaluateAsync();

        Assert.Equal(1, sender.Calls);
        Assert.Contains("SLA breached", Assert.Single(restarted.Sent).RenderedText, StringComparison.Ordinal);
        Assert.Equal((0, 0), (result.Transitions.Count, result.EscalationFailures));
    }

    [Fact]
    public async Task CrashBetweenClaimAndSend_IsSentByAnyMonitor_OnceTheClaimTimesOut()
    {
        var store = new InMemorySlaStore();
        await using SlaHost host = SlaHost.Start(_clock, s => s.AddPolicy(FirstTouch4h).UseStore(store).EscalateTo("InMemory", MessageDestination.Channel("C-sales")));
        await host.Tracker.RecordAsync(SlaItemKind.Lead, "crm-1", Created("2026-12-07T05:00Z"));
        // What a monitor that crashed right after claiming the breach left in the store.
        var key = new SlaNotificationKey(FirstTouch4h.Name, SlaItemKind.Lead, "crm-1");
        Assert.True(await store.TrySetNotificationAsync(key, null, new SlaNotificationState(1, SlaTransitionKind.Breached, false, _clock.GetUtcNow())));

        await host.Monitor.EvaluateAsync();
        int beforeTimeout = host.Sent.Count;
        _clock.Advance(TimeSpan.FromMinutes(5));
        await host.Monitor.EvaluateAsync();
        await host.Monitor.EvaluateAsync();

        Assert.Equal(0, beforeTimeout);
        Assert.Single(host.Sent);
        Assert.Null((await store.GetNotificationAsync(key))!.SendClaimedAt);
    }

    [Fact]
    public async Task OneMonitorsFailedSend_IsRetriedByAnother_ThatSawTheClaimBeforeItFailed()
    {
        var store = new InMemorySlaStore();
        SlaHost? other = null;
        SlaEvaluationResult? otherDuringSend = null;
        var failing = new CallbackSender(async () =>
        {
            otherDuringSend = await other!.Monitor.EvaluateAsync();
            throw new MartechRequestException("The chat vendor answered 500.") { StatusCode = System.Net.HttpStatusCode.InternalServerError };
        });
        void Configure(SlasBuilder s) => s.AddPolicy(FirstTouch4h).UseStore(store).EscalateTo("InMemory", MessageDestination.Channel("C-sales"));
        await using SlaHost first = SlaHost.Start(_clock, Configure, services: s => s.AddKeyedSingleton<IMessageSender>("InMemory", failing));
        await using SlaHost second = SlaHost.Start(_clock, Configure);
        other = second;
        await first.Tracker.RecordAsync(SlaItemKind.Lead, "crm-1", Created("2026-12-07T05:00Z"));

        SlaEvaluationResult failed = await first.Monitor.EvaluateAsync();
        SlaEvaluationResult retried = await second.Monitor.EvaluateAsync();

        Assert.Equal(1, failed.EscalationFailures);
        Assert.Empty(otherDuringSend!.Transitions);
        Assert.Empty(retried.Transitions);
        Assert.Single(second.Sent);
    }

    [Fact]
    public async Task ACycleThatEndsBetweenPasses_StillRaisesItsMet()
    {
        var seen = new ConcurrentQueue<SlaTransition>();
        await using SlaHost host = SlaHost.Start(_clock, s => s
            .AddPolicy(new SlaPolicy { Name = "nr", Metric = SlaMetric.NextResponse, Target = TimeSpan.FromMinutes(5) })
            .AddTransitionHandler((t, _, _) => { seen.Enqueue(t); return Task.CompletedTask; }));
        await host.Tracker.RecordAsync(SlaItemKind.Conversation, "c1", [Event(SlaItemEventType.MessageReceived, "2026-12-07T10:00Z")]);
        _clock.Advance(TimeSpan.FromMinutes(1));
        await host.Monitor.EvaluateAsync();
        await host.Tracker.RecordAsync(SlaItemKind.Conversation, "c1", [Event(SlaItemEventType.Responded, "2026-12-07T10:02Z"), Event(SlaItemEventType.MessageReceived, "2026-12-07T10:03Z")]);
        _clock.Advance(TimeSpan.FromMinutes(3));
        await host.Monitor.EvaluateAsync();
        _clock.Advance(TimeSpan.FromMinutes(10));
        await host.Monitor.EvaluateAsync();

        Assert.Equal([(SlaTransitionKind.Met, 1), (SlaTransitionKind.Breached, 2)], seen.Select(t => (t.Kind, t.Clock.Cycle)));
    }

    [Fact]
    public async Task OneItemThatCannotBeEvaluated_IsCounted_AndThePassGoesOn()
    {
        var calendar = new ThrowingCalendar(new TestBusinessCalendar(), At("2026-01-01T00:00Z"));
        await using SlaHost host = SlaHost.Start(_clock, s => s.AddPolicy(new SlaPolicy { Name = "fr", Metric = SlaMetric.FirstResponse, Target = TimeSpan.FromHours(1), Calendar = "office" }),
            services: s => s.AddSingleton<IBusinessCalendars>(new TestBusinessCalendars(calendar)));
        await host.Tracker.RecordAsync(SlaItemKind.Conversation, "old", [Event(SlaItemEventType.MessageReceived, "2025-12-07T09:00Z")]);
        await host.Tracker.RecordAsync(SlaItemKind.Conversation, "good", [Event(SlaItemEventType.MessageReceived, "2026-12-04T08:00Z")]);

        SlaEvaluationResult result = await host.Monitor.EvaluateAsync();

        Assert.Equal((2, 1, 1), (result.Items, result.Clocks, result.EvaluationFailures));
        Assert.Equal("good", Assert.Single(result.AtRiskOrBreached).ItemId);
    }

    [Fact]
    public async Task Tracker_RejectsABadEvent_NamingItsIndexAndField()
    {
        await using SlaHost host = SlaHost.Start(_clock, s => s.AddPolicy(FirstTouch4h));

        ArgumentException unset = await Assert.ThrowsAsync<ArgumentException>(() => host.Tracker.RecordAsync(SlaItemKind.Lead, "L1", [Created("2026-12-07T10:00Z"), new SlaItemEvent { Type = SlaItemEventType.Touched, OccurredAt = default }]));
        ArgumentException untyped = await Assert.ThrowsAsync<ArgumentException>(() => host.Tracker.RecordAsync(SlaItemKind.Lead, "L1", [new SlaItemEvent { Type = default, OccurredAt = At("2026-12-07T10:00Z") }]));
        ArgumentException emptyId = await Assert.ThrowsAsync<ArgumentException>(() => host.Tracker.RecordAsync(SlaItemKind.Lead, "L1", [Created("2026-12-07T10:00Z") with { Id = " " }]));

        Assert.Contains("events[1] of lead 'L1' has OccurredAt", unset.Message, StringComparison.Ordinal);
        Assert.Contains("events[0] of lead 'L1' needs a Type", untyped.Message, StringComparison.Ordinal);
        Assert.Contains("empty Id", emptyId.Message, StringComparison.Ordinal);
        Assert.Empty(await host.Services.GetRequiredService<ISlaStore>().GetHistoryAsync(SlaItemKind.Lead, "L1"));
    }

    [Fact]
    public async Task Retention_DropsClosedItemsAfterTheirLastEventAges_AndTheCacheForgetsThem()
    {
        var store = new InMemorySlaStore();
        await using SlaHost host = SlaHost.Start(_clock, s => s.AddPolicy(FirstTouch4h).UseStore(store), new Dictionary<string, string?> { ["Martech:Slas:ClosedItemRetention"] = "10.00:00:00" });
        await host.Tracker.RecordAsync(SlaItemKind.Lead, "touched", [Created("2026-12-07T10:00Z"), Event(SlaItemEventType.Touched, "2026-12-07T11:00Z")]);
        await host.Tracker.RecordAsync(SlaItemKind.Lead, "waiting", [Created("2026-12-07T10:00Z")]);
        await host.Tracker.RecordAsync(SlaItemKind.Campaign, "spring", [new SlaItemEvent { Type = SlaVolumes.EmailDeliveredEvent, OccurredAt = At("2026-12-07T10:00Z"), Properties = new Dictionary<string, string> { ["message"] = "m1" } }]);
        await host.Tracker.RecordAsync(SlaItemKind.Conversation, "untracked", [Event(SlaItemEventType.Changed, "2026-12-07T10:00Z")]);

        SlaEvaluationResult early = await host.Monitor.EvaluateAsync();
        int cachedEarly = host.Monitor.KnownCount;
        _clock.Advance(TimeSpan.FromDays(11));
        SlaEvaluationResult late = await host.Monitor.EvaluateAsync();

        Assert.Equal((0, 2), (early.ItemsRemoved, cachedEarly));
        Assert.Equal(3, late.ItemsRemoved); // the touched lead, the campaign, and the conversation no policy applies to
        Assert.Equal(1, store.ItemCount);
        Assert.NotEmpty(await store.GetHistoryAsync(SlaItemKind.Lead, "waiting")); // its clock is still open
        Assert.Equal(1, host.Monitor.KnownCount);
        Assert.Null(await store.GetNotificationAsync(new SlaNotificationKey(FirstTouch4h.Name, SlaItemKind.Lead, "touched")));
    }

    [Fact]
    public async Task StricterPolicy_OnAClosedClock_ChangesTheQuery_ButNotifiesNothing()
    {
        var store = new InMemorySlaStore();
        await using (SlaHost loose = SlaHost.Start(_clock, s => s.AddPolicy(FirstTouch4h).UseStore(store)))
        {
            await loose.Tracker.RecordAsync(SlaItemKind.Lead, "crm-1", [Created("2026-12-07T10:00Z")]);
            await loose.Monitor.EvaluateAsync();
            _clock.Advance(TimeSpan.FromHours(2));
            await loose.Tracker.RecordAsync(SlaItemKind.Lead, "crm-1", Event(SlaItemEventType.Touched, "2026-12-07T12:00Z"));
            Assert.Equal(SlaTransitionKind.Met, Assert.Single((await loose.Monitor.EvaluateAsync()).Transitions).Kind);
        }

        await using SlaHost strict = SlaHost.Start(_clock, s => s.AddPolicy(FirstTouch4h with { Target = TimeSpan.FromHours(1), WarnBefore = null }).UseStore(store));
        SlaEvaluationResult result = await strict.Monitor.EvaluateAsync();

        Assert.Empty(result.Transitions);
        SlaClock clock = Assert.Single(await strict.Monitor.GetClocksAsync(SlaItemKind.Lead, "crm-1"));
        Assert.Equal((SlaClockStatus.Breached, At("2026-12-07T11:00Z")), (clock.Status, clock.BreachedAt!.Value));
    }

    [Fact]
    public async Task StricterPolicy_OnAnOpenClock_RaisesTheBreach()
    {
        var store = new InMemorySlaStore();
        await using (SlaHost loose = SlaHost.Start(_clock, s => s.AddPolicy(FirstTouch4h).UseStore(store)))
        {
            await loose.Tracker.RecordAsync(SlaItemKind.Lead, "crm-1", Created("2026-12-07T10:00Z"));
            _clock.Advance(TimeSpan.FromHours(2));
            Assert.Empty((await loose.Monitor.EvaluateAsync()).Transitions);
        }

        await using SlaHost strict = SlaHost.Start(_clock, s => s.AddPolicy(FirstTouch4h with { Target = TimeSpan.FromHours(1), WarnBefore = null }).UseStore(store));

        SlaTransition breach = Assert.Single((await strict.Monitor.EvaluateAsync()).Transitions);
        Assert.Equal((SlaTransitionKind.Breached, At("2026-12-07T11:00Z")), (breach.Kind, breach.OccurredAt));
    }

    [Fact]
    public async Task InboundChat_StartsAFirstResponseClock_AndAnAgentReplyStopsIt()
    {
        var policy = new SlaPolicy { Name = "chat-first-response", Metric = SlaMetric.FirstResponse, Target = TimeSpan.FromMinutes(5) };
        await using SlaHost host = SlaHost.Start(_clock, s => s.AddPolicy(policy).TrackWebhookEvents(), new Dictionary<string, string?> { ["Martech:Slas:AgentIds:0"] = "U-agent" });
        IMartechEventHandler<MartechEvent> handler = host.Services.CreateScope().ServiceProvider.GetServices<IMartechEventHandler<MartechEvent>>().Single(h => h.GetType().Name == "SlaEventHandler");
        MessageReceivedEvent Message(string id, string from, string at) => new() { Id = id, Provider = "Slack", OccurredAt = At(at), Conversation = MessageDestination.Channel("C-support", "171.1"), From = from };

        await handler.HandleAsync(Message("m1", "U-visitor", "2026-12-07T10:00Z"), new MartechEventContext("Slack:m1", 1, At("2026-12-07T10:00Z")));
        await handler.HandleAsync(Message("m1", "U-visitor", "2026-12-07T10:00Z"), new MartechEventContext("Slack:m1", 2, At("2026-12-07T10:00Z")));
        _clock.Advance(TimeSpan.FromMinutes(4));
        SlaClock waiting = Assert.Single(await host.Monitor.GetClocksAsync(SlaItemKind.Conversation, "Slack:Channel:C-support/171.1"));
        await handler.HandleAsync(Message("m2", "U-agent", "2026-12-07T10:03:30Z"), new MartechEventContext("Slack:m2", 1, At("2026-12-07T10:03:30Z")));
        SlaClock answered = Assert.Single(await host.Monitor.GetClocksAsync(SlaItemKind.Conversation, "Slack:Channel:C-support/171.1"));

        Assert.Equal((SlaClockStatus.Pending, TimeSpan.FromMinutes(1)), (waiting.Status, waiting.Remaining));
        Assert.Equal((SlaClockStatus.Met, TimeSpan.FromSeconds(210)), (answered.Status, answered.Elapsed));
    }

    [Fact]
    public async Task DeliveredEmail_CountsAsATouch_WhenConfigured()
    {
        await using SlaHost host = SlaHost.Start(_clock, s => s.AddPolicy(FirstTouch4h).TrackWebhookEvents(), new Dictionary<string, string?> { ["Martech:Slas:EmailTouchEvents:0"] = "delivered" });
        await host.Tracker.RecordAsync(SlaItemKind.Lead, "crm-1", Created("2026-12-07T10:00Z") with { Email = EmailAddress.Parse("ada@example.com") });
        IMartechEventHandler<MartechEvent> handler = host.Services.CreateScope().ServiceProvider.GetServices<IMartechEventHandler<MartechEvent>>().Single(h => h.GetType().Name == "SlaEventHandler");
        EmailEvent Email(EmailEventType type, string id) => new() { Id = id, Provider = "SendGrid", Type = type, Recipient = EmailAddress.Parse("ADA@example.com"), OccurredAt = At("2026-12-07T10:45Z") };

        await handler.HandleAsync(Email(EmailEventType.Opened, "e0"), new MartechEventContext("SendGrid:e0", 1, At("2026-12-07T10:45Z")));
        _clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(SlaClockStatus.Pending, Assert.Single(await host.Monitor.GetClocksAsync(SlaItemKind.Lead, "crm-1")).Status);
        await handler.HandleAsync(Email(EmailEventType.Delivered, "e1"), new MartechEventContext("SendGrid:e1", 1, At("2026-12-07T10:45Z")));

        SlaClock clock = Assert.Single(await host.Monitor.GetClocksAsync(SlaItemKind.Lead, "crm-1"));
        Assert.Equal((SlaClockStatus.Met, At("2026-12-07T10:45Z")), (clock.Status, clock.MetAt!.Value));
    }

    [Fact]
    public async Task HostedService_EvaluatesOnStart_AndEveryInterval_OnTheTimeProvider()
    {
        await using SlaHost host = SlaHost.Start(_clock, s => s.AddPolicy(FirstTouch4h), new Dictionary<string, string?> { ["Martech:Slas:EvaluationInterval"] = "00:10:00" });
        await host.Tracker.RecordAsync(SlaItemKind.Lead, "crm-1", Created("2026-12-07T10:00Z"));
        IHostedService service = host.Services.GetServices<IHostedService>().Single(s => s.GetType().Name == "SlaMonitorService");

        await service.StartAsync(CancellationToken.None);
        await WaitForAsync(() => host.Monitor.LastResult is not null);
        DateTimeOffset first = host.Monitor.LastResult!.EvaluatedAt;
        _clock.Advance(TimeSpan.FromMinutes(10));
        await WaitForAsync(() => host.Monitor.LastResult!.EvaluatedAt > first);
        await service.StopAsync(CancellationToken.None);

        Assert.Equal(At("2026-12-07T10:00Z"), first);
        Assert.Equal(At("2026-12-07T10:10Z"), host.Monitor.LastResult!.EvaluatedAt);
    }

    [Fact]
    public async Task BreachAfterAReset_IsNotifiedAgain()
    {
        var seen = new ConcurrentQueue<SlaTransition>();
        SlaPolicy policy = FirstTouch(TimeSpan.FromHours(1)) with { Reset = [SlaCondition.On(SlaItemEventType.OwnerChanged)] };
        await using SlaHost host = SlaHost.Start(_clock, s => s.AddPolicy(policy).AddTransitionHandler((t, _, _) => { seen.Enqueue(t); return Task.CompletedTask; }));
        await host.Tracker.RecordAsync(SlaItemKind.Lead, "L1", [Created("2026-12-07T10:00Z")]);
        _clock.Advance(TimeSpan.FromHours(1.5));
        await host.Monitor.EvaluateAsync();
        await host.Tracker.RecordAsync(SlaItemKind.Lead, "L1", [new SlaItemEvent { Type = SlaItemEventType.OwnerChanged, OccurredAt = At("2026-12-07T12:00Z"), OwnerId = "rep-2" }]);
        _clock.Advance(TimeSpan.FromHours(2));
        await host.Monitor.EvaluateAsync();

        Assert.Equal([(SlaTransitionKind.Breached, 1), (SlaTransitionKind.Breached, 2)], seen.Select(t => (t.Kind, t.Clock.Cycle)));
    }

    [Fact]
    public void Decide_MovesOnlyForward()
    {
        SlaClock Clock(SlaClockStatus status, int cycle = 1, bool open = true) => new()
        {
            Policy = "p", Metric = SlaMetric.Resolution, ItemKind = SlaItemKind.Lead, ItemId = "1", Cycle = cycle, Status = status, Target = TimeSpan.FromHours(1),
            StartedAt = At("2026-12-07T10:00Z"), EvaluatedAt = At("2026-12-07T10:00Z"), StoppedAt = open ? null : At("2026-12-07T10:30Z"),
        };
        var atRisk = new SlaNotificationState(1, SlaTransitionKind.AtRisk, false);

        Assert.Equal((new SlaNotificationState(1, null, false), (SlaTransitionKind?)null), SlaMonitor.Decide(null, Clock(SlaClockStatus.Pending)));
        Assert.Equal((new SlaNotificationState(1, SlaTransitionKind.Breached, false), SlaTransitionKind.Breached), SlaMonitor.Decide(null, Clock(SlaClockStatus.Breached)));
        Assert.Null(SlaMonitor.Decide(atRisk, Clock(SlaClockStatus.AtRisk)));
        Assert.Null(SlaMonitor.Decide(atRisk, Clock(SlaClockStatus.Pending)));
        Assert.Equal((new SlaNotificationState(1, SlaTransitionKind.Met, true), SlaTransitionKind.Met), SlaMonitor.Decide(atRisk, Clock(SlaClockStatus.Met, open: false)));
        Assert.Equal((new SlaNotificationState(1, null, true), (SlaTransitionKind?)null), SlaMonitor.Decide(null, Clock(SlaClockStatus.Met, open: false)));
        Assert.Null(SlaMonitor.Decide(new SlaNotificationState(1, SlaTransitionKind.Met, true), Clock(SlaClockStatus.Breached, open: false)));
        Assert.Null(SlaMonitor.Decide(new SlaNotificationState(2, null, false), Clock(SlaClockStatus.Breached)));
        Assert.Equal((new SlaNotificationState(2, null, false), (SlaTransitionKind?)null), SlaMonitor.Decide(new SlaNotificationState(1, SlaTransitionKind.Breached, true), Clock(SlaClockStatus.Pending, cycle: 2)));
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (int i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }

    private sealed class CancellingSender(CancellationTokenSource stopping) : IMessageSender
    {
        public int Calls { get; private set; }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public Task<MessageSendResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken = default)
        {
            Calls++;
            stopping.Cancel();
            cancellationToken.ThrowIfCancellationRequested();
            throw new InvalidOperationException("The token was cancelled above.");
        }
    }

    private sealed class CallbackSender(Func<Task<MessageSendResult>> send) : IMessageSender
    {
        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public Task<MessageSendResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken = default) => send();
    }

    /// <summary>A calendar that cannot count before an instant, as a real one cannot outside its years.</summary>
    private sealed class ThrowingCalendar(IBusinessCalendar inner, DateTimeOffset earliest) : IBusinessCalendar
    {
        public string Name => inner.Name;

        public TimeZoneInfo TimeZone => inner.TimeZone;

        public bool IsWorkingTime(DateTimeOffset instant) => inner.IsWorkingTime(Check(instant));

        public DateTimeOffset AddBusinessTime(DateTimeOffset start, TimeSpan businessTime) => inner.AddBusinessTime(Check(start), businessTime);

        public TimeSpan GetBusinessTime(DateTimeOffset from, DateTimeOffset to) => inner.GetBusinessTime(Check(from), to);

        public DateTimeOffset NextWorkingTime(DateTimeOffset instant) => inner.NextWorkingTime(Check(instant));

        private DateTimeOffset Check(DateTimeOffset instant) => instant >= earliest ? instant : throw new ArgumentOutOfRangeException(nameof(instant), instant, "Outside the calendar's years.");
    }

    private sealed class FlakySender(int failures) : IMessageSender
    {
        private int _calls;

        public int Calls => _calls;

        public Task<MessageSendResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken = default)
        {
            int call = Interlocked.Increment(ref _calls);
            return call <= failures
                ? throw new MartechRequestException("The chat vendor answered 500.") { StatusCode = System.Net.HttpStatusCode.InternalServerError }
                : Task.FromResult(new MessageSendResult { MessageId = $"m{call}", Status = SendStatus.Accepted });
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;
    }
}
