using System.Text.Json.Serialization;

namespace Martech.Sdk.Intercom;

/// <summary>A single-field search filter.</summary>
internal sealed class IntercomSearchQuery
{
    [JsonPropertyName("field")]
    public required string Field { get; set; }

    [JsonPropertyName("operator")]
    public required string Operator { get; set; }

    [JsonPropertyName("value")]
    public required string Value { get; set; }
}
