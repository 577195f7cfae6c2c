namespace Martech.Sdk;

/// <summary>
/// An item SLA clocks run on (a lead, a contact, a conversation), with its history and the fields that history sets:
/// each field is the value the latest event of the whole history that sets it gave. The evaluator does not use these
/// final fields: it judges a policy's scope and target with the fields as of the instants it replays.
/// </summary>
public sealed record SlaItem
{
    private static readonly IReadOnlyDictionary<string, string> NoFields = new Dictionary<string, string>(0);

    /// <summary>Creates an item from its history.</summary>
    /// <param name="kind">What kind of item.</param>
    /// <param name="id">Its id, such as the provider's lead id.</param>
    /// <param name="history">What happened to it, in any order: it is sorted by time (events at the same instant keep
    /// their order).</param>
    /// <exception cref="ArgumentException"><paramref name="id"/> is empty, <paramref name="kind"/> is the default, or an
    /// event is <see langword="null"/>.</exception>
    public SlaItem(SlaItemKind kind, string id, IEnumerable<SlaItemEvent> history)
    {
        if (string.IsNullOrEmpty(kind.Value))
        {
            throw new ArgumentException("An SLA item needs a kind, such as SlaItemKind.Lead.", nameof(kind));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentNullException.ThrowIfNull(history);
        Kind = kind;
        Id = id;
        var events = history.ToList();
        for (int i = 0; i < events.Count; i++)
        {
            if (events[i] is null)
            {
                throw new ArgumentException($"The history of {kind} '{id}' has a null event at index {i}.", nameof(history));
            }
        }

        if (!IsSorted(events))
        {
            // A stable sort: events recorded at the same instant keep the order they were recorded in.
            events = [.. events.Select((e, i) => (e, i)).OrderBy(p => p.e.OccurredAt).ThenBy(p => p.i).Select(p => p.e)];
        }

        History = events.AsReadOnly();
        var fields = new SlaItemFields(kind);
        foreach (SlaItemEvent e in events)
        {
            fields.Apply(e);
        }

        CreatedAt = fields.CreatedAt;
        Status = fields.Status;
        OwnerId = fields.OwnerId;
        Priority = fields.Priority;
        Source = fields.Source;
        Email = fields.Email;
        Fields = fields.Fields ?? NoFields;
    }

    /// <summary>What kind of item.</summary>
    public SlaItemKind Kind { get; }

    /// <summary>Its id.</summary>
    public string Id { get; }

    /// <summary>What happened to it, oldest first.</summary>
    public IReadOnlyList<SlaItemEvent> History { get; }

    /// <summary>When it was created: the first <see cref="SlaItemEventType.Created"/> event.</summary>
    public DateTimeOffset? CreatedAt { get; }

    /// <summary>Its current status.</summary>
    public string? Status { get; }

    /// <summary>Its current owner.</summary>
    public string? OwnerId { get; }

    /// <summary>Its current priority.</summary>
    public string? Priority { get; }

    /// <summary>Its current source.</summary>
    public string? Source { get; }

    /// <summary>Its person's email address.</summary>
    public EmailAddress? Email { get; }

    /// <summary>Its other fields (names ignore case).</summary>
    public IReadOnlyDictionary<string, string> Fields { get; }

    /// <summary>Describes the item.</summary>
    /// <returns>Kind and id.</returns>
    public override string ToString() => $"{Kind} {Id}";

    private static bool IsSorted(List<SlaItemEvent> events)
    {
        for (int i = 1; i < events.Count; i++)
        {
            if (events[i].OccurredAt < events[i - 1].OccurredAt)
            {
                return false;
            }
        }

        return true;
    }
}
