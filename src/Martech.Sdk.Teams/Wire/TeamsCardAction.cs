using System.Text.Json.Serialization;

namespace Martech.Sdk.Teams.Wire;

/// <summary>An <c>Action.OpenUrl</c> card action.</summary>
internal sealed record TeamsCardAction(
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("url")] string Url)
{
    [JsonPropertyName("type")]
    [JsonPropertyOrder(-1)]
    public string Type { get; init; } = "Action.OpenUrl";
}
