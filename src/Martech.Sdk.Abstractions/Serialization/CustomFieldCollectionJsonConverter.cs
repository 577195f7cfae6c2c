using System.Text.Json;
using System.Text.Json.Serialization;

namespace Martech.Sdk;

/// <summary>Reads and writes a <see cref="CustomFieldCollection"/> as a JSON object of raw values.</summary>
public sealed class CustomFieldCollectionJsonConverter : JsonConverter<CustomFieldCollection>
{
    /// <inheritdoc />
    public override CustomFieldCollection Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"Expected a JSON object for custom fields, found {reader.TokenType}.");
        }

        var fields = new CustomFieldCollection();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            string name = reader.GetString() ?? throw new JsonException("A custom field has no name.");
            reader.Read();
            using var document = JsonDocument.ParseValue(ref reader);
            fields.SetRaw(name, document.RootElement);
        }

        return fields;
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, CustomFieldCollection value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        foreach (var (name, raw) in value)
        {
            writer.WritePropertyName(name);
            raw.WriteTo(writer);
        }

        writer.WriteEndObject();
    }
}
