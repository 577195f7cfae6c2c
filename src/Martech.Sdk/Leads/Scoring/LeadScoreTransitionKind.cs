namespace Martech.Sdk;

/// <summary>What changed in a person's score.</summary>
public enum LeadScoreTransitionKind
{
    /// <summary>The grade band changed (such as B2 → A2).</summary>
    GradeChanged,

    /// <summary>The total reached <see cref="LeadScoringOptions.MqlThreshold"/>: a new marketing-qualified lead.</summary>
    BecameMql,

    /// <summary>The total reached <see cref="LeadScoringOptions.SqlThreshold"/>.</summary>
    BecameSql,

    /// <summary>The total fell below <see cref="LeadScoringOptions.SqlThreshold"/> (decay, a record change).</summary>
    FellBelowSql,

    /// <summary>The total fell below <see cref="LeadScoringOptions.MqlThreshold"/>.</summary>
    FellBelowMql,
}
