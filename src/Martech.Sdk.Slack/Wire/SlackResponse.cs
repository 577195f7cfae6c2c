using System.Text.Json.Serialization;

namespace Martech.Sdk.Slack.Wire;

/// <summary>The envelope of every Web API response: <c>{"ok":true,…}</c> or <c>{"ok":false,"error":"…"}</c>, with the
/// scope details of <c>missing_scope</c>.</summary>
internal class SlackResponse
{
    [JsonPropertyName("ok")]
    public bool Ok { get; init; }

    [JsonPropertyName("error")]
    public string? Error { get; init; }

    [JsonPropertyName("needed")]
    public string? Needed { get; init; }

    [JsonPropertyName("provided")]
    public string? Provided { get; init; }

    [JsonPropertyName("response_metadata")]
    public SlackResponseMetadata? ResponseMetadata { get; init; }
}
