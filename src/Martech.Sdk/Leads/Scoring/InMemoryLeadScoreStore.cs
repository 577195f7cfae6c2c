namespace Martech.Sdk;

/// <summary>The default <see cref="ILeadScoreStore"/>: the ledger and states in this process's memory, lost when it
/// ends. One instance shared by two engines (or handed to a new engine) keeps their scores the same. It keeps every event
/// key and ledger entry, so its memory grows with the events recorded. Each person's entries are kept in ledger order
/// as they are appended (an event that arrives late is inserted in its place), so reading them sorts nothing, and
/// <see cref="LeadScoring"/> works a person's score out over them in place after each event.</summary>
public sealed class InMemoryLeadScoreStore : ILeadScoreStore
{
    private readonly Lock _gate = new();
    private readonly HashSet<string> _events = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<LeadScoreEntry>> _byEmail = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<LeadScoreEntry>> _byContact = new(StringComparer.Ordinal);
    // The states, as values updated in place (the record is made when one is read).
    private readonly Dictionary<string, StateSlot> _statesByEmail = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StateSlot> _statesByContact = new(StringComparer.Ordinal);

    /// <summary>How many events were appended.</summary>
    public int EventCount
    {
        get
        {
            lock (_gate)
            {
                return _events.Count;
            }
        }
    }

    /// <inheritdoc/>
    public Task<bool> AppendAsync(string eventKey, IReadOnlyList<LeadScoreEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventKey);
        ArgumentNullException.ThrowIfNull(entries);
        for (int i = 0; i < entries.Count; i++)
        {
            if (!string.Equals(entries[i].EventKey, eventKey, StringComparison.Ordinal))
            {
                throw new ArgumentException($"An entry of event '{eventKey}' carries the key '{entries[i].EventKey}'.", nameof(entries));
            }
        }

        lock (_gate)
        {
            return Task.FromResult(Append(eventKey, entries));
        }
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<LeadScoreEntry>> GetEntriesAsync(LeadScorePerson person, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            (List<LeadScoreEntry>? byEmail, List<LeadScoreEntry>? byContact) = Lists(person);
            if (byContact is null)
            {
                return Task.FromResult<IReadOnlyList<LeadScoreEntry>>(byEmail is null ? [] : [.. byEmail]);
            }

            if (byEmail is null)
            {
                return Task.FromResult<IReadOnlyList<LeadScoreEntry>>([.. byContact]);
            }

            // Both lists are in ledger order: merge them, keeping once an event about both the address and the contact id
            // (it is in both lists: the contact's entries whose address is this one).
            var entries = new List<LeadScoreEntry>(byEmail.Count + byContact.Count);
            int i = 0, j = 0;
            while (i < byEmail.Count || j < byContact.Count)
            {
                if (j < byContact.Count && string.Equals(byContact[j].Person.Email, person.Email, StringComparison.Ordinal))
                {
                    j++;
                }
                else if (j >= byContact.Count || (i < byEmail.Count && LedgerOrder.Instance.Compare(byEmail[i], byContact[j]) <= 0))
                {
                    entries.Add(byEmail[i++]);
                }
                else
                {
                    entries.Add(byContact[j++]);
                }
            }

            return Task.FromResult<IReadOnlyList<LeadScoreEntry>>(entries);
        }
    }

    /// <inheritdoc/>
    public Task<LeadScoreState?> GetStateAsync(LeadScorePerson person, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(Find(person)?.ToState());
        }
    }

    /// <inheritdoc/>
    public Task<bool> TrySetStateAsync(LeadScorePerson person, LeadScoreState? expected, LeadScoreState next, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (person.IsEmpty)
        {
            throw new ArgumentException("A state needs a person with an email address or a contact id.", nameof(person));
        }

        lock (_gate)
        {
            StateSlot? found = Find(person);
            if (found is null ? expected is not null : expected is null || !found.Value.Is(expected))
            {
                return Task.FromResult(false);
            }

            Set(person, new StateSlot(next.Fit, next.Total, next.Grade, next.Qualification, next.At));
            return Task.FromResult(true);
        }
    }

    /// <summary>What <see cref="LeadScoring"/> does after an event, in one step: appends the event's entries (unless its
    /// key is known), works the person's score out over the ledger in place with the fit of their state, and, when only
    /// the total changed (no new grade, no threshold crossed), saves the new state. A change that raises a transition is
    /// left to the engine (<see cref="RecordStep.Transition"/>, with the state read), which saves it by compare-and-set.</summary>
    internal RecordStep Record(string eventKey, LeadScoreEntry[] entries, LeadScorePerson person, LeadScoreCalculator calculator, DateTimeOffset at, out LeadScoreState? state, out LeadScoreSummary summary)
    {
        state = null;
        summary = default;
        lock (_gate)
        {
            if (!Append(eventKey, entries))
            {
                return RecordStep.Duplicate;
            }

            StateSlot? found = Find(person);
            (List<LeadScoreEntry>? byEmail, List<LeadScoreEntry>? byContact) = Lists(person);
            summary = calculator.Summarize(found?.Fit ?? 0, byEmail, byContact, byEmail is null ? null : person.Email, at);
            if (found is { } slot && (slot.At > at || slot.Is(summary)))
            {
                return RecordStep.Unchanged;
            }

            (string grade, LeadQualification qualification) = found is { } was ? (was.Grade, was.Qualification) : (calculator.ZeroGrade, LeadQualification.None);
            if (qualification == summary.Qualification && string.Equals(grade, summary.Grade, StringComparison.Ordinal))
            {
                Set(person, new StateSlot(summary.Fit, summary.Total, summary.Grade, summary.Qualification, at));
                return RecordStep.Updated;
            }

            state = found?.ToState();
            return RecordStep.Transition;
        }
    }

    private (List<LeadScoreEntry>? ByEmail, List<LeadScoreEntry>? ByContact) Lists(LeadScorePerson person) =>
        (person.Email is { } email && _byEmail.TryGetValue(email, out List<LeadScoreEntry>? byEmail) ? byEmail : null,
         person.ContactId is { } contactId && _byContact.TryGetValue(contactId, out List<LeadScoreEntry>? byContact) ? byContact : null);

    private StateSlot? Find(LeadScorePerson person) =>
        person.Email is { } email && _statesByEmail.TryGetValue(email, out StateSlot byEmail) ? byEmail
        : person.ContactId is { } contactId && _statesByContact.TryGetValue(contactId, out StateSlot byContact) ? byContact
        : null;

    private void Set(LeadScorePerson person, StateSlot next)
    {
        if (person.Email is { } email)
        {
            _statesByEmail[email] = next;
        }

        if (person.ContactId is { } contactId)
        {
            _statesByContact[contactId] = next;
        }
    }

    private bool Append(string eventKey, IReadOnlyList<LeadScoreEntry> entries)
    {
        if (!_events.Add(eventKey))
        {
            return false;
        }

        for (int i = 0; i < entries.Count; i++)
        {
            LeadScoreEntry entry = entries[i];
            if (entry.Person.Email is { } email)
            {
                Add(_byEmail, email, entry);
            }

            if (entry.Person.ContactId is { } contactId)
            {
                Add(_byContact, contactId, entry);
            }
        }

        return true;
    }

    // Keeps the list in ledger order: appended in the usual case (events arrive in time order), else inserted in place.
    private static void Add(Dictionary<string, List<LeadScoreEntry>> index, string key, LeadScoreEntry entry)
    {
        if (!index.TryGetValue(key, out List<LeadScoreEntry>? list))
        {
            index[key] = list = [];
        }

        if (list.Count == 0 || LedgerOrder.Instance.Compare(list[^1], entry) <= 0)
        {
            list.Add(entry);
            return;
        }

        int at = list.BinarySearch(entry, LedgerOrder.Instance);
        list.Insert(at < 0 ? ~at : at, entry);
    }

    /// <summary>A state as kept: <see cref="LeadScoreState"/>'s values.</summary>
    private readonly record struct StateSlot(double Fit, int Total, string Grade, LeadQualification Qualification, DateTimeOffset At)
    {
        public LeadScoreState ToState() => new(Fit, Total, Grade, Qualification, At);

        public bool Is(LeadScoreState state) =>
            Fit.Equals(state.Fit) && Total == state.Total && string.Equals(Grade, state.Grade, StringComparison.Ordinal) && Qualification == state.Qualification && At.Equals(state.At);

        public bool Is(LeadScoreSummary summary) =>
            Fit == summary.Fit && Total == summary.Total && Qualification == summary.Qualification && string.Equals(Grade, summary.Grade, StringComparison.Ordinal);
    }
}

/// <summary>What <see cref="InMemoryLeadScoreStore"/> did with a recorded event.</summary>
internal enum RecordStep
{
    /// <summary>The event's key was known: nothing was appended.</summary>
    Duplicate,

    /// <summary>Appended; the score's numbers are those of the state.</summary>
    Unchanged,

    /// <summary>Appended; the total changed and the new state was saved (no transition).</summary>
    Updated,

    /// <summary>Appended; the grade or qualification changed: the engine raises the transition.</summary>
    Transition,
}
