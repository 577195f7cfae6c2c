namespace Martech.Sdk;

/// <summary>A custom survivorship rule: picks the winning value of one field among the records being merged, or none
/// (a tie the caller must decide).</summary>
/// <param name="field">The field.</param>
/// <param name="candidates">Every record's non-blank value of the field, in the order the records were given.</param>
/// <returns>The choice: <see cref="MergeFieldChoice.Win"/> with one of <paramref name="candidates"/>, or
/// <see cref="MergeFieldChoice.Tie"/>.</returns>
public delegate MergeFieldChoice SurvivorshipRule(RecordField field, IReadOnlyList<MergeCandidate> candidates);
