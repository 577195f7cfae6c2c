using Martech.Sdk.Testing;
using static Martech.Sdk.Tests.Leads.Scoring.ScoringKit;

namespace Martech.Sdk.Tests.Leads.Scoring;

/// <summary>What the engine keeps to record events fast (the in-memory store's per-person ledger kept in order, the
/// score's numbers worked out in place, a state saved without the explanation) is a cache of the ledger: it must give
/// exactly what a full recomputation gives. The oracle is <see cref="NaiveStore"/>: every entry in one list, a person's
/// entries filtered and sorted with LINQ on each read, which takes the engine's general path.</summary>
public sealed class LeadScoringLedgerTests
{
    [Fact]
    public async Task Out_of_order_and_redelivered_events_give_the_states_transitions_and_explanations_of_a_full_recomputation()
    {
        var clock = new ManualTimeProvider(T0.AddDays(20));
        var oracleClock = new ManualTimeProvider(T0.AddDays(20));
        var fast = Engine(Model(), clock, new InMemoryLeadScoreStore());
        var oracle = Engine(Model(), oracleClock, new NaiveStore());
        var random = new Random(7);

        // Ada is known by address and contact id, by the address alone and by the contact id alone (one ledger read
        // through both keys); Dee only by a contact id.
        (string? Email, string? Contact)[] people = [("ada@example.com", "c-ada"), ("bob@example.com", null), ("cy@example.com", "c-cy"), (null, "c-dee"), (null, "c-ada"), ("ada@example.com", null)];
        var sent = new List<MartechEvent>();
        int transitions = 0;
        for (int i = 0; i < 600; i++)
        {
            MartechEvent e;
            if (sent.Count > 0 && random.Next(10) == 0)
            {
                e = sent[random.Next(sent.Count)]; // a redelivery
            }
            else
            {
                (string? email, string? contact) = people[random.Next(people.Length)];
                DateTimeOffset at = T0.AddMinutes(random.Next(20 * 24 * 60)); // anywhere in 20 days: out of order
                int kind = random.Next(4);
                e = (email, kind) switch
                {
                    ({ } address, 0) => Open("o" + i, address, at, campaign: "spring") with { ContactId = contact },
                    ({ } address, 1) => Click("k" + i, address, at, url: random.Next(2) == 0 ? "https://acme.example/pricing" : "https://acme.example/blog") with { ContactId = contact },
                    (_, 0 or 2) => Form("f" + i, email, at, contactId: contact),
                    _ => Message("m" + i, email, contact, at),
                };
                sent.Add(e);
            }

            clock.Advance(TimeSpan.FromMinutes(3));
            oracleClock.Advance(TimeSpan.FromMinutes(3));
            LeadScoreRecordResult got = await fast.RecordAsync(e);
            LeadScoreRecordResult want = await oracle.RecordAsync(e);

            Assert.Equal(want.Outcome, got.Outcome);
            Assert.Equal(want.Entries, got.Entries);
            Assert.Equal(want.Transitions.Select(t => (t.Kind, t.Previous, t.Score.Total, t.Score.Grade, t.Score.Explain())), got.Transitions.Select(t => (t.Kind, t.Previous, t.Score.Total, t.Score.Grade, t.Score.Explain())));
            transitions += got.Transitions.Count;
            LeadScorePerson person = LeadScorePerson.Of(e);
            LeadScoreState? state = await fast.Store.GetStateAsync(person);
            Assert.Equal(await oracle.Store.GetStateAsync(person), state);
            if (state is not null && state.At == clock.GetUtcNow())
            {
                // The state this event saved is the score recomputed from the ledger at that instant.
                LeadScore recomputed = await oracle.ExplainAsync(person, state.At);
                Assert.Equal((recomputed.Total, recomputed.Grade, recomputed.Qualification), (state.Total, state.Grade, state.Qualification));
            }
        }

        Assert.InRange(transitions, 20, 600); // the run crossed thresholds and grades both ways, not only once

        // A new engine over the same store (a restart) explains every person as the oracle does, to the last point.
        var restarted = Engine(Model(), clock, fast.Store);
        foreach (LeadScorePerson person in people.Select(p => new LeadScorePerson(p.Email, p.Contact)))
        {
            Assert.Equal((await oracle.ExplainAsync(person)).Explain(), (await restarted.ExplainAsync(person)).Explain());
            Assert.Equal(await oracle.Store.GetEntriesAsync(person), await fast.Store.GetEntriesAsync(person));
        }
    }

    [Fact]
    public async Task The_in_memory_store_keeps_a_persons_entries_in_ledger_order_and_an_event_about_both_keys_once()
    {
        var store = new InMemoryLeadScoreStore();
        var both = new LeadScorePerson("ada@example.com", "c-1");
        await store.AppendAsync("p/3", [Entry("p/3", both, "b", T0.AddHours(3))]);
        await store.AppendAsync("p/1", [Entry("p/1", new LeadScorePerson("ada@example.com", null), "a", T0.AddHours(1))]);
        await store.AppendAsync("p/2", [Entry("p/2", new LeadScorePerson(null, "c-1"), "b", T0.AddHours(2)), Entry("p/2", new LeadScorePerson(null, "c-1"), "a", T0.AddHours(2))]);
        await store.AppendAsync("p/0", [Entry("p/0", both, "a", T0.AddHours(3))]); // same instant as p/3: key order

        IReadOnlyList<LeadScoreEntry> entries = await store.GetEntriesAsync(both);

        Assert.Equal(["p/1", "p/2", "p/2", "p/0", "p/3"], entries.Select(e => e.EventKey));
        Assert.Equal(["a", "a", "b", "a", "b"], entries.Select(e => e.Rule));
        Assert.Equal(["p/1", "p/0", "p/3"], (await store.GetEntriesAsync(new LeadScorePerson("ada@example.com", null))).Select(e => e.EventKey));
        Assert.Equal(["p/2", "p/2", "p/0", "p/3"], (await store.GetEntriesAsync(new LeadScorePerson(null, "c-1"))).Select(e => e.EventKey));
    }

    private static LeadScoreEntry Entry(string key, LeadScorePerson person, string rule, DateTimeOffset at) =>
        new() { EventKey = key, Person = person, Rule = rule, Points = 1, OccurredAt = at, Trigger = "t" };

    // Caps of every kind, decay, group and dimension caps, thresholds and grade bands close together, so a run crosses
    // many of them.
    private static LeadScoringOptions Model()
    {
        var model = new LeadScoringOptions
        {
            MqlThreshold = 15,
            SqlThreshold = 35,
            FitGradeA = 20,
            FitGradeB = 10,
            EngagementGrade1 = 30,
            EngagementGrade2 = 12,
            Decay = ScoreDecay.HalfLife(TimeSpan.FromDays(5)),
            EngagementCap = 45,
            EngagementGroupCaps = new Dictionary<string, int> { ["email"] = 20 },
        };
        return model
            .Add(new EngagementScoringRule { Name = "open", Activity = EngagementActivity.EmailOpened, Points = 2, Group = "Email", Cap = new ScoringFrequencyCap { MaxOccurrences = 2 } })
            .Add(new EngagementScoringRule { Name = "click", Activity = EngagementActivity.EmailClicked, Points = 5, Group = "EMAIL", Cap = new ScoringFrequencyCap { MaxPoints = 12, Per = ScoringPeriod.Week } })
            .Add(new EngagementScoringRule { Name = "pricing", Activity = EngagementActivity.EmailClicked, Points = 7, UrlContains = ["/pricing"], Decay = ScoreDecay.Linear(TimeSpan.FromDays(10)) })
            .Add(new EngagementScoringRule { Name = "form", Activity = EngagementActivity.FormSubmitted, Points = 12, Cap = new ScoringFrequencyCap { MaxOccurrences = 3, Per = ScoringPeriod.AllTime } })
            .Add(new EngagementScoringRule { Name = "chat", Activity = EngagementActivity.MessageReceived, Points = 6, Decay = ScoreDecay.Window(TimeSpan.FromDays(7)) })
            .Add(new EngagementScoringRule { Name = "chat-penalty", Activity = EngagementActivity.MessageReceived, Points = -1 });
    }

    /// <summary>The oracle: the ledger as one list, each read filtered and sorted anew; states under "email:" and
    /// "contact:" keys. Not an <see cref="InMemoryLeadScoreStore"/>, so the engine reads the ledger through the interface
    /// and recomputes.</summary>
    private sealed class NaiveStore : ILeadScoreStore
    {
        private readonly Lock _gate = new();
        private readonly HashSet<string> _keys = [];
        private readonly List<LeadScoreEntry> _all = [];
        private readonly Dictionary<string, LeadScoreState> _states = [];

        public Task<bool> AppendAsync(string eventKey, IReadOnlyList<LeadScoreEntry> entries, CancellationToken cancellationToken = default)
        {
            lock (_gate)
            {
                if (!_keys.Add(eventKey))
                {
                    return Task.FromResult(false);
                }

                _all.AddRange(entries);
                return Task.FromResult(true);
            }
        }

        public Task<IReadOnlyList<LeadScoreEntry>> GetEntriesAsync(LeadScorePerson person, CancellationToken cancellationToken = default)
        {
            lock (_gate)
            {
                return Task.FromResult<IReadOnlyList<LeadScoreEntry>>([.. _all
                    .Where(e => (person.Email is not null && e.Person.Email == person.Email) || (person.ContactId is not null && e.Person.ContactId == person.ContactId))
                    .OrderBy(e => e.OccurredAt.UtcTicks).ThenBy(e => e.EventKey, StringComparer.Ordinal).ThenBy(e => e.Rule, StringComparer.Ordinal)]);
            }
        }

        public Task<LeadScoreState?> GetStateAsync(LeadScorePerson person, CancellationToken cancellationToken = default)
        {
            lock (_gate)
            {
                return Task.FromResult(Find(person));
            }
        }

        public Task<bool> TrySetStateAsync(LeadScorePerson person, LeadScoreState? expected, LeadScoreState next, CancellationToken cancellationToken = default)
        {
            lock (_gate)
            {
                if (!Equals(Find(person), expected))
                {
                    return Task.FromResult(false);
                }

                if (person.Email is not null)
                {
                    _states["email:" + person.Email] = next;
                }

                if (person.ContactId is not null)
                {
                    _states["contact:" + person.ContactId] = next;
                }

                return Task.FromResult(true);
            }
        }

        private LeadScoreState? Find(LeadScorePerson person) =>
            person.Email is not null && _states.TryGetValue("email:" + person.Email, out LeadScoreState? byEmail) ? byEmail
            : person.ContactId is not null && _states.TryGetValue("contact:" + person.ContactId, out LeadScoreState? byContact) ? byContact
            : null;
    }
}
