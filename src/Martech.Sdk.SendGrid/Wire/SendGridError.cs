using System.Text.Json;
using System.Text.Json.Serialization;

namespace Martech.Sdk;

/// <summary>One error of SendGrid's error body. <c>field</c> is null, a path such as <c>personalizations.3.to</c>, or
/// (in SendGrid's own examples) the string <c>"null"</c>; <c>help</c> is an object or a link.</summary>
internal sealed class SendGridError
{
    [JsonPropertyName("message")]
    public string? Message { get; init; }

    [JsonPropertyName("field")]
    public JsonElement Field { get; init; }

    [JsonPropertyName("help")]
    public JsonElement Help { get; init; }

    [JsonPropertyName("error_id")]
    public string? ErrorId { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <summary>The field, or <see langword="null"/> when SendGrid gave none (a JSON null or the string "null").</summary>
    [JsonIgnore]
    public string? FieldName => Field.ValueKind == JsonValueKind.String && Field.GetString() is { Length: > 0 } name && name != "null" ? name : null;

    /// <summary>The help text or link, when it is a string.</summary>
    [JsonIgnore]
    public string? HelpText => Help.ValueKind == JsonValueKind.String ? Help.GetString() : null;
}
