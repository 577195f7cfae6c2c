namespace Martech.Sdk;

/// <summary>What recording an event did: its outcome, the ledger entries added, and the transitions raised.</summary>
public sealed record LeadScoreRecordResult
{
    /// <summary>The outcome.</summary>
    public required LeadScoreRecordOutcome Outcome { get; init; }

    /// <summary>The ledger entries added (one per rule the event counted under); empty unless
    /// <see cref="LeadScoreRecordOutcome.Recorded"/>.</summary>
    public IReadOnlyList<LeadScoreEntry> Entries { get; init; } = [];

    /// <summary>The transitions the event caused (handed to the handlers); empty when none.</summary>
    public IReadOnlyList<LeadScoreTransition> Transitions { get; init; } = [];
}
