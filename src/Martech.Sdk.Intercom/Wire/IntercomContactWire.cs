using System.Text.Json;
using System.Text.Json.Serialization;

namespace Martech.Sdk.Intercom;

/// <summary>An Intercom contact as listed; unread fields kept in <see cref="Extra"/>.</summary>
internal sealed class IntercomContactWire
{
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("email")]
    public string? Email { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
