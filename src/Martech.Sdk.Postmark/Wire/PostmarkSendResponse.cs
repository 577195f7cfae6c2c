using System.Text.Json;
using System.Text.Json.Serialization;

namespace Martech.Sdk.Postmark;

/// <summary>Postmark's answer for one message: <c>{"To","SubmittedAt","MessageID","ErrorCode":0,"Message":"OK"}</c>;
/// a refused batch item carries only a non-zero <c>ErrorCode</c> and its <c>Message</c>.</summary>
internal sealed class PostmarkSendResponse
{
    public string? To { get; set; }

    public string? SubmittedAt { get; set; }

    [JsonPropertyName("MessageID")]
    public string? MessageId { get; set; }

    public int ErrorCode { get; set; }

    public string? Message { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
