using System.Text.Json;
using System.Text.Json.Serialization;

namespace Martech.Sdk.Postmark;

/// <summary>What happened to one address: <c>Status</c> is <c>Suppressed</c> (create), <c>Deleted</c> (delete) or
/// <c>Failed</c>, with Postmark's <c>Message</c> when it failed.</summary>
internal sealed class PostmarkSuppressionStatus
{
    public string? EmailAddress { get; set; }

    public string? Status { get; set; }

    public string? Message { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
