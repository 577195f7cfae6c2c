using Martech.Sdk.Testing;
using static Martech.Sdk.Tests.Leads.Scoring.ScoringKit;

namespace Martech.Sdk.Tests.Leads.Scoring;

/// <summary>Transitions (grade band, MQL and SQL crossed up and down), each raised once, and scores recomputed the same
/// by a new engine over the same store.</summary>
public sealed class LeadScoringTransitionTests
{
    private const string Ada = "ada@acme.example";

    // MQL at 50, SQL at 80; fit 30 for a company; forms 25 each, counted for 30 days.
    private static LeadScoringOptions Model() => new LeadScoringOptions { MqlThreshold = 50, SqlThreshold = 80, Decay = ScoreDecay.Window(TimeSpan.FromDays(30)) }
        .Add(new FitScoringRule { Name = "company", Field = RecordField.Company, Operator = FitOperator.Present, Points = 30 })
        .Add(new EngagementScoringRule { Name = "form", Activity = EngagementActivity.FormSubmitted, Points = 25 })
        .Add(new EngagementScoringRule { Name = "chat", Activity = EngagementActivity.MessageReceived, Points = 30 });

    [Fact]
    public async Task ThresholdsCrossedUpAndDown_RaiseEachTransitionOnce()
    {
        var clock = new ManualTimeProvider(T0);
        var handler = new RecordingScoreHandler();
        LeadScoring scoring = Engine(Model(), clock, null, handler);
        Lead ada = Lead(Ada, "Acme");

        await scoring.ScoreAsync(ada);                                   // 30: B3 (from C3)
        await scoring.ScoreAsync(ada);                                   // unchanged: nothing
        LeadScoreRecordResult mql = await scoring.RecordAsync(Form("f1", Ada, T0));        // 55: MQL, still B3
        await scoring.RecordAsync(Form("f1", Ada, T0));                  // redelivery: nothing
        await scoring.ScoreAsync(ada);                                   // 55 again: nothing
        clock.Advance(TimeSpan.FromDays(1));
        await scoring.RecordAsync(Form("f2", Ada, T0.AddDays(1)));       // 80: SQL; engagement 50 is grade 2
        clock.Advance(TimeSpan.FromDays(29));                            // T0 + 30 d: f1 leaves the window (age 30 d is out)
        await scoring.ScoreAsync(ada);                                   // 55: below SQL, grade 3 again
        clock.Advance(TimeSpan.FromDays(1));                             // T0 + 31 d: f2 leaves it
        await scoring.ScoreAsync(ada);                                   // 30: below MQL
        await scoring.ScoreAsync(ada);                                   // nothing

        Assert.Equal(
            [
                "GradeChanged C3->B3 30",
                "BecameMql B3->B3 55",
                "GradeChanged B3->B2 80",
                "BecameSql B3->B2 80",
                "GradeChanged B2->B3 55",
                "FellBelowSql B2->B3 55",
                "FellBelowMql B3->B3 30",
            ],
            handler.Kinds);
        Assert.Equal([LeadScoreTransitionKind.BecameMql], mql.Transitions.Select(t => t.Kind));
        LeadScoreTransition becameMql = handler.Seen[1];
        Assert.Same(mql.Transitions[0], becameMql);
        Assert.Equal("Forms/f1", becameMql.Event!.Provider + "/" + becameMql.Event.Id);
        Assert.Equal(30, becameMql.Score.Fit);                           // the fit of the record last scored
        Assert.Same(ada, handler.Seen[4].Lead);
    }

    [Fact]
    public async Task AJumpOverBothThresholds_RaisesBecameMqlAndBecameSql_OnceEach()
    {
        var handler = new RecordingScoreHandler();
        LeadScoringOptions model = Model().Add(new EngagementScoringRule { Name = "demo", Activity = EngagementActivity.FormSubmitted, FormIds = ["demo"], Points = 60 });
        LeadScoring scoring = Engine(model, new ManualTimeProvider(T0), null, handler);
        await scoring.ScoreAsync(Lead(Ada, "Acme"));                     // 30: B3

        LeadScoreRecordResult demo = await scoring.RecordAsync(Form("f1", Ada, T0, formId: "demo"));

        // The demo form counts under "form" (25) and "demo" (60): 30 + 85 = 115 in one step, engagement grade 1.
        Assert.Equal(["form", "demo"], demo.Entries.Select(e => e.Rule));
        Assert.Equal(
            ["GradeChanged C3->B3 30", "GradeChanged B3->B1 115", "BecameMql B3->B1 115", "BecameSql B3->B1 115"],
            handler.Kinds);
    }

    [Fact]
    public async Task AFailingHandler_IsLogged_AndTheOthersStillGetTheTransition()
    {
        var handler = new RecordingScoreHandler();
        LeadScoring scoring = Engine(Model(), new ManualTimeProvider(T0), null, new ThrowingHandler(), handler);

        LeadScore score = await scoring.ScoreAsync(Lead(Ada, "Acme"));

        Assert.Equal(30, score.Total);
        Assert.Equal(["GradeChanged C3->B3 30"], handler.Kinds);
    }

    [Fact]
    public async Task ANewEngineOverTheSameStore_GivesTheSameScoreToTheLastPoint_AndDoesNotRaiseAgain()
    {
        LeadScoringOptions model = new LeadScoringOptions { MqlThreshold = 20, Decay = ScoreDecay.HalfLife(TimeSpan.FromDays(7)), EngagementCap = 60 }
            .Add(new FitScoringRule { Name = "company", Field = RecordField.Company, Operator = FitOperator.Present, Points = 10 })
            .Add(new EngagementScoringRule { Name = "open", Activity = EngagementActivity.EmailOpened, Points = 3, Cap = new ScoringFrequencyCap { MaxOccurrences = 2 } })
            .Add(new EngagementScoringRule { Name = "click", Activity = EngagementActivity.EmailClicked, Points = 7, Decay = ScoreDecay.Linear(TimeSpan.FromDays(20)) });
        var store = new InMemoryLeadScoreStore();
        var clock = new ManualTimeProvider(T0.AddDays(9).AddHours(5));
        var before = new RecordingScoreHandler();
        LeadScoring first = Engine(model, clock, store, before);
        var random = new Random(7);
        for (int i = 0; i < 40; i++)
        {
            DateTimeOffset at = T0.AddMinutes(random.Next(9 * 24 * 60));
            string who = i % 2 == 0 ? Ada : "bo@beta.example";
            await first.RecordAsync(i % 3 == 0 ? Click($"e{i}", who, at) : Open($"e{i}", who, at));
        }

        LeadScore original = await first.ScoreAsync(Lead(Ada, "Acme"));

        var after = new RecordingScoreHandler();
        LeadScoring restarted = Engine(model, clock, store, after);
        LeadScore again = await restarted.ScoreAsync(Lead(Ada, "Acme"));
        LeadScoreRecordResult redelivered = await restarted.RecordAsync(Open("e2", Ada, T0));

        Assert.Equal(original.Fit, again.Fit);
        Assert.Equal(original.Engagement, again.Engagement);               // exact, not approximately
        Assert.Equal(original.Total, again.Total);
        Assert.Equal(original.Items, again.Items);
        Assert.Equal(original.Caps, again.Caps);
        Assert.Equal(original.Explain(), again.Explain());
        Assert.Equal(LeadScoreRecordOutcome.Duplicate, redelivered.Outcome);
        Assert.Contains(before.Seen, t => t.Kind == LeadScoreTransitionKind.BecameMql);
        Assert.Empty(after.Seen);
        Assert.True(original.Items.Count(i => i.Dimension == LeadScoreDimension.Engagement) == 20, "Ada has 20 of the 40 events.");
    }

    private sealed class ThrowingHandler : ILeadScoreHandler
    {
        public Task HandleAsync(LeadScoreTransition transition, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("down");
    }

    [Fact]
    public async Task ALaterStateSavedByAWriterThatMissedThisEntry_IsWorkedOutAgain_NotTakenAsNewer()
    {
        // The race: another writer read the ledger before this caller's form was appended, stamped a later instant and
        // saved first (total 25: its own form only). This caller's compare-and-set fails against a state that is newer
        // but lacks its entry; the state must end at 50 (both forms) with BecameMql raised once, not stay at 25.
        var clock = new ManualTimeProvider(T0);
        var handler = new RecordingScoreHandler();
        var store = new RacingStore(new InMemoryLeadScoreStore(), clock);
        LeadScoring scoring = Engine(Model(), clock, store, handler);
        await store.AppendAsync("Forms/other", [new LeadScoreEntry { EventKey = "Forms/other", Person = new LeadScorePerson(Ada, null), Rule = "form", Points = 25, OccurredAt = T0, Trigger = "form other" }]);

        LeadScoreRecordResult result = await scoring.RecordAsync(Form("f1", Ada, T0));

        LeadScoreState? state = await store.GetStateAsync(new LeadScorePerson(Ada, null));
        Assert.Equal(50, state!.Total);
        Assert.Equal(LeadQualification.Mql, state.Qualification);
        Assert.Equal(["GradeChanged C3->C2 50", "BecameMql C3->C2 50"], handler.Kinds);
        Assert.Equal([LeadScoreTransitionKind.GradeChanged, LeadScoreTransitionKind.BecameMql], result.Transitions.Select(t => t.Kind));
    }

    [Fact]
    public async Task EntriesOfARuleNoLongerConfigured_StayInTheLedger_AndCountNothing()
    {
        var clock = new ManualTimeProvider(T0);
        var store = new InMemoryLeadScoreStore();
        await Engine(Model(), clock, store).RecordAsync(Message("m1", Ada, null, T0));

        // The "chat" rule is removed: its past entry is listed at 0 with the reason, and the total drops to the fit.
        var withoutChat = new LeadScoringOptions { MqlThreshold = 50, SqlThreshold = 80, Decay = ScoreDecay.Window(TimeSpan.FromDays(30)) }
            .Add(new FitScoringRule { Name = "company", Field = RecordField.Company, Operator = FitOperator.Present, Points = 30 })
            .Add(new EngagementScoringRule { Name = "form", Activity = EngagementActivity.FormSubmitted, Points = 25 });
        LeadScore score = await Engine(withoutChat, clock, store).ExplainAsync(Lead(Ada, "Acme"));

        Assert.Equal(30, score.Total);
        LeadScoreItem chat = Assert.Single(score.Items, i => i.Rule == "chat");
        Assert.Equal(30, chat.Points);
        Assert.Equal(0, chat.AfterDecay);
        Assert.Contains("no longer configured", chat.CapReason, StringComparison.Ordinal);

        // Configured again, the rule's points come back from the ledger.
        Assert.Equal(60, (await Engine(Model(), clock, store).ExplainAsync(Lead(Ada, "Acme"))).Total);
    }

    /// <summary>On the first compare-and-set, another writer gets in first: it saves a state stamped one second later
    /// holding only the entries that were there before this caller's append.</summary>
    private sealed class RacingStore(ILeadScoreStore inner, ManualTimeProvider clock) : ILeadScoreStore
    {
        private bool _raced;

        public Task<bool> AppendAsync(string eventKey, IReadOnlyList<LeadScoreEntry> entries, CancellationToken cancellationToken = default) => inner.AppendAsync(eventKey, entries, cancellationToken);

        public Task<IReadOnlyList<LeadScoreEntry>> GetEntriesAsync(LeadScorePerson person, CancellationToken cancellationToken = default) => inner.GetEntriesAsync(person, cancellationToken);

        public Task<LeadScoreState?> GetStateAsync(LeadScorePerson person, CancellationToken cancellationToken = default) => inner.GetStateAsync(person, cancellationToken);

        public async Task<bool> TrySetStateAsync(LeadScorePerson person, LeadScoreState? expected, LeadScoreState next, CancellationToken cancellationToken = default)
        {
            if (!_raced)
            {
                _raced = true;
                clock.Advance(TimeSpan.FromSeconds(1));
                var other = new LeadScoreState(0, 25, "C3", LeadQualification.None, clock.GetUtcNow());
                Assert.True(await inner.TrySetStateAsync(person, expected, other, cancellationToken));
            }

            return await inner.TrySetStateAsync(person, expected, next, cancellationToken);
        }
    }
}
