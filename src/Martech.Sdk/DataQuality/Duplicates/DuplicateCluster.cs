namespace Martech.Sdk;

/// <summary>Records believed to be one person: the transitive closure of the matched pairs (A matches B and B matches C
/// puts A, B and C in one cluster, even when A and C did not match).</summary>
/// <param name="Records">The records, in the order the source listed them, each with the instance it lives in.</param>
/// <param name="Matches">The matched pairs that joined them, by index into <paramref name="Records"/>.</param>
public sealed record DuplicateCluster(IReadOnlyList<SourcedContact> Records, IReadOnlyList<DuplicateMatch> Matches)
{
    /// <summary>Whether the cluster spans more than one provider instance.</summary>
    public bool IsCrossInstance => Records.Select(r => r.Instance).Distinct(StringComparer.Ordinal).Skip(1).Any();
}
