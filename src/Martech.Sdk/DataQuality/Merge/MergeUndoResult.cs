namespace Martech.Sdk;

/// <summary>The result of undoing a merge: one outcome per record the merge had written.</summary>
/// <param name="MergeId">The merge undone.</param>
/// <param name="Records">One outcome per record: restored, re-created, partly restored, failed or skipped.</param>
public sealed record MergeUndoResult(string MergeId, IReadOnlyList<MergeRecordOutcome> Records)
{
    /// <summary>Whether every record was restored in full.</summary>
    public bool Succeeded => Records.All(r => r.Status == MergeOutcomeStatus.Succeeded);
}
