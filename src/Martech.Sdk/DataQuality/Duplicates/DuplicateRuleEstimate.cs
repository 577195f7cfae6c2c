namespace Martech.Sdk;

/// <summary>What one blocking rule would compare.</summary>
/// <param name="Rule">The rule.</param>
/// <param name="RecordsWithKey">Records that have a key for the rule (the others lack a field it needs).</param>
/// <param name="Blocks">Blocks of two or more records.</param>
/// <param name="Pairs">Candidate pairs: the sum over its blocks of n·(n−1)/2, oversized blocks included.</param>
/// <param name="LargestBlock">The size of its largest block.</param>
public sealed record DuplicateRuleEstimate(DuplicateBlockingRule Rule, long RecordsWithKey, long Blocks, long Pairs, int LargestBlock);
