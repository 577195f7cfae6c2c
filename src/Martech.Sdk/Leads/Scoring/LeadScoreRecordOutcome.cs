namespace Martech.Sdk;

/// <summary>What <see cref="LeadScoring.RecordAsync"/> did with an event.</summary>
public enum LeadScoreRecordOutcome
{
    /// <summary>It counted under at least one rule and was added to the ledger.</summary>
    Recorded,

    /// <summary>An event with the same provider and id was recorded before; it counts once.</summary>
    Duplicate,

    /// <summary>No engagement rule scores it (another kind of event, a machine open, another form or campaign).</summary>
    NotScored,

    /// <summary>It names nobody: no email address and no contact id.</summary>
    NoPerson,
}
