namespace Martech.Sdk;

/// <summary>The pair count of the blocking rules, counted before any pair is compared.</summary>
/// <param name="Records">Records read.</param>
/// <param name="Rules">Each rule's blocks and pairs.</param>
/// <param name="OversizedBlocks">The blocks above <see cref="DuplicateDetectionOptions.MaxBlockSize"/>, largest first
/// (at most 20 are listed).</param>
/// <param name="BytesPerRecord">The memory kept per record while matching, measured: the compact per-record columns
/// and normalised name text, divided by <paramref name="Records"/> (sort buffers of 12 bytes per key come on top while
/// blocks are formed).</param>
public sealed record DuplicateBlockingEstimate(long Records, IReadOnlyList<DuplicateRuleEstimate> Rules, IReadOnlyList<DuplicateBlock> OversizedBlocks, double BytesPerRecord)
{
    /// <summary>Candidate pairs over every rule: an upper bound of the comparisons, since a pair two rules both find is
    /// counted by each but compared once.</summary>
    public long TotalPairs => Rules.Sum(r => r.Pairs);
}
