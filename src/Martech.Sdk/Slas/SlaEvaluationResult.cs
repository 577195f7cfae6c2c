namespace Martech.Sdk;

/// <summary>What one pass of the SLA monitor did.</summary>
public sealed record SlaEvaluationResult
{
    /// <summary>The instant the pass evaluated at.</summary>
    public required DateTimeOffset EvaluatedAt { get; init; }

    /// <summary>How many items it evaluated.</summary>
    public required int Items { get; init; }

    /// <summary>How many clocks it found (open or closed).</summary>
    public required int Clocks { get; init; }

    /// <summary>The open clocks that are at risk or breached, most overdue first.</summary>
    public required IReadOnlyList<SlaClock> AtRiskOrBreached { get; init; }

    /// <summary>The transitions this pass claimed and handed to handlers and the escalation.</summary>
    public required IReadOnlyList<SlaTransition> Transitions { get; init; }

    /// <summary>How many escalations failed to send (they are tried again on a later pass).</summary>
    public int EscalationFailures { get; init; }

    /// <summary>How many item and policy pairs could not be evaluated (logged; the pass went on, and the next pass tries
    /// them again).</summary>
    public int EvaluationFailures { get; init; }

    /// <summary>How many items the pass dropped from the store by <see cref="SlaOptions.ClosedItemRetention"/> (only
    /// stores that support <see cref="ISlaStore.RemoveItemAsync"/> drop any).</summary>
    public int ItemsRemoved { get; init; }
}
