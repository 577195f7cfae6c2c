namespace Martech.Sdk;

/// <summary>The evidence that two records of a cluster are the same person.</summary>
/// <param name="First">The first record's index in <see cref="DuplicateCluster.Records"/>.</param>
/// <param name="Second">The second record's index in <see cref="DuplicateCluster.Records"/>.</param>
/// <param name="Score">The weighted mean of the fields' similarities over the fields both records have, from 0 to 1.</param>
/// <param name="Rule">The blocking rule that brought the pair together.</param>
/// <param name="Fields">Each field both records have, with its similarity; fields one of them lacks are left out.</param>
public sealed record DuplicateMatch(int First, int Second, double Score, DuplicateBlockingRule Rule, IReadOnlyList<DuplicateFieldComparison> Fields)
{
    /// <summary>The fields that agreed (similarity of at least 0.9).</summary>
    public IEnumerable<RecordField> AgreedFields => Fields.Where(f => f.Agreed).Select(f => f.Field);
}
