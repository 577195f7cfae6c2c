using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Martech.Sdk;

/// <summary>
/// The reading steps every vendor's one-pass JSON parser needs, done once: a scalar as text, a string or an array of
/// strings, an object of scalars, skipping a value, and the content key of an event that carries no id of its own.
/// Each <c>Read…</c> method is called with the reader on a property name and leaves it on the value's last token.
/// Typed string fields come out cleaned (<see cref="WebhookText.Clean"/>).
/// </summary>
public static class WebhookJson
{
    /// <summary>The dedupe key of an event whose vendor gives no id: <c>sha256:</c> and the lower-case hex SHA-256 of the
    /// event's own bytes, the same for every redelivery of the same bytes.</summary>
    /// <param name="raw">The event's raw bytes.</param>
    /// <returns>The key.</returns>
    public static string ContentKey(ReadOnlySpan<byte> raw)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(raw, hash);
        return "sha256:" + Convert.ToHexStringLower(hash);
    }

    /// <summary>Reads the value after a property name as text: a string (cleaned), or a number or boolean as written.
    /// An object, an array or null is skipped and gives <see langword="null"/>.</summary>
    /// <param name="reader">The reader, on the property name.</param>
    /// <returns>The text, or <see langword="null"/>.</returns>
    public static string? ReadScalar(ref Utf8JsonReader reader)
    {
        reader.Read();
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return WebhookText.Clean(reader.GetString());
            case JsonTokenType.Number:
            case JsonTokenType.True:
            case JsonTokenType.False:
                return Encoding.UTF8.GetString(reader.ValueSpan);
            default:
                reader.Skip();
                return null;
        }
    }

    /// <summary>Reads the value after a property name as a list of texts: one string, or an array whose strings and
    /// numbers are kept as text (other items skipped), as vendors send tags, categories and ids. Anything else is
    /// skipped and gives <see langword="null"/>.</summary>
    /// <param name="reader">The reader, on the property name.</param>
    /// <returns>The texts, or <see langword="null"/>.</returns>
    public static List<string>? ReadStrings(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.String)
        {
            return [WebhookText.Clean(reader.GetString()!)];
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return null;
        }

        var values = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.String:
                    values.Add(WebhookText.Clean(reader.GetString()!));
                    break;
                case JsonTokenType.Number:
                    values.Add(Encoding.UTF8.GetString(reader.ValueSpan));
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return values;
    }

    /// <summary>Reads the value after a property name as an object of scalars (metadata, custom arguments): each
    /// member's value as <see cref="ReadScalar"/> gives it; members holding objects, arrays or null are left out.
    /// Anything but an object is skipped and gives <see langword="null"/>.</summary>
    /// <param name="reader">The reader, on the property name.</param>
    /// <returns>The members, or <see langword="null"/>.</returns>
    public static Dictionary<string, string>? ReadScalarObject(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }

        var members = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            string name = WebhookText.Clean(reader.GetString()!);
            if (ReadScalar(ref reader) is { } value)
            {
                members[name] = value;
            }
        }

        return members;
    }

    /// <summary>Skips the value after a property name, whatever it is.</summary>
    /// <param name="reader">The reader, on the property name.</param>
    public static void SkipValue(ref Utf8JsonReader reader)
    {
        reader.Read();
        reader.Skip();
    }
}
