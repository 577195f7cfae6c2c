using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Martech.Sdk;

/// <summary>Source-generated JSON metadata for Mailgun's bodies: no reflection, trim- and AOT-safe.</summary>
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(MailgunSendResponse))]
[JsonSerializable(typeof(MailgunMessageResponse))]
[JsonSerializable(typeof(MailgunSuppressionRecord))]
[JsonSerializable(typeof(MailgunSuppressionPage))]
[JsonSerializable(typeof(List<MailgunBounceInput>))]
[JsonSerializable(typeof(List<MailgunUnsubscribeInput>))]
[JsonSerializable(typeof(List<MailgunComplaintInput>))]
internal sealed partial class MailgunJsonContext : JsonSerializerContext
{
    /// <summary>The context the provider uses: tolerant reading, and request bodies written without escaping
    /// characters such as <c>+</c> in dates (these bodies go to an API, never into HTML).</summary>
    public static MailgunJsonContext Wire { get; } = new(new JsonSerializerOptions
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    });
}
