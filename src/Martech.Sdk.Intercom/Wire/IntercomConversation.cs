using System.Text.Json;
using System.Text.Json.Serialization;

namespace Martech.Sdk.Intercom;

/// <summary>The conversation Intercom returns after a reply; the new part is the last of <c>conversation_parts</c>.</summary>
internal sealed class IntercomConversation
{
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("conversation_parts")]
    public IntercomConversationParts? ConversationParts { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
