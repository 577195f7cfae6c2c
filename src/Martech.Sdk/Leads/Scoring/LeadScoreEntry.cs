namespace Martech.Sdk;

/// <summary>One line of the engagement ledger: an accepted event and the rule it counted under, with the rule's points
/// when it was accepted. The ledger is append-only; scores are recomputed from it.</summary>
public sealed record LeadScoreEntry
{
    /// <summary>The event's key: <c>provider/id</c> (<see cref="MartechEvent.Provider"/>, <see cref="MartechEvent.Id"/>).
    /// An event is recorded once, however often it is delivered.</summary>
    public required string EventKey { get; init; }

    /// <summary>The person the event is about.</summary>
    public required LeadScorePerson Person { get; init; }

    /// <summary>The rule it counted under.</summary>
    public required string Rule { get; init; }

    /// <summary>The rule's points when the event was accepted (later changes to the rule's points do not rewrite the
    /// ledger; its group, decay and frequency cap are read from the rule as it is when scoring).</summary>
    public required int Points { get; init; }

    /// <summary>When the event happened: what decay, frequency caps and "the score at an instant" go by.</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>What the event was, for explanations.</summary>
    public required string Trigger { get; init; }
}
