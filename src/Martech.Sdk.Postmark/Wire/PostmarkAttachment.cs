using System.Text.Json.Serialization;

namespace Martech.Sdk.Postmark;

/// <summary>An attachment: base64 content, and for inline images a <c>ContentID</c> of the form <c>cid:…</c>.</summary>
internal sealed class PostmarkAttachment
{
    public required string Name { get; init; }

    public required string Content { get; init; }

    public required string ContentType { get; init; }

    [JsonPropertyName("ContentID")]
    public string? ContentId { get; init; }
}
