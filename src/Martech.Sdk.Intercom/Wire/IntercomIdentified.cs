using System.Text.Json;
using System.Text.Json.Serialization;

namespace Martech.Sdk.Intercom;

/// <summary>An Intercom object read for its id (a conversation part, or the message <c>POST /messages</c> returns).</summary>
internal sealed class IntercomIdentified
{
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("conversation_id")]
    public string? ConversationId { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
