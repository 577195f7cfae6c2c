namespace Martech.Sdk;

/// <summary>How writing one record of a merge (or an undo) went.</summary>
public enum MergeOutcomeStatus
{
    /// <summary>Written (or nothing to write).</summary>
    Succeeded,

    /// <summary>Undo only: written, but some fields could not be given back their old blank value (see
    /// <see cref="MergeRecordOutcome.Error"/>).</summary>
    Partial,

    /// <summary>The provider refused or failed; <see cref="MergeRecordOutcome.Error"/> says why.</summary>
    Failed,

    /// <summary>Not attempted: cancelled, or a delete held back because its instance's survivor failed.</summary>
    Skipped,
}
