using System.Text.Json.Serialization;

namespace Martech.Sdk.Slack.Wire;

/// <summary>The response of <c>chat.postMessage</c>: the conversation posted to and the message's <c>ts</c>.</summary>
internal sealed class SlackPostMessageResponse : SlackResponse
{
    [JsonPropertyName("channel")]
    public string? Channel { get; init; }

    [JsonPropertyName("ts")]
    public string? Ts { get; init; }
}
