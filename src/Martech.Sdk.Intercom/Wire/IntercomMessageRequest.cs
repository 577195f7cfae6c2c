using System.Text.Json.Serialization;

namespace Martech.Sdk.Intercom;

/// <summary>The body of <c>POST /messages</c>, an admin-initiated message.</summary>
internal sealed class IntercomMessageRequest
{
    [JsonPropertyName("message_type")]
    public required string MessageType { get; set; }

    [JsonPropertyName("body")]
    public required string Body { get; set; }

    [JsonPropertyName("from")]
    public required IntercomParty From { get; set; }

    [JsonPropertyName("to")]
    public required IntercomParty To { get; set; }
}
