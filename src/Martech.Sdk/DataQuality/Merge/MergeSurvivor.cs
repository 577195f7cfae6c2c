namespace Martech.Sdk;

/// <summary>The record that survives in one instance: it receives the merged values, and the instance's other records
/// are the losers (deleted when <see cref="ContactMergeOptions.DeleteLosers"/> is on, otherwise left as they are).</summary>
/// <param name="Instance">The instance.</param>
/// <param name="Records">The instance's records in the group.</param>
/// <param name="Survivor">The surviving record; <see langword="null"/> for a tie (<see cref="NeedsDecision"/>).</param>
/// <param name="Reason">Why it survives, such as <c>the only record in HubSpot</c> or <c>most complete: 7 fields &gt; 5</c>.</param>
/// <param name="NeedsDecision">Whether the survivor choice tied, so the caller must choose with
/// <see cref="MergeProposal.ChooseSurvivor"/>.</param>
public sealed record MergeSurvivor(
    string Instance,
    IReadOnlyList<SourcedContact> Records,
    SourcedContact? Survivor,
    string Reason,
    bool NeedsDecision);
