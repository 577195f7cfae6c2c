using System.Text.Json.Serialization;

namespace Martech.Sdk.Intercom;

/// <summary>The body of <c>POST /conversations/{id}/reply</c> for an admin comment.</summary>
internal sealed class IntercomReplyRequest
{
    [JsonPropertyName("message_type")]
    public string MessageType { get; set; } = "comment";

    [JsonPropertyName("type")]
    public string Type { get; set; } = "admin";

    [JsonPropertyName("admin_id")]
    public required string AdminId { get; set; }

    [JsonPropertyName("body")]
    public required string Body { get; set; }
}
