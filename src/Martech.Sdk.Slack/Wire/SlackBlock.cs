using System.Text.Json.Serialization;

namespace Martech.Sdk.Slack.Wire;

/// <summary>A layout block: <c>header</c>, <c>section</c> (text or fields), <c>context</c> or <c>actions</c>.</summary>
internal sealed class SlackBlock
{
    [JsonPropertyName("type")]
    public required string Type { get; init; }

    [JsonPropertyName("text")]
    public SlackTextObject? Text { get; init; }

    [JsonPropertyName("fields")]
    public IReadOnlyList<SlackTextObject>? Fields { get; init; }

    [JsonPropertyName("elements")]
    public IReadOnlyList<SlackBlockElement>? Elements { get; init; }
}
