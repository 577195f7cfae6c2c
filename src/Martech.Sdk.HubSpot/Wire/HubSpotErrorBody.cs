using System.Text.Json.Serialization;

namespace Martech.Sdk.HubSpot;

/// <summary>The body of a HubSpot error response (<c>Error</c>), including the members its rate-limit answers add
/// (<c>errorType</c>, <c>policyName</c>, <c>requestId</c>).</summary>
internal sealed class HubSpotErrorBody
{
    [JsonPropertyName("status")]
    public string? Status { get; set; }

    [JsonPropertyName("category")]
    public string? Category { get; set; }

    [JsonPropertyName("correlationId")]
    public string? CorrelationId { get; set; }

    [JsonPropertyName("message")]
    public string? Message { get; set; }

    [JsonPropertyName("errors")]
    public List<HubSpotErrorDetail>? Errors { get; set; }

    [JsonPropertyName("context")]
    public Dictionary<string, List<string>>? Context { get; set; }

    [JsonPropertyName("errorType")]
    public string? ErrorType { get; set; }

    [JsonPropertyName("policyName")]
    public string? PolicyName { get; set; }

    [JsonPropertyName("requestId")]
    public string? RequestId { get; set; }
}
