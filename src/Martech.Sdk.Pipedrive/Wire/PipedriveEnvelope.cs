using System.Text.Json;
using System.Text.Json.Serialization;

namespace Martech.Sdk.Pipedrive;

/// <summary>Pipedrive's response envelope: <c>{"success": bool, "data": …, "additional_data": …}</c>, with
/// <c>error</c>/<c>error_info</c> when it failed. A <c>success: false</c> fails the call even on HTTP 200.</summary>
/// <typeparam name="T">The type of <c>data</c>.</typeparam>
internal sealed class PipedriveEnvelope<T>
{
    public bool? Success { get; set; }

    public T? Data { get; set; }

    public PipedriveAdditionalData? AdditionalData { get; set; }

    public string? Error { get; set; }

    public string? ErrorInfo { get; set; }

    /// <summary>v2's error code, such as <c>ERR_SCHEMA_VALIDATION_FAILED</c> [U].</summary>
    public string? Code { get; set; }

    /// <summary>v1's numeric error code (the HTTP status, usually).</summary>
    [JsonPropertyName("errorCode")]
    public JsonElement? ErrorCode { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
