namespace Martech.Sdk;

/// <summary>The result of applying a merge: one outcome per record (failures included, never dropped), and where the
/// undo file is.</summary>
/// <param name="MergeId">The merge's id, in every audit line and the undo file.</param>
/// <param name="Records">One outcome per record, in the order the records were given.</param>
/// <param name="UndoFilePath">The undo file, for <see cref="ContactMerger.UndoAsync"/>.</param>
public sealed record MergeResult(string MergeId, IReadOnlyList<MergeRecordOutcome> Records, string UndoFilePath)
{
    /// <summary>Whether every record succeeded.</summary>
    public bool Succeeded => Records.All(r => r.Status == MergeOutcomeStatus.Succeeded);

    /// <summary>The records that failed or were skipped.</summary>
    public IEnumerable<MergeRecordOutcome> Failures => Records.Where(r => r.Status is not MergeOutcomeStatus.Succeeded);
}
