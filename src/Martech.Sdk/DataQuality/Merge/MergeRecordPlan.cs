namespace Martech.Sdk;

/// <summary>What a merge will do to one record: its action, each field old → new, and the record before and after.</summary>
/// <param name="Instance">The instance.</param>
/// <param name="ContactId">The record's id.</param>
/// <param name="Action"><see cref="MergeAction.Update"/>, <see cref="MergeAction.Delete"/> or
/// <see cref="MergeAction.Unchanged"/>.</param>
/// <param name="Changes">The fields an update changes; empty otherwise.</param>
/// <param name="Before">The record as the proposal read it.</param>
/// <param name="After">The record after the merge; <see langword="null"/> when it is deleted.</param>
public sealed record MergeRecordPlan(
    string Instance,
    string ContactId,
    MergeAction Action,
    IReadOnlyList<MergeFieldChange> Changes,
    Contact Before,
    Contact? After)
{
    /// <summary>What an update sends: the id and only the changed fields (the others left null, so unchanged).</summary>
    internal Contact? Patch { get; init; }
}
