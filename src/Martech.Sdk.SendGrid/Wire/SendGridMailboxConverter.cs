using System.Text.Json;
using System.Text.Json.Serialization;

namespace Martech.Sdk;

/// <summary>Writes a <see cref="Mailbox"/> as SendGrid's address object, <c>{"email":"…","name":"…"}</c>. Write-only.</summary>
internal sealed class SendGridMailboxConverter : JsonConverter<Mailbox>
{
    public override Mailbox Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("Mail send bodies are only written.");

    public override void Write(Utf8JsonWriter writer, Mailbox value, JsonSerializerOptions options) =>
        SendGridPersonalizationsConverter.WriteMailbox(writer, value);
}
