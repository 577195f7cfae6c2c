namespace Martech.Sdk;

/// <summary>A change in a person's score that handlers act on: a new grade, an MQL or SQL threshold crossed up or down.
/// A score that jumps from below MQL to above SQL raises <see cref="LeadScoreTransitionKind.BecameMql"/> and
/// <see cref="LeadScoreTransitionKind.BecameSql"/>, each once.</summary>
public sealed record LeadScoreTransition
{
    /// <summary>What changed.</summary>
    public required LeadScoreTransitionKind Kind { get; init; }

    /// <summary>Who.</summary>
    public required LeadScorePerson Person { get; init; }

    /// <summary>The lead scored, when the transition came from scoring a lead (<see cref="LeadScoring.ScoreAsync(Lead, CancellationToken)"/>).</summary>
    public Lead? Lead { get; init; }

    /// <summary>The contact scored, when it came from scoring a contact.</summary>
    public Contact? Contact { get; init; }

    /// <summary>The event whose recording caused it, when it came from <see cref="LeadScoring.RecordAsync"/>.</summary>
    public MartechEvent? Event { get; init; }

    /// <summary>The state before (all zero, grade from zero points, not qualified, for a person never scored).</summary>
    public required LeadScoreState Previous { get; init; }

    /// <summary>The new score, with its explanation.</summary>
    public required LeadScore Score { get; init; }
}
