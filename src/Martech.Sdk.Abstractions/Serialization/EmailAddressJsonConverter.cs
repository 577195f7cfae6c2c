using System.Text.Json;
using System.Text.Json.Serialization;

namespace Martech.Sdk;

/// <summary>Reads and writes an <see cref="EmailAddress"/> as a JSON string, validating on read.</summary>
public sealed class EmailAddressJsonConverter : JsonConverter<EmailAddress>
{
    /// <inheritdoc />
    public override EmailAddress Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        string? value = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return EmailAddress.TryParse(value, out var address, out var error)
            ? address
            : throw new JsonException($"Invalid email address: {error}");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, EmailAddress value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.Value);
    }
}
