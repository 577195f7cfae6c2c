using System.Text.Json;
using System.Text.Json.Serialization;

namespace Martech.Sdk;

/// <summary>An entry of <c>GET /v3/asm/suppressions</c>: <c>{"email","group_id","group_name","created_at"}</c>.</summary>
internal sealed class SendGridGroupSuppression
{
    [JsonPropertyName("email")]
    public string? Email { get; init; }

    [JsonPropertyName("group_id")]
    public long GroupId { get; init; }

    [JsonPropertyName("group_name")]
    public string? GroupName { get; init; }

    [JsonPropertyName("created_at")]
    public double? CreatedAt { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
