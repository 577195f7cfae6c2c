using System.Text.Json.Serialization;

namespace Martech.Sdk.Intercom;

/// <summary>The body of <c>POST /messages</c>, an admin-initiated message; <c>subject</c> and <c>template</c> are
/// sent (and required by Intercom) for email messages only.</summary>
internal sealed class IntercomMessageRequest
{
    [JsonPropertyName("message_type")]
    public required string MessageType { get; set; }

    [JsonPropertyName("subject")]
    public string? Subject { get; set; }

    [JsonPropertyName("body")]
    public required string Body { get; set; }

    [JsonPropertyName("template")]
    public string? Template { get; set; }

    [JsonPropertyName("from")]
    public required IntercomParty From { get; set; }

    [JsonPropertyName("to")]
    public required IntercomParty To { get; set; }
}
