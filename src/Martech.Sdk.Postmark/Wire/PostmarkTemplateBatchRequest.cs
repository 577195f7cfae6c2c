namespace Martech.Sdk.Postmark;

/// <summary>The body of <c>/email/batchWithTemplates</c>: <c>{"Messages": [...]}</c>.</summary>
internal sealed class PostmarkTemplateBatchRequest
{
    public required List<PostmarkEmailRequest> Messages { get; init; }
}
