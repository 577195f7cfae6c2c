using System.Text.Json;
using System.Text.Json.Serialization;

namespace Martech.Sdk;

/// <summary>An entry of a SendGrid suppression list: bounces and blocks (<c>created, email, reason, status</c>), spam
/// reports (<c>created, email, ip</c>), invalid emails (<c>created, email, reason</c>) and global unsubscribes
/// (<c>created, email</c>). Unknown properties are kept.</summary>
internal sealed class SendGridSuppressionEntry
{
    [JsonPropertyName("created")]
    public double? Created { get; init; }

    [JsonPropertyName("email")]
    public string? Email { get; init; }

    [JsonPropertyName("reason")]
    public string? Reason { get; init; }

    [JsonPropertyName("status")]
    public string? Status { get; init; }

    [JsonPropertyName("ip")]
    public string? Ip { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
