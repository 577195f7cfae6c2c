using System.Text.Json.Serialization;

namespace Martech.Sdk.Teams.Wire;

/// <summary>The body posted to a Workflows webhook: a message with Adaptive Card attachments.</summary>
internal sealed class TeamsWebhookPayload
{
    [JsonPropertyName("type")]
    public string Type { get; init; } = "message";

    [JsonPropertyName("attachments")]
    public required IReadOnlyList<TeamsAttachment> Attachments { get; init; }
}
