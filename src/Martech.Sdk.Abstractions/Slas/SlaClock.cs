namespace Martech.Sdk;

/// <summary>
/// One SLA clock of one item under one policy, as evaluated at <see cref="EvaluatedAt"/>: its status, when it started,
/// when it is (or was) due, the business time elapsed and remaining, how late it is, its pauses, and when it was met.
/// Business time is counted in the policy's calendar (wall-clock time when it has none) and paused time never counts.
/// </summary>
public sealed record SlaClock
{
    /// <summary>The policy's name.</summary>
    public required string Policy { get; init; }

    /// <summary>What the policy measures.</summary>
    public required SlaMetric Metric { get; init; }

    /// <summary>The item's kind.</summary>
    public required SlaItemKind ItemKind { get; init; }

    /// <summary>The item's id.</summary>
    public required string ItemId { get; init; }

    /// <summary>Which cycle this is, from 1: recurring metrics (next response) start a new cycle after each stop, and a
    /// reset starts a new one (the cycle it dropped keeps its number, so the numbers of
    /// the evaluator's cycles skip the ones resets dropped).</summary>
    public int Cycle { get; init; } = 1;

    /// <summary>Where the clock stands.</summary>
    public required SlaClockStatus Status { get; init; }

    /// <summary>The target this item got (its priority's or segment's, or the policy's default).</summary>
    public required TimeSpan Target { get; init; }

    /// <summary>The calendar business time counts in; <see langword="null"/> for wall-clock time.</summary>
    public string? Calendar { get; init; }

    /// <summary>When the cycle started.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>When the target is (or was) used up: while running, the instant it will be; once breached, the instant it
    /// was; for a clock stopped or cancelled in time, the due time it had then. <see langword="null"/> while paused before
    /// the due time (and for a cycle that ended while paused), since a paused clock has no due time.</summary>
    public DateTimeOffset? DueAt { get; init; }

    /// <summary>When the clock is (or was) at risk by the policy's warning threshold; <see langword="null"/> when the
    /// policy has none or the clock stopped or paused before.</summary>
    public DateTimeOffset? AtRiskAt { get; init; }

    /// <summary>Business time counted so far (until the stop, for a stopped clock).</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>Business time left before the due time; zero once breached.</summary>
    public TimeSpan Remaining { get; init; }

    /// <summary>When it was breached: its due time, once passed.</summary>
    public DateTimeOffset? BreachedAt { get; init; }

    /// <summary>How late, in wall-clock time: from the due time to the stop (or to <see cref="EvaluatedAt"/> while
    /// open); <see langword="null"/> unless breached.</summary>
    public TimeSpan? OverdueBy { get; init; }

    /// <summary>How late, in business time (pauses excluded); <see langword="null"/> unless breached.</summary>
    public TimeSpan? OverdueBusinessTime { get; init; }

    /// <summary>When it was stopped by a stop condition (met or late).</summary>
    public DateTimeOffset? StoppedAt { get; init; }

    /// <summary>When it was met: the stop, when it came by the due time.</summary>
    public DateTimeOffset? MetAt { get; init; }

    /// <summary>When it was cancelled.</summary>
    public DateTimeOffset? CancelledAt { get; init; }

    /// <summary>Whether it is paused now (a breached clock can be paused too).</summary>
    public bool IsPaused { get; init; }

    /// <summary>Every pause of this cycle, oldest first.</summary>
    public IReadOnlyList<SlaPause> Pauses { get; init; } = [];

    /// <summary>How many times a reset restarted the clock before this cycle.</summary>
    public int Resets { get; init; }

    /// <summary>The instant it was evaluated at.</summary>
    public required DateTimeOffset EvaluatedAt { get; init; }

    /// <summary>Whether the cycle is still running or paused (not stopped or cancelled).</summary>
    public bool IsOpen => StoppedAt is null && CancelledAt is null;

    /// <summary>Describes the clock.</summary>
    /// <returns>Policy, item, status and due time.</returns>
    public override string ToString() => $"{Policy} {ItemKind} {ItemId}: {Status}" + (DueAt is { } due ? $", due {due:O}" : string.Empty);
}
