using System.Text.Json.Serialization;

namespace Martech.Sdk.Teams.Wire;

/// <summary>An Adaptive Card.</summary>
internal sealed class TeamsAdaptiveCard
{
    public const string SchemaUrl = "http://adaptivecards.io/schemas/adaptive-card.json";
    public const string CardVersion = "1.4";

    [JsonPropertyName("$schema")]
    public string Schema { get; init; } = SchemaUrl;

    [JsonPropertyName("type")]
    public string Type { get; init; } = "AdaptiveCard";

    [JsonPropertyName("version")]
    public string Version { get; init; } = CardVersion;

    [JsonPropertyName("fallbackText")]
    public string? FallbackText { get; init; }

    [JsonPropertyName("body")]
    public required IReadOnlyList<TeamsCardElement> Body { get; init; }

    [JsonPropertyName("actions")]
    public IReadOnlyList<TeamsCardAction>? Actions { get; init; }
}
