using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Martech.Sdk;

/// <summary>Source-generated JSON metadata for every SendGrid wire type (trim- and AOT-safe). Use
/// <see cref="Wire"/>: it leaves HTML characters unescaped, so HTML bodies are not inflated six-fold per <c>&lt;</c>
/// (the body is JSON for an API, never embedded in a page).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(SendGridMailRequest))]
[JsonSerializable(typeof(SendGridErrorResponse))]
[JsonSerializable(typeof(List<SendGridSuppressionEntry>))]
[JsonSerializable(typeof(List<SendGridGroupSuppression>))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(SendGridGroupStatusResponse))]
[JsonSerializable(typeof(SendGridGlobalSuppression))]
[JsonSerializable(typeof(SendGridRecipientEmails))]
[JsonSerializable(typeof(SendGridDeleteEmails))]
internal sealed partial class SendGridJsonContext : JsonSerializerContext
{
    /// <summary>The context every request and response uses.</summary>
    public static SendGridJsonContext Wire { get; } = new(new JsonSerializerOptions
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
