using Martech.Sdk.Testing;

namespace Martech.Sdk.Tests.Leads.Routing;

public sealed class LeadRouterTests : IDisposable
{
    private readonly LeadRoutingFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task HandOffAsync_RoundRobin500LeadsOver3Owners_167_167_166()
    {
        LeadRoutingOptions options = LeadRoutingFixture.Options(("ada", 1), ("bob", 1), ("cy", 1));
        LeadRouter router = _fixture.Router(options);
        List<Lead> leads = await _fixture.CreateLeadsAsync(500);

        LeadHandoffResult result = await router.HandOffAsync(leads);

        Assert.Equal(500, result.AssignedCount);
        Assert.Equal(new Dictionary<string, int> { ["ada"] = 167, ["bob"] = 167, ["cy"] = 166 }, Counts(result));
        // Ties go to the owner listed first: a, b, c, a, b, c, ...
        Assert.Equal(["ada", "bob", "cy", "ada", "bob", "cy"], result.Outcomes.Take(6).Select(o => o.Decision.OwnerId));
    }

    [Fact]
    public async Task HandOffAsync_Weighted3To2To1Over600_300_200_100_AsOneBatchOrOneByOne()
    {
        LeadRoutingOptions options = LeadRoutingFixture.Options(("ada", 3), ("bob", 2), ("cy", 1));
        List<Lead> leads = await _fixture.CreateLeadsAsync(600);

        LeadHandoffResult batch = await _fixture.Router(options).HandOffAsync(leads);
        LeadRouter single = _fixture.Router(options);
        var oneByOne = new List<string?>();
        foreach (Lead lead in leads)
        {
            oneByOne.Add((await single.HandOffAsync(lead)).Decision.OwnerId);
        }

        Assert.Equal(new Dictionary<string, int> { ["ada"] = 300, ["bob"] = 200, ["cy"] = 100 }, Counts(batch));
        Assert.Equal(batch.Outcomes.Select(o => o.Decision.OwnerId), oneByOne);
        // Smooth, hand-computed credits (ada/bob/cy after each pick): -3/2/1, 0/-2/2, -3/0/3 (tie: ada first), 0/2/-2,
        // 3/-2/-1, 0/0/0: the cycle of 6 is a, b, a, c, b, a and ends where it began.
        Assert.Equal(["ada", "bob", "ada", "cy", "bob", "ada"], batch.Outcomes.Take(6).Select(o => o.Decision.OwnerId));
    }

    [Fact]
    public async Task HandOffAsync_NewRouterOverSameStore_ContinuesTheRotation()
    {
        LeadRoutingOptions options = LeadRoutingFixture.Options(("ada", 3), ("bob", 2), ("cy", 1));
        List<Lead> leads = await _fixture.CreateLeadsAsync(10);
        LeadHandoffResult reference = await _fixture.Router(options).HandOffAsync(leads);

        var store = new InMemoryLeadRoutingStore();
        LeadHandoffResult first = await _fixture.Router(options, store).HandOffAsync(leads.Take(4).ToList());
        LeadHandoffResult afterRestart = await _fixture.Router(options, store).HandOffAsync(leads.Skip(4).ToList());

        Assert.Equal(reference.Outcomes.Select(o => o.Decision.OwnerId), first.Outcomes.Concat(afterRestart.Outcomes).Select(o => o.Decision.OwnerId));
        Assert.Equal(2, (await store.GetAsync()).Version);
    }

    [Fact]
    public async Task HandOffAsync_UnavailableOwner_ShareSpreadByWeightNotPiledOnOne()
    {
        // dee (weight 2) is out: the 600 leads go 3:2:1 over the others, exactly as if dee were not in the pool.
        LeadRoutingOptions options = LeadRoutingFixture.Options(("ada", 3), ("bob", 2), ("cy", 1), ("dee", 2));
        LeadRouter router = _fixture.Router(options);
        await router.SetAvailableAsync("dee", false);
        List<Lead> leads = await _fixture.CreateLeadsAsync(600);

        LeadHandoffResult result = await router.HandOffAsync(leads);

        Assert.Equal(new Dictionary<string, int> { ["ada"] = 300, ["bob"] = 200, ["cy"] = 100 }, Counts(result));
        LeadRoutingCandidate dee = result.Outcomes[0].Decision.Candidates.Single(c => c.OwnerId == "dee");
        Assert.Equal(LeadRoutingSkipReason.Unavailable, dee.Skipped);
        Assert.Equal(dee.CreditBefore, dee.CreditAfter);

        // Back in: 8 more leads follow the full 3:2:1:2 shares without a catch-up burst for dee.
        await router.SetAvailableAsync("dee", true);
        LeadHandoffResult back = await router.HandOffAsync(await _fixture.CreateLeadsAsync(8));
        Assert.Equal(new Dictionary<string, int> { ["ada"] = 3, ["bob"] = 2, ["cy"] = 1, ["dee"] = 2 }, Counts(back));
    }

    [Fact]
    public async Task HandOffAsync_AvailableFalseInOptions_SkipsOwner()
    {
        LeadRoutingOptions options = LeadRoutingFixture.Options(("ada", 1), ("bob", 1));
        options.Owners["bob"].Available = false;

        LeadHandoffResult result = await _fixture.Router(options).HandOffAsync(await _fixture.CreateLeadsAsync(4));

        Assert.Equal(new Dictionary<string, int> { ["ada"] = 4 }, Counts(result));
    }

    [Fact]
    public async Task HandOffAsync_MaxOpenLeads_SkipsUntilReleased()
    {
        LeadRoutingOptions options = LeadRoutingFixture.Options(("ada", 1), ("bob", 1));
        options.Owners["ada"].MaxOpenLeads = 2;
        LeadRouter router = _fixture.Router(options);

        LeadHandoffResult result = await router.HandOffAsync(await _fixture.CreateLeadsAsync(6));

        Assert.Equal(["ada", "bob", "ada", "bob", "bob", "bob"], result.Outcomes.Select(o => o.Decision.OwnerId));
        LeadRoutingCandidate ada = result.Outcomes[4].Decision.Candidates.Single(c => c.OwnerId == "ada");
        Assert.Equal(LeadRoutingSkipReason.AtOpenLeadLimit, ada.Skipped);
        Assert.Equal("holds 2 open leads, the limit", ada.Detail);

        Assert.True(await router.ReleaseAsync(result.Outcomes[0].Lead.Id!));
        Assert.False(await router.ReleaseAsync("no-such-lead"));
        // ada is back in the rotation (credit -1, bob's 1: no catch-up for the leads she missed): bob, then ada.
        LeadHandoffResult next = await router.HandOffAsync(await _fixture.CreateLeadsAsync(2));
        Assert.Equal(LeadRoutingSkipReason.None, next.Outcomes[0].Decision.Candidates.Single(c => c.OwnerId == "ada").Skipped);
        Assert.Equal(["bob", "ada"], next.Outcomes.Select(o => o.Decision.OwnerId));
    }

    [Fact]
    public async Task HandOffAsync_MaxLeadsPerDay_SkipsUntilTheOwnersNextDay()
    {
        LeadRoutingOptions options = LeadRoutingFixture.Options(("ada", 1), ("bob", 1));
        options.Owners["ada"].MaxLeadsPerDay = 1;
        options.Owners["bob"].MaxLeadsPerDay = 2;
        LeadRouter router = _fixture.Router(options);

        LeadHandoffResult monday = await router.HandOffAsync(await _fixture.CreateLeadsAsync(4));

        Assert.Equal(["ada", "bob", "bob", null], monday.Outcomes.Select(o => o.Decision.OwnerId));
        Assert.Equal(LeadHandoffStatus.Unassigned, monday.Outcomes[3].Status);
        Assert.Contains("no owner is available: ada got 1 leads on 2026-03-02, the daily limit; bob got 2 leads on 2026-03-02, the daily limit", monday.Outcomes[3].Decision.Reason, StringComparison.Ordinal);
        Assert.Null((await _fixture.Leads.GetAsync(monday.Outcomes[3].Lead.Id!))!.OwnerId);

        _fixture.Clock.Advance(TimeSpan.FromDays(1));
        LeadHandoffResult tuesday = await router.HandOffAsync(await _fixture.CreateLeadsAsync(3));
        Assert.Equal(3, tuesday.AssignedCount);
    }

    [Fact]
    public async Task HandOffAsync_OwnerOutsideWorkingHours_SkippedOrAssignedAndNotifiedAtNextWorkingTime()
    {
        LeadRoutingOptions options = Notified(LeadRoutingFixture.Options(("ada", 1), ("bob", 1)));
        options.Owners["ada"].Calendar = "berlin";
        _fixture.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 2, 19, 0, 0, TimeSpan.Zero)); // Monday 20:00 Berlin

        LeadHandoffResult skipped = await _fixture.Router(options).HandOffAsync(await _fixture.CreateLeadsAsync(2));

        Assert.Equal(["bob", "bob"], skipped.Outcomes.Select(o => o.Decision.OwnerId));
        LeadRoutingCandidate ada = skipped.Outcomes[0].Decision.Candidates.Single(c => c.OwnerId == "ada");
        Assert.Equal(LeadRoutingSkipReason.OutsideWorkingHours, ada.Skipped);
        Assert.Equal("off until 2026-03-03 09:00 Europe/Berlin (08:00 UTC)", ada.Detail);

        options.OutsideHours = LeadRoutingOutsideHours.AssignAndNotifyLater;
        var store = new InMemoryLeadRoutingStore();
        LeadRouter later = _fixture.Router(options, store, notify: true);
        int sentBefore = _fixture.Crm.SentMessages.Count;
        LeadHandoffResult assigned = await later.HandOffAsync(await _fixture.CreateLeadsAsync(2));

        Assert.Equal(["ada", "bob"], assigned.Outcomes.Select(o => o.Decision.OwnerId));
        Assert.Equal(LeadNotificationStatus.Deferred, assigned.Outcomes[0].Notification);
        Assert.Equal(new DateTimeOffset(2026, 3, 3, 8, 0, 0, TimeSpan.Zero), assigned.Outcomes[0].Decision.NotifyAt);
        Assert.Equal(LeadNotificationStatus.Sent, assigned.Outcomes[1].Notification);
        Assert.Equal(sentBefore + 1, _fixture.Crm.SentMessages.Count);
        Assert.Empty(await later.SendDueNotificationsAsync());

        _fixture.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 3, 8, 0, 0, TimeSpan.Zero));
        LeadNotificationResult due = Assert.Single(await later.SendDueNotificationsAsync());
        Assert.Equal(("ada", LeadNotificationStatus.Sent), (due.OwnerId, due.Status));
        Assert.Equal(MessageDestination.User("U-ADA"), _fixture.Crm.SentMessages[^1].Message.Destination);
        Assert.Empty(await later.SendDueNotificationsAsync());
        Assert.Empty((await store.GetAsync()).PendingNotifications);
    }

    [Fact]
    public async Task SendDueNotificationsAsync_CancelledMidway_PutsTheUnsentBackForTheNextPass()
    {
        LeadRoutingOptions options = Notified(LeadRoutingFixture.Options(("ada", 1)));
        options.Owners["ada"].Calendar = "berlin";
        options.OutsideHours = LeadRoutingOutsideHours.AssignAndNotifyLater;
        _fixture.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 2, 19, 0, 0, TimeSpan.Zero)); // Monday 20:00 Berlin
        var store = new InMemoryLeadRoutingStore();
        LeadRouter router = _fixture.Router(options, store, notify: true);
        LeadHandoffResult assigned = await router.HandOffAsync(await _fixture.CreateLeadsAsync(3));
        Assert.All(assigned.Outcomes, o => Assert.Equal(LeadNotificationStatus.Deferred, o.Notification));
        _fixture.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 3, 8, 0, 0, TimeSpan.Zero));
        int sentBefore = _fixture.Crm.SentMessages.Count;

        // The host stops while the second notification is being sent.
        using var stop = new CancellationTokenSource();
        var stopping = new LeadRouter(options, _fixture.Leads, new StopOnSend(_fixture.Messages, stop, 2), null, store, _fixture.Calendars, _fixture.Clock);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stopping.SendDueNotificationsAsync(stop.Token));

        Assert.Equal(sentBefore + 1, _fixture.Crm.SentMessages.Count);
        string?[] rest = [.. assigned.Outcomes.Skip(1).Select(o => o.Lead.Id)];
        Assert.Equal(rest, (await store.GetAsync()).PendingNotifications.Select(p => p.LeadId));
        IReadOnlyList<LeadNotificationResult> next = await router.SendDueNotificationsAsync();
        Assert.Equal(rest, next.Select(r => r.LeadId));
        Assert.All(next, r => Assert.Equal(LeadNotificationStatus.Sent, r.Status));
        Assert.Equal(sentBefore + 3, _fixture.Crm.SentMessages.Count);
        Assert.Empty((await store.GetAsync()).PendingNotifications);
    }

    [Fact]
    public async Task HandOffAsync_LeadOwnerAffinity_KeepsOwnerInPoolAndAvailable()
    {
        LeadRoutingOptions options = LeadRoutingFixture.Options(("ada", 1), ("bob", 1));
        LeadRouter router = _fixture.Router(options);
        List<Lead> leads = await _fixture.CreateLeadsAsync(3, i => new Lead { FirstName = "L" + i, OwnerId = i switch { 0 => "bob", 1 => "zed", _ => null } });

        LeadHandoffResult result = await router.HandOffAsync(leads);

        Assert.Equal(("bob", LeadRoutingMethod.LeadOwner), (result.Outcomes[0].Decision.OwnerId, result.Outcomes[0].Decision.Method));
        Assert.Equal(("ada", LeadRoutingMethod.Rotation), (result.Outcomes[1].Decision.OwnerId, result.Outcomes[1].Decision.Method));
        Assert.Contains("the lead's owner 'zed' is not in pool 'sales'", result.Outcomes[1].Decision.Reason, StringComparison.Ordinal);
        // bob's kept lead counted as his turn (credits ada 1, bob -1), so ada gets the next two.
        Assert.Equal("ada", result.Outcomes[2].Decision.OwnerId);

        await router.SetAvailableAsync("bob", false);
        LeadRoutingDecision away = await router.ExplainAsync(new Lead { OwnerId = "bob" });
        Assert.Equal(("ada", LeadRoutingMethod.Rotation), (away.OwnerId, away.Method));
        Assert.Contains("the lead's owner 'bob' is skipped (out of office)", away.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandOffAsync_ContactAndCompanyDomainAffinity_KeepTheirOwners()
    {
        await _fixture.Contacts.UpsertAsync(new Contact { Email = EmailAddress.Parse("grace@navy.example"), OwnerId = "cy" });
        LeadRoutingOptions options = LeadRoutingFixture.Options(("ada", 1), ("bob", 1), ("cy", 1));
        options.Affinity = new LeadRoutingAffinityOptions { ContactOwner = true, CompanyDomainOwner = true };
        LeadRouter router = _fixture.Router(options);
        string[] emails = ["grace@navy.example", "ann@acme.example", "joe@acme.example", "x@gmail.com", "y@gmail.com"];
        List<Lead> leads = await _fixture.CreateLeadsAsync(emails.Length, i => new Lead { Email = EmailAddress.Parse(emails[i]) });

        LeadHandoffResult result = await router.HandOffAsync(leads);

        Assert.Equal(
            [("cy", LeadRoutingMethod.ContactOwner), ("ada", LeadRoutingMethod.Rotation), ("ada", LeadRoutingMethod.CompanyDomainOwner), ("bob", LeadRoutingMethod.Rotation), ("bob", LeadRoutingMethod.Rotation)],
            result.Outcomes.Select(o => (o.Decision.OwnerId!, o.Decision.Method)));
        Assert.Equal("ada", (await router.ExplainAsync(new Lead { Email = EmailAddress.Parse("new@ACME.example") })).OwnerId);
    }

    [Fact]
    public async Task ExplainAsync_RulesFirstMatch_TerritorySourceCompanySize()
    {
        LeadRoutingOptions options = LeadRoutingFixture.Options(("ada", 1), ("bob", 1), ("cy", 1), ("dee", 1));
        options.Pools = new Dictionary<string, LeadPoolOptions>
        {
            ["sales"] = new() { Owners = ["ada", "bob"] },
            ["emea"] = new() { Owners = ["cy"] },
            ["enterprise"] = new() { Owners = ["dee"] },
        };
        options.Rules =
        [
            new() { Name = "partners", Conditions = [new() { Field = "Source", Operator = "equals", Values = ["Partner"] }], Owner = "bob", Pool = "sales" },
            new() { Name = "big", Conditions = [new() { Field = "employees", Operator = "Between", Min = 1000 }], Pool = "enterprise" },
            new() { Name = "dach", Conditions = [new() { Field = "country", Operator = "OneOf", Values = ["DE", "AT", "CH"] }], Pool = "emea" },
        ];
        LeadRouter router = _fixture.Router(options);
        Lead Make(string? source, string? employees, string? country)
        {
            var lead = new Lead { Id = "1", Source = source };
            if (employees is not null)
            {
                lead.CustomFields.Set("employees", employees);
            }

            if (country is not null)
            {
                lead.CustomFields.Set("country", country);
            }

            return lead;
        }

        LeadRoutingDecision partner = await router.ExplainAsync(Make(" partner ", "5000", "DE"));
        LeadRoutingDecision big = await router.ExplainAsync(Make("web", "5000", "de"));
        LeadRoutingDecision dach = await router.ExplainAsync(Make("web", "999", "at"));
        LeadRoutingDecision other = await router.ExplainAsync(Make(null, "lots", "FR"));

        Assert.Equal(("partners", null, "bob", LeadRoutingMethod.RuleOwner), (partner.Rule, partner.Pool, partner.OwnerId, partner.Method));
        Assert.Equal(("big", "enterprise", "dee"), (big.Rule, big.Pool, big.OwnerId));
        Assert.Equal(("dach", "emea", "cy"), (dach.Rule, dach.Pool, dach.OwnerId));
        Assert.Equal((null, "sales", "ada"), (other.Rule, other.Pool, other.OwnerId));
        Assert.Equal("no rule matched; pool 'sales'; rotation picked 'ada' (credit 1, the highest of 2 available)", other.Reason);

        await router.SetAvailableAsync("bob", false);
        LeadRoutingDecision fallback = await router.ExplainAsync(Make("Partner", null, null));
        Assert.Equal(("sales", "ada", LeadRoutingMethod.Rotation), (fallback.Pool, fallback.OwnerId, fallback.Method));
        Assert.Equal("rule 'partners' matched; its owner 'bob' is skipped (out of office); pool 'sales'; rotation picked 'ada' (credit 1, the highest of 1 available)", fallback.Reason);
    }

    [Fact]
    public async Task ExplainAsync_DryRun_SaysWhyAndChangesNothing()
    {
        LeadRoutingOptions options = LeadRoutingFixture.Options(("ada", 2), ("bob", 1), ("cy", 1));
        options.Owners["cy"].MaxOpenLeads = 1;
        var store = new InMemoryLeadRoutingStore();
        LeadRouter router = _fixture.Router(options, store);
        await router.HandOffAsync(await _fixture.CreateLeadsAsync(3)); // ada, bob, cy (cy now at 1 open)
        LeadRoutingState before = await store.GetAsync();
        Lead next = (await _fixture.CreateLeadsAsync(1))[0];

        LeadRoutingDecision decision = await router.ExplainAsync(next);

        Assert.Same(before, await store.GetAsync());
        Assert.Equal("ada", decision.OwnerId);
        Assert.Equal(
            [
                // Credits after ada, bob, cy were picked: 2, -1, -1. ada and bob gain their weights (4, 0), ada is
                // picked and loses the available total 3; cy, at her limit, keeps hers.
                new LeadRoutingCandidate("ada", 2, 2, 1, 1, 1, LeadRoutingSkipReason.None, null),
                new LeadRoutingCandidate("bob", 1, -1, 0, 1, 1, LeadRoutingSkipReason.None, null),
                new LeadRoutingCandidate("cy", 1, -1, -1, 1, 1, LeadRoutingSkipReason.AtOpenLeadLimit, "holds 1 open leads, the limit"),
            ],
            decision.Candidates);
        Assert.Equal(decision.OwnerId, (await router.HandOffAsync(next)).Decision.OwnerId);
    }

    [Fact]
    public async Task HandOffAsync_WritesOwnerAndStatusAndNotifiesWithACard()
    {
        LeadRoutingOptions options = Notified(LeadRoutingFixture.Options(("ada", 1), ("bob", 1)));
        options.AssignedStatus = "working";
        options.LeadLinkFormat = "https://crm.example.com/leads/{id}";
        List<Lead> leads = await _fixture.CreateLeadsAsync(2, i => new Lead { FirstName = "Grace", LastName = "Hopper " + i, Company = "Navy", Source = "webinar", Email = EmailAddress.Parse($"grace{i}@navy.example") });

        LeadHandoffResult result = await _fixture.Router(options, notify: true).HandOffAsync(leads);

        Lead stored = (await _fixture.Leads.GetAsync(leads[0].Id!))!;
        Assert.Equal(("ada", LeadStatus.Working), (stored.OwnerId, stored.Status));
        Assert.Equal("bob", (await _fixture.Leads.GetAsync(leads[1].Id!))!.OwnerId);
        Assert.All(result.Outcomes, o => Assert.Equal((LeadHandoffStatus.Assigned, LeadNotificationStatus.Sent), (o.Status, o.Notification)));
        SentMessage message = _fixture.Crm.SentMessages[0];
        Assert.Equal(MessageDestination.User("U-ADA"), message.Message.Destination);
        MessageCard card = message.Message.Card!;
        Assert.Equal("New lead: Grace Hopper 0", card.Title);
        Assert.Equal("Grace Hopper 0 is yours: no rule matched; pool 'sales'; rotation picked 'ada' (credit 1, the highest of 2 available).", card.Text);
        Assert.Equal(
            [("Lead", "Grace Hopper 0"), ("Email", "grace0@navy.example"), ("Company", "Navy"), ("Source", "webinar"), ("Pool", "sales"), ("Owner", "Ada Lovelace (ada)")],
            card.Fields.Select(f => (f.Label, f.Value)));
        Assert.Equal(new Uri($"https://crm.example.com/leads/{leads[0].Id}"), Assert.Single(card.Links).Url);
    }

    [Fact]
    public async Task HandOffAsync_WriteFails_ReportedAndOwnerKeepsTheirTurn()
    {
        LeadRoutingOptions options = LeadRoutingFixture.Options(("ada", 1), ("bob", 1));
        var store = new InMemoryLeadRoutingStore();
        LeadRouter router = _fixture.Router(options, store);
        List<Lead> leads = await _fixture.CreateLeadsAsync(2);
        Lead missing = new() { Id = "gone" };

        LeadHandoffResult result = await router.HandOffAsync([missing, leads[0]]);

        Assert.Equal((LeadHandoffStatus.WriteFailed, "ada"), (result.Outcomes[0].Status, result.Outcomes[0].Decision.OwnerId));
        Assert.IsType<MartechNotFoundException>(result.Outcomes[0].Error);
        Assert.Equal((1, 1), (result.AssignedCount, result.FailedCount));
        LeadRoutingState state = await store.GetAsync();
        Assert.False(state.OpenLeads.ContainsKey("gone"));
        // ada's turn was not used up by the failed lead: the state is as if only bob's lead had been routed, so the
        // next lead goes to ada.
        Assert.Equal(new Dictionary<string, long> { ["ada"] = 1, ["bob"] = -1 }, state.Credits["sales"]);
        Assert.Equal("ada", (await router.HandOffAsync(leads[1])).Decision.OwnerId);
    }

    [Fact]
    public async Task HandOffAsync_NotificationFails_LeadStaysAssignedAndFailureReported()
    {
        LeadRoutingOptions options = Notified(LeadRoutingFixture.Options(("ada", 1)));
        var router = new LeadRouter(options, _fixture.Leads, new ThrowingSender(), store: null, calendars: _fixture.Calendars, timeProvider: _fixture.Clock);

        LeadHandoffOutcome outcome = await router.HandOffAsync((await _fixture.CreateLeadsAsync(1))[0]);

        Assert.Equal((LeadHandoffStatus.Assigned, LeadNotificationStatus.Failed), (outcome.Status, outcome.Notification));
        Assert.IsType<MartechRequestException>(outcome.NotificationError);
    }

    [Fact]
    public async Task HandOffAsync_BadInput_ThrowsNamingTheLead()
    {
        LeadRouter router = _fixture.Router(LeadRoutingFixture.Options(("ada", 1)));

        var noId = await Assert.ThrowsAsync<ArgumentException>(() => router.HandOffAsync([new Lead { Id = "1" }, new Lead()]));
        var twice = await Assert.ThrowsAsync<ArgumentException>(() => router.HandOffAsync([new Lead { Id = "1" }, new Lead { Id = "1" }]));
        var unknown = await Assert.ThrowsAsync<ArgumentException>(() => router.SetAvailableAsync("zed", false));

        Assert.StartsWith("leads[1].Id is required", noId.Message, StringComparison.Ordinal);
        Assert.StartsWith("leads[1].Id '1' appears twice in the batch", twice.Message, StringComparison.Ordinal);
        Assert.StartsWith("'zed' is not a lead owner: the owners are ada.", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_InvalidOptions_ListsEveryProblem()
    {
        LeadRoutingOptions options = LeadRoutingFixture.Options(("ada", 0));
        options.Owners["ada"].Calendar = "mars";

        var ex = Assert.Throws<ArgumentException>(() => _fixture.Router(options));

        Assert.Contains("LeadRoutingOptions:Owners:ada:Weight must be a whole number from 1 to 1000 (was 0)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("LeadRoutingOptions:Owners:ada:Calendar names 'mars', which is not a business calendar", ex.Message, StringComparison.Ordinal);
    }

    private static LeadRoutingOptions Notified(LeadRoutingOptions options)
    {
        options.Owners["ada"].Destination = "user:U-ADA";
        options.Owners["ada"].Name = "Ada Lovelace";
        if (options.Owners.TryGetValue("bob", out LeadOwnerOptions? bob))
        {
            bob.Destination = "user:U-BOB";
        }

        return options;
    }

    private static Dictionary<string, int> Counts(LeadHandoffResult result) =>
        result.Outcomes.Where(o => o.Decision.OwnerId is not null).GroupBy(o => o.Decision.OwnerId!).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count());

    private sealed class ThrowingSender : IMessageSender
    {
        public Task<MessageSendResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken = default) =>
            throw new MartechRequestException("Slack refused the message: channel_not_found.");

        public object? GetService(Type serviceType, object? serviceKey = null) => null;
    }

    /// <summary>Cancels the token on the n-th send, as a host stopping mid-pass does; that send is cut short.</summary>
    private sealed class StopOnSend(IMessageSender inner, CancellationTokenSource stop, int stopOn) : IMessageSender
    {
        private int _sends;

        public Task<MessageSendResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken = default)
        {
            if (++_sends == stopOn)
            {
                stop.Cancel();
                cancellationToken.ThrowIfCancellationRequested();
            }

            return inner.SendAsync(message, cancellationToken);
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => inner.GetService(serviceType, serviceKey);
    }
}
