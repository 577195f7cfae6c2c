using System.Text.Json;
using System.Text.Json.Serialization;

namespace Martech.Sdk;

/// <summary>SendGrid's error body: <c>{"errors":[{"message","field","help"}],"id"}</c>.</summary>
internal sealed class SendGridErrorResponse
{
    [JsonPropertyName("errors")]
    public IReadOnlyList<SendGridError>? Errors { get; init; }

    [JsonPropertyName("id")]
    public string? Id { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
