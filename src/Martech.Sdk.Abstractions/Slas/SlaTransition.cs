namespace Martech.Sdk;

/// <summary>An SLA clock became at risk, breached or met. The monitor hands each transition to the transition
/// handlers and the escalation once.</summary>
public sealed record SlaTransition
{
    /// <summary>What happened.</summary>
    public required SlaTransitionKind Kind { get; init; }

    /// <summary>The clock as evaluated when the transition was found.</summary>
    public required SlaClock Clock { get; init; }

    /// <summary>The item, with its history.</summary>
    public required SlaItem Item { get; init; }

    /// <summary>When it happened by the clock: the at-risk instant, the due time, or the stop.</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>The breach, for <see cref="SlaTransitionKind.Breached"/>.</summary>
    public SlaBreach? Breach { get; init; }
}
