using System.Text.Json.Serialization;

namespace Martech.Sdk.Slack.Wire;

/// <summary>A Block Kit text object (<c>plain_text</c> or <c>mrkdwn</c>); also a <c>context</c> block element.</summary>
internal sealed class SlackTextObject : SlackBlockElement
{
    [JsonPropertyName("text")]
    public required string Text { get; init; }

    public static SlackTextObject Plain(string text) => new() { Type = "plain_text", Text = text };

    public static SlackTextObject Mrkdwn(string text) => new() { Type = "mrkdwn", Text = text };
}
