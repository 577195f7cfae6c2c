using System.Text.Json;
using System.Text.Json.Serialization;

namespace Martech.Sdk.Postmark;

/// <summary>Postmark's error body: <c>{"ErrorCode": 406, "Message": "…"}</c>.</summary>
internal sealed class PostmarkErrorBody
{
    public int? ErrorCode { get; set; }

    public string? Message { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
