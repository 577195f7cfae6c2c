using System.Text.Json.Serialization;

namespace Martech.Sdk.Intercom;

/// <summary>One entry of Intercom's <c>error.list</c>.</summary>
internal sealed class IntercomError
{
    [JsonPropertyName("code")]
    public string? Code { get; set; }

    [JsonPropertyName("message")]
    public string? Message { get; set; }

    [JsonPropertyName("field")]
    public string? Field { get; set; }
}
