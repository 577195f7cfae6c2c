using System.Text.Json;
using System.Text.Json.Serialization;

namespace Martech.Sdk;

/// <summary>Reads and writes a <see cref="MessageDestination"/> as <c>{"kind":"channel","id":"C1","threadId":"…"}</c>,
/// validating on read as the factory methods do.</summary>
public sealed class MessageDestinationJsonConverter : JsonConverter<MessageDestination>
{
    /// <inheritdoc />
    public override MessageDestination? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A message destination is a JSON object.");
        }

        string? kind = null, id = null, threadId = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                throw new JsonException("A message destination is a JSON object of strings.");
            }

            string name = reader.GetString()!;
            reader.Read();
            string? value = reader.TokenType switch
            {
                JsonTokenType.String => reader.GetString(),
                JsonTokenType.Null => null,
                _ => throw new JsonException($"The message destination's '{name}' must be a string."),
            };
            switch (name)
            {
                case "kind": kind = value; break;
                case "id": id = value; break;
                case "threadId": threadId = value; break;
                default: break;
            }
        }

        if (id is null || !Enum.TryParse(kind, ignoreCase: true, out MessageDestinationKind parsed) || !Enum.IsDefined(parsed))
        {
            throw new JsonException($"A message destination needs an 'id' and a 'kind' of {string.Join(", ", Enum.GetNames<MessageDestinationKind>())} (was '{kind}').");
        }

        try
        {
            return parsed switch
            {
                MessageDestinationKind.Channel => MessageDestination.Channel(id, threadId),
                MessageDestinationKind.User => MessageDestination.User(id),
                MessageDestinationKind.Conversation => MessageDestination.Conversation(id),
                _ => MessageDestination.Phone(PhoneNumber.Parse(id)),
            };
        }
        catch (ArgumentException ex)
        {
            throw new JsonException($"Invalid message destination: {ex.Message}", ex);
        }
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, MessageDestination value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        writer.WriteString("kind", value.Kind.ToString());
        writer.WriteString("id", value.Id);
        if (value.ThreadId is not null)
        {
            writer.WriteString("threadId", value.ThreadId);
        }

        writer.WriteEndObject();
    }
}
