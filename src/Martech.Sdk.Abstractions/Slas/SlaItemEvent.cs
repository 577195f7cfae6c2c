namespace Martech.Sdk;

/// <summary>
/// One thing that happened to an item an SLA clock runs on, and when: created, status or owner changed, touched,
/// responded, a message received or sent, paused, resumed, closed, or a custom event. An item's history is a list of
/// these; SLA clocks are computed by replaying it.
/// </summary>
/// <remarks>The fields an event sets (<see cref="Status"/>, <see cref="OwnerId"/>, <see cref="Priority"/>,
/// <see cref="Source"/>, <see cref="Email"/>, <see cref="Properties"/>) update the item from that point on; fields
/// left <see langword="null"/> keep their value.</remarks>
public sealed record SlaItemEvent
{
    private static readonly IReadOnlyDictionary<string, string> NoProperties = new Dictionary<string, string>(0);

    /// <summary>What happened.</summary>
    public required SlaItemEventType Type { get; init; }

    /// <summary>When it happened.</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>A stable key for the event (a webhook event's key, an activity id): a store records an event with a key
    /// once, so a redelivery or a second monitor adds nothing. <see langword="null"/> records it every time.</summary>
    public string? Id { get; init; }

    /// <summary>The item's status after the event, such as <c>working</c>.</summary>
    public string? Status { get; init; }

    /// <summary>The item's owner after the event.</summary>
    public string? OwnerId { get; init; }

    /// <summary>The item's priority after the event, such as <c>high</c>; what per-priority targets match.</summary>
    public string? Priority { get; init; }

    /// <summary>The item's source after the event, such as <c>webinar</c>.</summary>
    public string? Source { get; init; }

    /// <summary>The email address of the item's person after the event; what email events find the item by.</summary>
    public EmailAddress? Email { get; init; }

    /// <summary>Other fields the event sets, by name (names ignore case), for target rules that match on them.</summary>
    public IReadOnlyDictionary<string, string> Properties { get; init; } = NoProperties;

    /// <summary>Who caused it (a user id), where known.</summary>
    public string? Actor { get; init; }

    /// <summary>Describes the event.</summary>
    /// <returns>The type and time, with the status where one is set.</returns>
    public override string ToString() =>
        Status is null ? $"{Type} @ {OccurredAt:O}" : $"{Type} ({Status}) @ {OccurredAt:O}";
}
