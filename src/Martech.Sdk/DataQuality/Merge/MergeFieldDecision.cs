namespace Martech.Sdk;

/// <summary>The merged value of one field: the candidates, the rule, the winner and why — or, for a tie, no winner and
/// the field <see cref="NeedsDecision">needs a decision</see> (<see cref="MergeProposal.Decide"/>).</summary>
/// <param name="Field">The field.</param>
/// <param name="Rule">The rule applied (a name from <see cref="SurvivorshipRules"/>, a custom rule's name, or
/// <c>Caller</c> once decided with <see cref="MergeProposal.Decide"/>).</param>
/// <param name="Candidates">Every record's non-blank value, in the order the records were given.</param>
/// <param name="Winner">The winning candidate; <see langword="null"/> when the records keep their own values (no
/// candidate, the <see cref="SurvivorshipRules.Keep"/> rule) or for a tie.</param>
/// <param name="Reason">Why: <c>newest: HubSpot 2026-03-01 &gt; Pipedrive 2026-01-10</c>, <c>all records agree</c>,
/// <c>tie: ...</c>.</param>
/// <param name="NeedsDecision">Whether the rule found no winner among different values, so the merge cannot be applied
/// until the caller decides.</param>
public sealed record MergeFieldDecision(
    RecordField Field,
    string Rule,
    IReadOnlyList<MergeCandidate> Candidates,
    MergeCandidate? Winner,
    string Reason,
    bool NeedsDecision);
