using System.Text.Json.Serialization;

namespace Martech.Sdk.Teams.Wire;

/// <summary>One card attachment of a webhook message.</summary>
internal sealed class TeamsAttachment
{
    public const string AdaptiveCardContentType = "application/vnd.microsoft.card.adaptive";

    [JsonPropertyName("contentType")]
    public string ContentType { get; init; } = AdaptiveCardContentType;

    // Teams' documented envelope sends contentUrl: null explicitly.
    [JsonPropertyName("contentUrl")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? ContentUrl { get; init; }

    [JsonPropertyName("content")]
    public required TeamsAdaptiveCard Content { get; init; }
}
