using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Martech.Sdk.Postmark;

/// <summary>Source-generated JSON metadata for Postmark's wire format (PascalCase, as declared).</summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    ReadCommentHandling = JsonCommentHandling.Skip)]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(PostmarkEmailRequest))]
[JsonSerializable(typeof(List<PostmarkEmailRequest>))]
[JsonSerializable(typeof(PostmarkTemplateBatchRequest))]
[JsonSerializable(typeof(PostmarkSendResponse))]
[JsonSerializable(typeof(List<PostmarkSendResponse>))]
[JsonSerializable(typeof(PostmarkErrorBody))]
[JsonSerializable(typeof(PostmarkSuppressionDump))]
[JsonSerializable(typeof(PostmarkSuppressionChange))]
[JsonSerializable(typeof(PostmarkSuppressionChangeResult))]
internal sealed partial class PostmarkJsonContext : JsonSerializerContext
{
    /// <summary>The context the provider uses. Bodies are JSON for an API, never embedded in HTML, so only what JSON
    /// requires is escaped: HTML bodies stay close to their size, which the batch size limit counts.</summary>
    public static PostmarkJsonContext Wire { get; } = new(new JsonSerializerOptions
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        ReadCommentHandling = JsonCommentHandling.Skip,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
