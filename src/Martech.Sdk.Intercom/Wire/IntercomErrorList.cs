using System.Text.Json.Serialization;

namespace Martech.Sdk.Intercom;

/// <summary>Intercom's error body: <c>{"type":"error.list","request_id":"…","errors":[{"code","message","field"}]}</c>.</summary>
internal sealed class IntercomErrorList
{
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("request_id")]
    public string? RequestId { get; set; }

    [JsonPropertyName("errors")]
    public List<IntercomError>? Errors { get; set; }
}
