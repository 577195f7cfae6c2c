using System.Text.Json.Serialization;

namespace Martech.Sdk;

/// <summary>An attachment of a mail send; the bytes are written as Base64 straight into the request body.</summary>
internal sealed class SendGridAttachment
{
    [JsonPropertyName("content")]
    public required ReadOnlyMemory<byte> Content { get; init; }

    [JsonPropertyName("type")]
    public string? Type { get; init; }

    [JsonPropertyName("filename")]
    public required string FileName { get; init; }

    [JsonPropertyName("disposition")]
    public string? Disposition { get; init; }

    [JsonPropertyName("content_id")]
    public string? ContentId { get; init; }
}
