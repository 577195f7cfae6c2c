using System.Text.Json;
using System.Text.Json.Serialization;

namespace Martech.Sdk;

/// <summary>Writes a message's bodies as SendGrid's <c>content</c> array: <c>text/plain</c> first (SendGrid requires
/// it), then <c>text/html</c>; empty bodies left out (SendGrid's values have a minimum length of 1). Write-only.</summary>
internal sealed class SendGridContentConverter : JsonConverter<EmailMessage>
{
    public override EmailMessage Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("Mail send bodies are only written.");

    public override void Write(Utf8JsonWriter writer, EmailMessage value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        Write(writer, "text/plain", value.TextBody);
        Write(writer, "text/html", value.HtmlBody);
        writer.WriteEndArray();
    }

    /// <summary>Whether the message has a body to write; a request without one leaves <c>content</c> out.</summary>
    public static bool HasContent(EmailMessage message) => !string.IsNullOrEmpty(message.TextBody) || !string.IsNullOrEmpty(message.HtmlBody);

    private static void Write(Utf8JsonWriter writer, string type, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        writer.WriteStartObject();
        writer.WriteString("type", type);
        writer.WriteString("value", value);
        writer.WriteEndObject();
    }
}
