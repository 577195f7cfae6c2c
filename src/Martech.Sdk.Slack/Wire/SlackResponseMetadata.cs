using System.Text.Json.Serialization;

namespace Martech.Sdk.Slack.Wire;

/// <summary>The <c>response_metadata</c> of a response: the next page's cursor and any validation messages
/// (<c>invalid_blocks</c> explains itself there).</summary>
internal sealed class SlackResponseMetadata
{
    [JsonPropertyName("next_cursor")]
    public string? NextCursor { get; init; }

    [JsonPropertyName("messages")]
    public IReadOnlyList<string>? Messages { get; init; }
}
