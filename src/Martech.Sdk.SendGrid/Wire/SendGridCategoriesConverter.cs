using System.Text.Json;
using System.Text.Json.Serialization;

namespace Martech.Sdk;

/// <summary>Writes a message's tags as SendGrid's <c>categories</c>: each distinct tag once, in order (the schema sets
/// <c>uniqueItems</c>). Write-only.</summary>
internal sealed class SendGridCategoriesConverter : JsonConverter<IList<string>>
{
    public override IList<string> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("Mail send bodies are only written.");

    public override void Write(Utf8JsonWriter writer, IList<string> value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        for (int i = 0; i < value.Count; i++)
        {
            if (SendGridMessageValidation.IndexOf(value, value[i], i) < 0)
            {
                writer.WriteStringValue(value[i]);
            }
        }

        writer.WriteEndArray();
    }
}
