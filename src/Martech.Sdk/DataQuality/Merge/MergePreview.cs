namespace Martech.Sdk;

/// <summary>What applying a merge proposal will write: one plan per record, in the order the records were given.</summary>
/// <param name="Records">The plans.</param>
public sealed record MergePreview(IReadOnlyList<MergeRecordPlan> Records)
{
    /// <summary>The records that will be updated.</summary>
    public IEnumerable<MergeRecordPlan> Updates => Records.Where(r => r.Action == MergeAction.Update);

    /// <summary>The records that will be deleted.</summary>
    public IEnumerable<MergeRecordPlan> Deletes => Records.Where(r => r.Action == MergeAction.Delete);
}
