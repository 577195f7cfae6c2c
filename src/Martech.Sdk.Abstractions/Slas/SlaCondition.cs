namespace Martech.Sdk;

/// <summary>
/// A match on one event of an item's history: what starts, pauses, resumes, stops, resets or cancels an SLA clock.
/// The event's type must be <see cref="Event"/>; status lists that are set narrow it further (values ignore case).
/// </summary>
public sealed record SlaCondition
{
    /// <summary>The event type.</summary>
    public required SlaItemEventType Event { get; init; }

    /// <summary>Only when the item's status after the event is one of these.</summary>
    public IReadOnlyList<string> Statuses { get; init; } = [];

    /// <summary>Only when the item's status after the event is none of these (for "the status left <c>new</c>").</summary>
    public IReadOnlyList<string> NotStatuses { get; init; } = [];

    /// <summary>Only when the item's status before the event was one of these.</summary>
    public IReadOnlyList<string> FromStatuses { get; init; } = [];

    /// <summary>A condition on an event type alone.</summary>
    /// <param name="type">The event type.</param>
    /// <returns>The condition.</returns>
    public static SlaCondition On(SlaItemEventType type) => new() { Event = type };

    /// <summary>The item's status became one of <paramref name="statuses"/>.</summary>
    /// <param name="statuses">The statuses.</param>
    /// <returns>The condition.</returns>
    public static SlaCondition StatusBecomes(params string[] statuses) => new() { Event = SlaItemEventType.StatusChanged, Statuses = statuses };

    /// <summary>The item's status changed to anything but <paramref name="statuses"/>.</summary>
    /// <param name="statuses">The statuses.</param>
    /// <returns>The condition.</returns>
    public static SlaCondition StatusLeaves(params string[] statuses) => new() { Event = SlaItemEventType.StatusChanged, NotStatuses = statuses };

    /// <summary>Whether an event matches.</summary>
    /// <param name="itemEvent">The event.</param>
    /// <param name="statusBefore">The item's status before the event.</param>
    /// <param name="statusAfter">The item's status after the event.</param>
    /// <returns><see langword="true"/> when it matches.</returns>
    public bool Matches(SlaItemEvent itemEvent, string? statusBefore, string? statusAfter)
    {
        ArgumentNullException.ThrowIfNull(itemEvent);
        return itemEvent.Type == Event
            && SlaMatch.In(Statuses, statusAfter)
            && SlaMatch.In(FromStatuses, statusBefore)
            && (NotStatuses.Count == 0 || !SlaMatch.In(NotStatuses, statusAfter ?? string.Empty));
    }

    /// <summary>Describes the condition.</summary>
    /// <returns>The event type and the status lists that are set.</returns>
    public override string ToString()
    {
        string text = Event.Value;
        if (Statuses.Count > 0)
        {
            text += " to " + string.Join("|", Statuses);
        }

        if (NotStatuses.Count > 0)
        {
            text += " to not " + string.Join("|", NotStatuses);
        }

        if (FromStatuses.Count > 0)
        {
            text += " from " + string.Join("|", FromStatuses);
        }

        return text;
    }

    internal IEnumerable<string> Validate(string path)
    {
        if (string.IsNullOrEmpty(Event.Value))
        {
            yield return $"{path}:{nameof(Event)} is required, such as status_changed or message_received.";
        }

        if (Statuses is null || NotStatuses is null || FromStatuses is null || Statuses.Concat(NotStatuses).Concat(FromStatuses).Any(string.IsNullOrWhiteSpace))
        {
            yield return $"{path}: status lists must not hold empty values.";
        }
    }
}
