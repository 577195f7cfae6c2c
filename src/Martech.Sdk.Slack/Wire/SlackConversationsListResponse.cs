using System.Text.Json.Serialization;

namespace Martech.Sdk.Slack.Wire;

/// <summary>The response of <c>conversations.list</c>: one page of conversations.</summary>
internal sealed class SlackConversationsListResponse : SlackResponse
{
    [JsonPropertyName("channels")]
    public IReadOnlyList<SlackChannelWire>? Channels { get; init; }
}
