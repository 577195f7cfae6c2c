using System.Text.Json;
using System.Text.Json.Serialization;

namespace Martech.Sdk.Twilio;

/// <summary>Twilio's message resource (<c>api.v2010.account.message</c>), the 201 answer to a send; fields the SDK
/// does not read are kept in <see cref="Extra"/>.</summary>
internal sealed class TwilioMessageResource
{
    [JsonPropertyName("sid")]
    public string? Sid { get; set; }

    [JsonPropertyName("status")]
    public string? Status { get; set; }

    [JsonPropertyName("to")]
    public string? To { get; set; }

    [JsonPropertyName("from")]
    public string? From { get; set; }

    [JsonPropertyName("messaging_service_sid")]
    public string? MessagingServiceSid { get; set; }

    [JsonPropertyName("body")]
    public string? Body { get; set; }

    // A string in Twilio's spec ("1").
    [JsonPropertyName("num_segments")]
    public string? NumSegments { get; set; }

    [JsonPropertyName("error_code")]
    public int? ErrorCode { get; set; }

    [JsonPropertyName("error_message")]
    public string? ErrorMessage { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
