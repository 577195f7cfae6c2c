namespace Martech.Sdk.Postmark;

/// <summary>The answer of <c>GET /message-streams/{stream}/suppressions/dump</c>: every matching suppression, unpaged.</summary>
internal sealed class PostmarkSuppressionDump
{
    public List<PostmarkSuppression>? Suppressions { get; set; }
}
