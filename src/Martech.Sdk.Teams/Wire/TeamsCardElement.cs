using System.Text.Json.Serialization;

namespace Martech.Sdk.Teams.Wire;

/// <summary>A card body element: a <c>TextBlock</c> or a <c>FactSet</c>.</summary>
internal sealed class TeamsCardElement
{
    [JsonPropertyName("type")]
    public required string Type { get; init; }

    [JsonPropertyName("text")]
    public string? Text { get; init; }

    [JsonPropertyName("weight")]
    public string? Weight { get; init; }

    [JsonPropertyName("size")]
    public string? Size { get; init; }

    [JsonPropertyName("color")]
    public string? Color { get; init; }

    [JsonPropertyName("wrap")]
    public bool? Wrap { get; init; }

    [JsonPropertyName("facts")]
    public IReadOnlyList<TeamsFact>? Facts { get; init; }
}
