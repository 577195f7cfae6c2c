using System.Text.Json.Serialization;

namespace Martech.Sdk.Intercom;

/// <summary>A <c>{"type","id"}</c> reference to an admin, user or lead.</summary>
internal sealed class IntercomParty
{
    [JsonPropertyName("type")]
    public required string Type { get; set; }

    [JsonPropertyName("id")]
    public required string Id { get; set; }
}
