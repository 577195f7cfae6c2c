namespace Martech.Sdk;

/// <summary>What a duplicate detection run found.</summary>
/// <param name="Clusters">Groups of two or more records believed to be one person, in the order of their first record.</param>
/// <param name="Estimate">The blocking estimate made before comparing.</param>
/// <param name="ComparedPairs">Pairs compared (each pair once, however many rules found it).</param>
/// <param name="MatchedPairs">Pairs that scored at least the threshold.</param>
/// <param name="SkippedBlocks">Oversized blocks left uncompared (with <see cref="DuplicateOversizedBlockPolicy.Skip"/>),
/// largest first, at most 20 named.</param>
public sealed record DuplicateDetectionResult(
    IReadOnlyList<DuplicateCluster> Clusters,
    DuplicateBlockingEstimate Estimate,
    long ComparedPairs,
    long MatchedPairs,
    IReadOnlyList<DuplicateBlock> SkippedBlocks)
{
    /// <summary>Records that are in a cluster.</summary>
    public long DuplicateRecords => Clusters.Sum(c => (long)c.Records.Count);
}
