using System.Text.Json.Serialization;

namespace Martech.Sdk.Slack.Wire;

/// <summary>The JSON body of <c>chat.postMessage</c>; only parameters the Slack Web API documents for the method.</summary>
internal sealed class SlackPostMessageRequest
{
    [JsonPropertyName("channel")]
    public required string Channel { get; init; }

    [JsonPropertyName("text")]
    public required string Text { get; init; }

    [JsonPropertyName("blocks")]
    public IReadOnlyList<SlackBlock>? Blocks { get; init; }

    [JsonPropertyName("thread_ts")]
    public string? ThreadTs { get; init; }
}
