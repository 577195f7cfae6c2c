namespace Martech.Sdk;

/// <summary>Where a score stands against the thresholds: below the MQL threshold, at or above it, or at or above the SQL
/// threshold.</summary>
public enum LeadQualification
{
    /// <summary>Below <see cref="LeadScoringOptions.MqlThreshold"/>.</summary>
    None,

    /// <summary>A marketing-qualified lead: at or above <see cref="LeadScoringOptions.MqlThreshold"/>.</summary>
    Mql,

    /// <summary>A sales-qualified lead: at or above <see cref="LeadScoringOptions.SqlThreshold"/>.</summary>
    Sql,
}
