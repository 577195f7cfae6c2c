using System.Text.Json.Serialization;

namespace Martech.Sdk.Slack.Wire;

/// <summary>A link button of an <c>actions</c> block.</summary>
internal sealed class SlackButton : SlackBlockElement
{
    [JsonPropertyName("text")]
    public required SlackTextObject Text { get; init; }

    [JsonPropertyName("url")]
    public required string Url { get; init; }
}
