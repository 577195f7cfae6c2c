using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Martech.Sdk;

/// <summary>
/// The lead scoring engine: records engagement events in an append-only ledger (<see cref="ILeadScoreStore"/>), and
/// works out a lead's or contact's score at any instant from that ledger and the record's fields, with an explanation of
/// every point. Score changes that cross a threshold or change the grade band go to the <see cref="ILeadScoreHandler"/>s.
/// </summary>
/// <remarks>
/// <para>Events are matched to people by email address first (trimmed, lower-cased), then contact id (see
/// <see cref="LeadScorePerson"/>). An event counts once per provider and id, however often it is delivered.</para>
/// <para>Transitions are checked when a record is scored (<see cref="ScoreAsync(Lead, CancellationToken)"/>) and when an
/// event is recorded (with the fit of the record last scored); a score that only decays below a threshold raises its
/// transition the next time the person is scored or engages.</para>
/// <para>Thread-safe. Use one instance per model; <c>AddLeadScoring()</c> registers one as a singleton.</para>
/// </remarks>
public sealed class LeadScoring
{
    private readonly LeadScoreCalculator _calculator;
    private readonly Func<IEnumerable<ILeadScoreHandler>> _handlers;
    private readonly Func<ILeadClient?> _scoreWriter;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly LeadScoreTriggers _triggers = new();

    private static readonly Task<LeadScoreRecordResult> NoPerson = Task.FromResult(new LeadScoreRecordResult { Outcome = LeadScoreRecordOutcome.NoPerson });
    private static readonly Task<LeadScoreRecordResult> NotScored = Task.FromResult(new LeadScoreRecordResult { Outcome = LeadScoreRecordOutcome.NotScored });
    private static readonly Task<LeadScoreRecordResult> Duplicate = Task.FromResult(new LeadScoreRecordResult { Outcome = LeadScoreRecordOutcome.Duplicate });

    /// <summary>Creates the engine.</summary>
    /// <param name="options">The scoring model; checked here.</param>
    /// <param name="store">The ledger and states; a new <see cref="InMemoryLeadScoreStore"/> when <see langword="null"/>.</param>
    /// <param name="handlers">The transition handlers; none when <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="logger">The logger.</param>
    /// <param name="scoreWriter">Where scored leads' totals are written (<see cref="Lead.Score"/>, when it differs);
    /// nothing is written when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The model is invalid; the message lists each problem.</exception>
    public LeadScoring(LeadScoringOptions options, ILeadScoreStore? store = null, IEnumerable<ILeadScoreHandler>? handlers = null, TimeProvider? timeProvider = null, ILogger<LeadScoring>? logger = null, ILeadClient? scoreWriter = null)
        : this(options, store, handlers is null ? static () => [] : () => handlers, timeProvider, logger, () => scoreWriter)
    {
    }

    internal LeadScoring(LeadScoringOptions options, ILeadScoreStore? store, Func<IEnumerable<ILeadScoreHandler>> handlers, TimeProvider? timeProvider, ILogger? logger, Func<ILeadClient?> scoreWriter)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ThrowIfInvalid();
        _calculator = new LeadScoreCalculator(options);
        Store = store ?? new InMemoryLeadScoreStore();
        _handlers = handlers;
        _scoreWriter = scoreWriter;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The scoring model.</summary>
    public LeadScoringOptions Options => _calculator.Options;

    /// <summary>The ledger and states.</summary>
    public ILeadScoreStore Store { get; }

    /// <summary>Records an event: an email open or click, a form fill or an inbound message is added to the ledger under
    /// each engagement rule it matches (once per provider and id), then the person's score is checked for transitions.
    /// Other events are <see cref="LeadScoreRecordOutcome.NotScored"/>. An event without <see cref="MartechEvent.OccurredAt"/>
    /// is recorded as happening now.</summary>
    /// <param name="martechEvent">The event.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>What was done.</returns>
    public Task<LeadScoreRecordResult> RecordAsync(MartechEvent martechEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(martechEvent);
        LeadScorePerson person = LeadScorePerson.Of(martechEvent);
        if (person.IsEmpty)
        {
            return NoPerson;
        }

        // Count the rules first, so the entries are one array of the right size; the trigger (what the event was) is the
        // same for every rule, so it is worked out once.
        IReadOnlyList<EngagementScoringRule> rules = Options.EngagementRules;
        int matched = 0;
        ulong matches = 0;
        for (int i = 0; i < rules.Count; i++)
        {
            if (rules[i].Matches(martechEvent))
            {
                matches |= i < 64 ? 1UL << i : 0;
                matched++;
            }
        }

        if (matched == 0)
        {
            return NotScored;
        }

        string key = string.Concat(martechEvent.Provider, "/", martechEvent.Id);
        DateTimeOffset occurredAt = martechEvent.OccurredAt == default ? _time.GetUtcNow() : martechEvent.OccurredAt;
        string trigger = _triggers.Of(martechEvent);
        var entries = new LeadScoreEntry[matched];
        for (int i = 0, n = 0; n < matched; i++)
        {
            if (i < 64 ? (matches & (1UL << i)) != 0 : rules[i].Matches(martechEvent))
            {
                entries[n++] = new LeadScoreEntry { EventKey = key, Person = person, Rule = rules[i].Name, Points = rules[i].Points, OccurredAt = occurredAt, Trigger = trigger };
            }
        }

        if (Store is not InMemoryLeadScoreStore memory)
        {
            return RecordEntriesAsync(martechEvent, person, entries, cancellationToken);
        }

        // In memory: append, work the numbers out over the ledger in place and save a new total in one step; only a
        // transition takes the general way (the full score with its explanation, compare-and-set, the handlers).
        DateTimeOffset now = _time.GetUtcNow();
        return memory.Record(key, entries, person, _calculator, now, out LeadScoreState? state, out LeadScoreSummary summary) switch
        {
            RecordStep.Duplicate => Duplicate,
            RecordStep.Transition => TransitionFromEventAsync(martechEvent, person, entries, summary, state, now, cancellationToken),
            _ => Task.FromResult(new LeadScoreRecordResult { Outcome = LeadScoreRecordOutcome.Recorded, Entries = entries }),
        };
    }

    private async Task<LeadScoreRecordResult> TransitionFromEventAsync(MartechEvent martechEvent, LeadScorePerson person, LeadScoreEntry[] entries, LeadScoreSummary summary, LeadScoreState? state, DateTimeOffset now, CancellationToken cancellationToken)
    {
        IReadOnlyList<LeadScoreTransition> transitions = await TransitionAsync(person, null, summary, null, state, null, null, martechEvent, now, cancellationToken).ConfigureAwait(false);
        return new LeadScoreRecordResult { Outcome = LeadScoreRecordOutcome.Recorded, Entries = entries, Transitions = transitions };
    }

    private async Task<LeadScoreRecordResult> RecordEntriesAsync(MartechEvent martechEvent, LeadScorePerson person, LeadScoreEntry[] entries, CancellationToken cancellationToken)
    {
        if (!await Store.AppendAsync(entries[0].EventKey, entries, cancellationToken).ConfigureAwait(false))
        {
            return Duplicate.Result;
        }

        // The check for transitions works out the numbers only; the full score with its explanation is worked out when a
        // transition is raised.
        DateTimeOffset now = _time.GetUtcNow();
        (LeadScoreState? state, LeadScoreSummary summary) = await SummarizeAsync(person, now, cancellationToken).ConfigureAwait(false);
        return await TransitionFromEventAsync(martechEvent, person, entries, summary, state, now, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Scores a lead now: its fields against the fit rules, its person's ledger against the engagement rules;
    /// writes the total to the lead's provider when a score writer is set (<see cref="LeadScoringOptions.WriteScoreTo"/>)
    /// and the lead has an id and another <see cref="Lead.Score"/>; then raises the transitions since it (or its person)
    /// was last scored. A failed write throws before any transition is raised; scoring again retries both.</summary>
    /// <param name="lead">The lead.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The score, with its explanation.</returns>
    public Task<LeadScore> ScoreAsync(Lead lead, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lead);
        return ScoreAsync(LeadScorePerson.Of(lead), FieldsOf(lead), lead, null, cancellationToken);
    }

    /// <summary>Scores a contact now, as <see cref="ScoreAsync(Lead, CancellationToken)"/> does a lead.</summary>
    /// <param name="contact">The contact.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The score, with its explanation.</returns>
    public Task<LeadScore> ScoreAsync(Contact contact, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contact);
        return ScoreAsync(LeadScorePerson.Of(contact), FieldsOf(contact), null, contact, cancellationToken);
    }

    /// <summary>A lead's score and explanation at an instant (now by default; any past instant recomputes it from the
    /// ledger entries up to then), without saving anything or raising transitions.</summary>
    /// <param name="lead">The lead, with its fields as they were at that instant.</param>
    /// <param name="at">The instant; now when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The score.</returns>
    public async Task<LeadScore> ExplainAsync(Lead lead, DateTimeOffset? at = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lead);
        LeadScorePerson person = LeadScorePerson.Of(lead);
        return _calculator.Compute(person, FieldsOf(lead), null, await EntriesAsync(person, cancellationToken).ConfigureAwait(false), at ?? _time.GetUtcNow());
    }

    /// <summary>A contact's score and explanation at an instant, as <see cref="ExplainAsync(Lead, DateTimeOffset?, CancellationToken)"/>.</summary>
    /// <param name="contact">The contact, with its fields as they were at that instant.</param>
    /// <param name="at">The instant; now when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The score.</returns>
    public async Task<LeadScore> ExplainAsync(Contact contact, DateTimeOffset? at = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contact);
        LeadScorePerson person = LeadScorePerson.Of(contact);
        return _calculator.Compute(person, FieldsOf(contact), null, await EntriesAsync(person, cancellationToken).ConfigureAwait(false), at ?? _time.GetUtcNow());
    }

    /// <summary>A person's score at an instant without the record: engagement from the ledger, fit as their record was
    /// last scored (0 when never). Saves nothing.</summary>
    /// <param name="person">The person, such as <c>new LeadScorePerson("ada@example.com", null)</c>.</param>
    /// <param name="at">The instant; now when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The score.</returns>
    /// <exception cref="ArgumentException">The person has neither an email address nor a contact id.</exception>
    public async Task<LeadScore> ExplainAsync(LeadScorePerson person, DateTimeOffset? at = null, CancellationToken cancellationToken = default)
    {
        if (person.IsEmpty)
        {
            throw new ArgumentException("The person has neither an email address nor a contact id to look the ledger up by.", nameof(person));
        }

        LeadScoreState? state = await Store.GetStateAsync(person, cancellationToken).ConfigureAwait(false);
        return _calculator.Compute(person, null, state, await EntriesAsync(person, cancellationToken).ConfigureAwait(false), at ?? _time.GetUtcNow());
    }

    private static Func<RecordField, string?> FieldsOf(Lead lead) => field => field.AppliesToLeads ? field.GetText(lead) : null;

    private static Func<RecordField, string?> FieldsOf(Contact contact) => field => field.AppliesToContacts ? field.GetText(contact) : null;

    private async Task<IReadOnlyList<LeadScoreEntry>> EntriesAsync(LeadScorePerson person, CancellationToken cancellationToken) =>
        person.IsEmpty ? [] : await Store.GetEntriesAsync(person, cancellationToken).ConfigureAwait(false);

    private async Task<LeadScore> ScoreAsync(LeadScorePerson person, Func<RecordField, string?> fields, Lead? lead, Contact? contact, CancellationToken cancellationToken)
    {
        LeadScore score = _calculator.Compute(person, fields, null, await EntriesAsync(person, cancellationToken).ConfigureAwait(false), _time.GetUtcNow());
        if (lead is { Id: { } id } && lead.Score != score.Total && _scoreWriter() is { } writer)
        {
            await writer.UpdateAsync(new Lead { Id = id, Score = score.Total }, cancellationToken).ConfigureAwait(false);
        }

        if (!person.IsEmpty)
        {
            LeadScoreState? state = await Store.GetStateAsync(person, cancellationToken).ConfigureAwait(false);
            await TransitionAsync(person, fields, new LeadScoreSummary(score.Fit, score.Total, score.Grade, score.Qualification), score, state, lead, contact, null, score.At, cancellationToken).ConfigureAwait(false);
        }

        return score;
    }

    // The state and the numbers of the score now, over the ledger as the store gives it.
    private async Task<(LeadScoreState? State, LeadScoreSummary Summary)> SummarizeAsync(LeadScorePerson person, DateTimeOffset at, CancellationToken cancellationToken)
    {
        LeadScoreState? state = await Store.GetStateAsync(person, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<LeadScoreEntry> entries = LeadScoreCalculator.InLedgerOrder(await Store.GetEntriesAsync(person, cancellationToken).ConfigureAwait(false));
        return (state, _calculator.Summarize(state?.Fit ?? 0, entries, null, null, at));
    }

    // After a lost compare-and-set or a later state: the state and the ledger read again, the numbers worked out at an
    // instant no earlier than the state's (now, or the state's own instant when its clock ran ahead).
    private async Task<(LeadScoreState? State, LeadScoreSummary Summary, LeadScore? Score, DateTimeOffset At)> RefreshAsync(LeadScorePerson person, Func<RecordField, string?>? fields, DateTimeOffset notBefore, CancellationToken cancellationToken)
    {
        DateTimeOffset now = _time.GetUtcNow();
        DateTimeOffset at = now > notBefore ? now : notBefore;
        LeadScoreState? state = await Store.GetStateAsync(person, cancellationToken).ConfigureAwait(false);
        if (state is not null && state.At > at)
        {
            at = state.At;
        }

        IReadOnlyList<LeadScoreEntry> entries = await EntriesAsync(person, cancellationToken).ConfigureAwait(false);
        if (fields is null)
        {
            return (state, _calculator.Summarize(state?.Fit ?? 0, LeadScoreCalculator.InLedgerOrder(entries), null, null, at), null, at);
        }

        LeadScore score = _calculator.Compute(person, fields, null, entries, at);
        return (state, new LeadScoreSummary(score.Fit, score.Total, score.Grade, score.Qualification), score, at);
    }

    // Saves the new state when it differs (compare-and-set, retried on a race with a fresh read) and hands each crossing to
    // the handlers: only the caller whose write won raises them, so each is raised once. From an event (no record, so
    // `score` is null) the full score is worked out only when the grade or qualification changes, from the ledger as it
    // is then; its numbers are what the state saves.
    private async Task<IReadOnlyList<LeadScoreTransition>> TransitionAsync(LeadScorePerson person, Func<RecordField, string?>? fields, LeadScoreSummary summary, LeadScore? score, LeadScoreState? state, Lead? lead, Contact? contact, MartechEvent? cause, DateTimeOffset at, CancellationToken cancellationToken)
    {
        LeadScoreState next;
        for (int attempt = 0; ; attempt++)
        {
            if (state is not null && state.At > at)
            {
                // Another writer saved a later state, but it may not have seen this caller's entry or fit (it read the
                // ledger before this caller appended): work the numbers out again, no earlier than its instant.
                if (attempt == 8)
                {
                    return [];
                }

                DateTimeOffset later = state.At;
                (state, summary, score, at) = await RefreshAsync(person, fields, later, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (state is not null && SameScore(state, summary))
            {
                return [];
            }

            LeadScoreState before = state ?? _calculator.Zero;
            if (score is null && (before.Qualification != summary.Qualification || !string.Equals(before.Grade, summary.Grade, StringComparison.Ordinal)))
            {
                score = _calculator.Compute(person, null, state, await EntriesAsync(person, cancellationToken).ConfigureAwait(false), at);
                summary = new LeadScoreSummary(score.Fit, score.Total, score.Grade, score.Qualification);
                if (state is not null && SameScore(state, summary))
                {
                    return [];
                }
            }

            next = new LeadScoreState(summary.Fit, summary.Total, summary.Grade, summary.Qualification, at);
            if (await Store.TrySetStateAsync(person, state, next, cancellationToken).ConfigureAwait(false))
            {
                break;
            }

            if (attempt == 8)
            {
                return [];
            }

            // Another writer won: read the state and the ledger again and work the numbers out anew, from the record's
            // fields when scoring a record, from the state's fit when recording an event.
            (state, summary, score, at) = await RefreshAsync(person, fields, at, cancellationToken).ConfigureAwait(false);
        }

        LeadScoreState previous = state ?? _calculator.Zero;
        List<LeadScoreTransition>? transitions = null;
        void Raise(LeadScoreTransitionKind kind) => (transitions ??= []).Add(new LeadScoreTransition
        {
            Kind = kind,
            Person = person,
            Lead = lead,
            Contact = contact,
            Event = cause,
            Previous = previous,
            Score = score!,
        });

        if (!string.Equals(previous.Grade, next.Grade, StringComparison.Ordinal))
        {
            Raise(LeadScoreTransitionKind.GradeChanged);
        }

        (LeadQualification from, LeadQualification to) = (previous.Qualification, next.Qualification);
        if (from < LeadQualification.Mql && to >= LeadQualification.Mql)
        {
            Raise(LeadScoreTransitionKind.BecameMql);
        }

        if (from < LeadQualification.Sql && to >= LeadQualification.Sql)
        {
            Raise(LeadScoreTransitionKind.BecameSql);
        }

        if (from >= LeadQualification.Sql && to < LeadQualification.Sql)
        {
            Raise(LeadScoreTransitionKind.FellBelowSql);
        }

        if (from >= LeadQualification.Mql && to < LeadQualification.Mql)
        {
            Raise(LeadScoreTransitionKind.FellBelowMql);
        }

        if (transitions is null)
        {
            return [];
        }

        IEnumerable<ILeadScoreHandler> handlers = _handlers();
        foreach (LeadScoreTransition transition in transitions)
        {
            LeadScoringLog.Transition(_logger, transition.Kind, person.Key, previous.Grade, next.Grade, next.Total);
            foreach (ILeadScoreHandler handler in handlers)
            {
                try
                {
                    await handler.HandleAsync(transition, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    LeadScoringLog.HandlerFailed(_logger, ex, handler.GetType().Name, transition.Kind);
                }
            }
        }

        return transitions;
    }

    private static bool SameScore(LeadScoreState a, LeadScoreSummary b) =>
        a.Fit == b.Fit && a.Total == b.Total && a.Qualification == b.Qualification && string.Equals(a.Grade, b.Grade, StringComparison.Ordinal);
}
