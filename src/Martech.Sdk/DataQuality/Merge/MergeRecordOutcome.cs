namespace Martech.Sdk;

/// <summary>How one record of a merge or an undo went.</summary>
/// <param name="Instance">The instance.</param>
/// <param name="ContactId">The record's id (for <see cref="MergeAction.Recreate"/>, the deleted record's old id).</param>
/// <param name="Action">What was done.</param>
/// <param name="Status">How it went.</param>
/// <param name="Changes">The fields written, old → new (for an undo, the merged value → the old one).</param>
/// <param name="Error">Why it failed, was skipped or was only partly restored; <see langword="null"/> on success.</param>
/// <param name="NewContactId">For <see cref="MergeAction.Recreate"/>, the id the vendor gave the re-created record
/// (vendors assign new ids, so it usually differs from <paramref name="ContactId"/>).</param>
public sealed record MergeRecordOutcome(
    string Instance,
    string ContactId,
    MergeAction Action,
    MergeOutcomeStatus Status,
    IReadOnlyList<MergeFieldChange> Changes,
    string? Error = null,
    string? NewContactId = null);
