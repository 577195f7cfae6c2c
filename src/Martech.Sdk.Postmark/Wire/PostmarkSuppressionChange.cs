namespace Martech.Sdk.Postmark;

/// <summary>The body of a suppression create or delete: <c>{"Suppressions":[{"EmailAddress"}]}</c>, at most 50.</summary>
internal sealed class PostmarkSuppressionChange
{
    public required List<PostmarkSuppressionAddress> Suppressions { get; init; }
}
