using System.Text.Json.Serialization;

namespace Martech.Sdk.Intercom;

/// <summary>The <c>conversation_parts</c> list of a conversation.</summary>
internal sealed class IntercomConversationParts
{
    [JsonPropertyName("conversation_parts")]
    public List<IntercomIdentified>? Parts { get; set; }
}
