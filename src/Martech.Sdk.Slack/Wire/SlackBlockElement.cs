using System.Text.Json.Serialization;

namespace Martech.Sdk.Slack.Wire;

/// <summary>An element of a <c>context</c> block (a text object) or of an <c>actions</c> block (a button); serialized as
/// its own type, whose <c>type</c> property says which it is.</summary>
[JsonDerivedType(typeof(SlackTextObject))]
[JsonDerivedType(typeof(SlackButton))]
internal abstract class SlackBlockElement
{
    [JsonPropertyName("type")]
    [JsonPropertyOrder(-1)]
    public required string Type { get; init; }
}
