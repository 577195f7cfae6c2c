namespace Martech.Sdk.Postmark;

/// <summary>The answer of a suppression create or delete: one status per address, in request order.</summary>
internal sealed class PostmarkSuppressionChangeResult
{
    public List<PostmarkSuppressionStatus>? Suppressions { get; set; }
}
