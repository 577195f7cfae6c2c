namespace Martech.Sdk;

/// <summary>Who gets a lead and why: the rule that matched, the pool, every owner considered (and why one was
/// skipped), the pick and the rotation numbers. <see cref="LeadRouter.ExplainAsync(Lead, CancellationToken)"/> answers
/// with one without changing anything; a handoff carries the one it acted on.</summary>
public sealed record LeadRoutingDecision
{
    /// <summary>The lead's id (<see langword="null"/> for a lead not yet stored, in a dry run).</summary>
    public string? LeadId { get; init; }

    /// <summary>The owner picked; <see langword="null"/> when no owner was available.</summary>
    public string? OwnerId { get; init; }

    /// <summary>How the owner was picked.</summary>
    public LeadRoutingMethod Method { get; init; }

    /// <summary>The name of the rule that matched (<c>Rules:&lt;n&gt;</c> for one without a name);
    /// <see langword="null"/> when none did and the lead went to the default pool.</summary>
    public string? Rule { get; init; }

    /// <summary>The pool the lead rotated in; <see langword="null"/> when the rule's owner took it directly.</summary>
    public string? Pool { get; init; }

    /// <summary>The decision in words, such as <c>rule 'dach' matched; pool 'emea'; rotation picked 'ada' (credit 3,
    /// the highest)</c>.</summary>
    public required string Reason { get; init; }

    /// <summary>Every owner considered, in pool order (a rule's owner first), with the rotation credits before and
    /// after this lead and why any was skipped.</summary>
    public IReadOnlyList<LeadRoutingCandidate> Candidates { get; init; } = [];

    /// <summary>When the decision was made (the router's clock).</summary>
    public DateTimeOffset DecidedAt { get; init; }

    /// <summary>When the owner is notified, if that waits for their working hours
    /// (<see cref="LeadRoutingOutsideHours.AssignAndNotifyLater"/>); <see langword="null"/> for now.</summary>
    public DateTimeOffset? NotifyAt { get; init; }
}
