using System.Text.Json.Serialization;

namespace Martech.Sdk.Slack.Wire;

/// <summary>A conversation object of <c>conversations.list</c> (the fields the SDK reads).</summary>
internal sealed class SlackChannelWire
{
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("is_private")]
    public bool IsPrivate { get; init; }

    [JsonPropertyName("is_archived")]
    public bool IsArchived { get; init; }

    [JsonPropertyName("is_im")]
    public bool IsIm { get; init; }

    [JsonPropertyName("is_mpim")]
    public bool IsMpim { get; init; }

    [JsonPropertyName("user")]
    public string? User { get; init; }
}
