namespace Martech.Sdk;

/// <summary>The default <see cref="ILeadScoreStore"/>: the ledger and states in this process's memory, lost when it
/// ends. One instance shared by two engines (or handed to a new engine) keeps their scores the same. It keeps every event
/// key and ledger entry, so its memory grows with the events recorded.</summary>
public sealed class InMemoryLeadScoreStore : ILeadScoreStore
{
    private readonly Lock _gate = new();
    private readonly HashSet<string> _events = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<LeadScoreEntry>> _byEmail = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<LeadScoreEntry>> _byContact = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LeadScoreState> _states = new(StringComparer.Ordinal);

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
        foreach (LeadScoreEntry entry in entries)
        {
            if (!string.Equals(entry.EventKey, eventKey, StringComparison.Ordinal))
            {
                throw new ArgumentException($"An entry of event '{eventKey}' carries the key '{entry.EventKey}'.", nameof(entries));
            }
        }

        lock (_gate)
        {
            if (!_events.Add(eventKey))
            {
                return Task.FromResult(false);
            }

            foreach (LeadScoreEntry entry in entries)
            {
                if (entry.Person.Email is { } email)
                {
                    Add(_byEmail, email, entry);
                }

                if (entry.Person.ContactId is { } contactId)
                {
                    Add(_byContact, contactId, entry);
                }
            }
        }

        return Task.FromResult(true);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<LeadScoreEntry>> GetEntriesAsync(LeadScorePerson person, CancellationToken cancellationToken = default)
    {
        List<LeadScoreEntry>? byEmail = null, byContact = null;
        lock (_gate)
        {
            if (person.Email is { } email && _byEmail.TryGetValue(email, out List<LeadScoreEntry>? found))
            {
                byEmail = [.. found];
            }

            if (person.ContactId is { } contactId && _byContact.TryGetValue(contactId, out found))
            {
                byContact = [.. found];
            }
        }

        List<LeadScoreEntry> entries = byEmail ?? byContact ?? [];
        if (byEmail is not null && byContact is not null)
        {
            // An event about both the address and the contact id is in both lists: keep it once.
            var seen = new HashSet<(string, string)>(byEmail.Select(e => (e.EventKey, e.Rule)));
            entries.AddRange(byContact.Where(e => seen.Add((e.EventKey, e.Rule))));
        }

        entries.Sort(LedgerOrder.Instance);
        return Task.FromResult<IReadOnlyList<LeadScoreEntry>>(entries);
    }

    /// <inheritdoc/>
    public Task<LeadScoreState?> GetStateAsync(LeadScorePerson person, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(Find(person));
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
            if (!Equals(Find(person), expected))
            {
                return Task.FromResult(false);
            }

            if (person.Email is { } email)
            {
                _states["email:" + email] = next;
            }

            if (person.ContactId is { } contactId)
            {
                _states["contact:" + contactId] = next;
            }

            return Task.FromResult(true);
        }
    }

    private LeadScoreState? Find(LeadScorePerson person) =>
        person.Email is { } email && _states.TryGetValue("email:" + email, out LeadScoreState? byEmail) ? byEmail
        : person.ContactId is { } contactId && _states.TryGetValue("contact:" + contactId, out LeadScoreState? byContact) ? byContact
        : null;

    private static void Add(Dictionary<string, List<LeadScoreEntry>> index, string key, LeadScoreEntry entry)
    {
        if (!index.TryGetValue(key, out List<LeadScoreEntry>? list))
        {
            index[key] = list = [];
        }

        list.Add(entry);
    }
}
