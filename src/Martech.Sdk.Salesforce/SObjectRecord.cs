using System.Net.Http.Headers;
using System.Text.Json;

namespace Martech.Sdk.Salesforce;

/// <summary>
/// The fields of one sObject to write, in the order they were set (a later value for a field replaces the earlier one),
/// written as a JSON object with <see cref="Utf8JsonWriter"/>: the field values are strings, booleans, whole numbers,
/// raw JSON from a custom field, or null.
/// </summary>
internal sealed class SObjectRecord
{
    private readonly List<KeyValuePair<string, object?>> _fields = [];

    /// <summary>The number of fields.</summary>
    public int Count => _fields.Count;

    /// <summary>The field names, in order.</summary>
    public IEnumerable<string> Names => _fields.Select(static f => f.Key);

    /// <summary>Sets a field, replacing an earlier value of the same name (names compare ignoring case, as Salesforce's do).</summary>
    /// <param name="name">The field's API name.</param>
    /// <param name="value">A <see cref="string"/>, <see cref="bool"/>, <see cref="long"/>, <see cref="JsonElement"/> or
    /// <see langword="null"/>.</param>
    public void Set(string name, object? value)
    {
        if (value is not (null or string or bool or long or JsonElement))
        {
            throw new ArgumentException($"Field '{name}' has a value of unsupported type {value.GetType().Name}.", nameof(value));
        }

        int index = IndexOf(name);
        if (index >= 0)
        {
            _fields.RemoveAt(index);
        }

        _fields.Add(new(name, value));
    }

    /// <summary>Whether a field is set.</summary>
    /// <param name="name">The field's API name.</param>
    /// <returns><see langword="true"/> when it is.</returns>
    public bool Contains(string name) => IndexOf(name) >= 0;

    /// <summary>Removes a field.</summary>
    /// <param name="name">The field's API name.</param>
    public void Remove(string name)
    {
        int index = IndexOf(name);
        if (index >= 0)
        {
            _fields.RemoveAt(index);
        }
    }

    /// <summary>Gets a field's value as text, if it is a string.</summary>
    /// <param name="name">The field's API name.</param>
    /// <returns>The text, or <see langword="null"/>.</returns>
    public string? GetString(string name)
    {
        int index = IndexOf(name);
        return index < 0 ? null : _fields[index].Value switch
        {
            string s => s,
            JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
            _ => null,
        };
    }

    /// <summary>Writes the record as a JSON object.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="attributesType">The sObject type for an <c>attributes</c> member (sObject Collections), or
    /// <see langword="null"/> for none.</param>
    /// <param name="id">A record id written as <c>id</c> (collection updates), or <see langword="null"/>.</param>
    public void WriteTo(Utf8JsonWriter writer, string? attributesType = null, string? id = null)
    {
        writer.WriteStartObject();
        if (attributesType is not null)
        {
            writer.WriteStartObject("attributes");
            writer.WriteString("type", attributesType);
            writer.WriteEndObject();
        }

        if (id is not null)
        {
            writer.WriteString("id", id);
        }

        foreach (KeyValuePair<string, object?> field in _fields)
        {
            writer.WritePropertyName(field.Key);
            switch (field.Value)
            {
                case null:
                    writer.WriteNullValue();
                    break;
                case string s:
                    writer.WriteStringValue(s);
                    break;
                case bool b:
                    writer.WriteBooleanValue(b);
                    break;
                case long n:
                    writer.WriteNumberValue(n);
                    break;
                case JsonElement e:
                    e.WriteTo(writer);
                    break;
            }
        }

        writer.WriteEndObject();
    }

    /// <summary>The record as a request body.</summary>
    /// <returns>The content.</returns>
    public HttpContent ToContent() => CreateContent(writer => WriteTo(writer));

    /// <summary>An sObject Collections body: <c>{"allOrNone":false,"records":[…]}</c>.</summary>
    /// <param name="type">The sObject type of every record.</param>
    /// <param name="records">The records, with the id to write for each (collection updates) or <see langword="null"/>.</param>
    /// <returns>The content.</returns>
    public static HttpContent ToCollectionContent(string type, IReadOnlyList<(SObjectRecord Record, string? Id)> records) =>
        CreateContent(writer =>
        {
            writer.WriteStartObject();
            writer.WriteBoolean("allOrNone", false);
            writer.WriteStartArray("records");
            foreach (var (record, id) in records)
            {
                record.WriteTo(writer, type, id);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        });

    private static ByteArrayContent CreateContent(Action<Utf8JsonWriter> write)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        var content = new ByteArrayContent(buffer.WrittenSpan.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }

    private int IndexOf(string name)
    {
        for (int i = 0; i < _fields.Count; i++)
        {
            if (string.Equals(_fields[i].Key, name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }
}
