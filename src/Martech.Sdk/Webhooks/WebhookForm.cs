using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Martech.Sdk;

/// <summary>Reads <c>application/x-www-form-urlencoded</c> webhook bodies (Twilio, Slack commands) into their fields, in
/// order, and writes fields as a JSON object for <see cref="MartechEvent.RawUtf8"/>.</summary>
public static class WebhookForm
{
    /// <summary>Reads a form body: fields in order, keys and values percent- and <c>+</c>-decoded, a field without
    /// <c>=</c> as an empty value, repeated keys kept.</summary>
    /// <param name="body">The body, UTF-8.</param>
    /// <returns>The fields.</returns>
    /// <exception cref="FormatException">The body is not valid UTF-8 after decoding.</exception>
    public static IReadOnlyList<KeyValuePair<string, string>> Parse(ReadOnlySpan<byte> body)
    {
        var fields = new List<KeyValuePair<string, string>>();
        while (!body.IsEmpty)
        {
            int amp = body.IndexOf((byte)'&');
            ReadOnlySpan<byte> pair = amp < 0 ? body : body[..amp];
            body = amp < 0 ? [] : body[(amp + 1)..];
            if (pair.IsEmpty)
            {
                continue;
            }

            int eq = pair.IndexOf((byte)'=');
            string key = Decode(eq < 0 ? pair : pair[..eq]);
            string value = eq < 0 ? string.Empty : Decode(pair[(eq + 1)..]);
            fields.Add(new(key, value));
        }

        return fields;
    }

    /// <summary>Reads a URL's query the same way as <see cref="Parse"/>.</summary>
    /// <param name="query">The query, with or without its leading <c>?</c>.</param>
    /// <returns>The fields.</returns>
    /// <exception cref="FormatException">The query is not valid UTF-8 after decoding.</exception>
    public static IReadOnlyList<KeyValuePair<string, string>> ParseQuery(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return Parse(Encoding.UTF8.GetBytes(query.StartsWith('?') ? query[1..] : query));
    }

    /// <summary>Writes fields as a JSON object of strings; a key that repeats becomes an array of its values.</summary>
    /// <param name="fields">The fields.</param>
    /// <returns>UTF-8 JSON.</returns>
    public static byte[] ToJson(IReadOnlyList<KeyValuePair<string, string>> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var grouped = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var (key, value) in fields)
        {
            if (!grouped.TryGetValue(key, out var values))
            {
                grouped[key] = values = [];
                order.Add(key);
            }

            values.Add(value);
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (string key in order)
            {
                List<string> values = grouped[key];
                if (values.Count == 1)
                {
                    writer.WriteString(key, values[0]);
                    continue;
                }

                writer.WriteStartArray(key);
                foreach (string value in values)
                {
                    writer.WriteStringValue(value);
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    private static string Decode(ReadOnlySpan<byte> encoded)
    {
        if (encoded.IndexOfAny((byte)'%', (byte)'+') < 0)
        {
            return Utf8(encoded);
        }

        byte[] rented = ArrayPool<byte>.Shared.Rent(encoded.Length);
        try
        {
            int length = 0;
            for (int i = 0; i < encoded.Length; i++)
            {
                byte b = encoded[i];
                if (b == (byte)'+')
                {
                    rented[length++] = (byte)' ';
                }
                else if (b == (byte)'%' && i + 2 < encoded.Length && IsHex(encoded[i + 1]) && IsHex(encoded[i + 2]))
                {
                    rented[length++] = (byte)((HexValue(encoded[i + 1]) << 4) | HexValue(encoded[i + 2]));
                    i += 2;
                }
                else
                {
                    // A '%' not followed by two hex digits stays as written, as browsers and Twilio's validators do.
                    rented[length++] = b;
                }
            }

            return Utf8(rented.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static string Utf8(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            throw new FormatException("The form holds bytes that are not UTF-8.", ex);
        }
    }

    private static bool IsHex(byte b) => char.IsAsciiHexDigit((char)b);

    private static int HexValue(byte b) => b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10;
}
