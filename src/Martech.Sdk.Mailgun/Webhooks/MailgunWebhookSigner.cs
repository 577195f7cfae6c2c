using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Martech.Sdk;

/// <summary>
/// Signs and checks Mailgun webhooks the way Mailgun does: the body is <c>{"signature": {"timestamp", "token",
/// "signature"}, "event-data": {…}}</c>, where <c>signature</c> is the lowercase hex HMAC-SHA256 of the timestamp's text
/// followed by the token, keyed with the HTTP webhook signing key. The event data is not signed. Use it to test your
/// own endpoint: configure a key, build bodies with <see cref="CreateBody"/>.
/// </summary>
/// <example>
/// <code>
/// // Martech:Mailgun:Webhooks:SigningKey = "key-test"
/// byte[] body = MailgunWebhookSigner.CreateBody("key-test", DateTimeOffset.UtcNow, """{"event":"delivered","id":"e1","timestamp":1700000000.5,"recipient":"ada@example.com"}"""u8);
/// </code>
/// </example>
public static class MailgunWebhookSigner
{
    /// <summary>The body's property holding the signature object.</summary>
    public const string SignatureProperty = "signature";

    /// <summary>The body's property holding the event.</summary>
    public const string EventDataProperty = "event-data";

    /// <summary>The length of the tokens Mailgun sends and <see cref="CreateToken"/> makes.</summary>
    public const int TokenLength = 50;

    private const string TokenCharacters = "abcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>Computes the signature of a timestamp and a token.</summary>
    /// <param name="signingKey">The HTTP webhook signing key.</param>
    /// <param name="timestamp">The timestamp's exact text (Unix seconds).</param>
    /// <param name="token">The token.</param>
    /// <returns>The lowercase hex HMAC-SHA256.</returns>
    public static string Sign(string signingKey, string timestamp, string token)
    {
        ArgumentException.ThrowIfNullOrEmpty(signingKey);
        ArgumentNullException.ThrowIfNull(timestamp);
        ArgumentNullException.ThrowIfNull(token);
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        Compute(signingKey, timestamp, token, mac);
        return Convert.ToHexStringLower(mac);
    }

    /// <summary>Checks a signature as the receiver does (without the freshness window or the token cache), in constant
    /// time.</summary>
    /// <param name="signingKey">The HTTP webhook signing key.</param>
    /// <param name="timestamp">The <c>signature.timestamp</c> text.</param>
    /// <param name="token">The <c>signature.token</c>.</param>
    /// <param name="signature">The <c>signature.signature</c> hex.</param>
    /// <returns>Whether it matches; <see langword="false"/> for a signature that is not hex of the right length.</returns>
    public static bool Verify(string signingKey, string timestamp, string token, string signature)
    {
        ArgumentException.ThrowIfNullOrEmpty(signingKey);
        ArgumentNullException.ThrowIfNull(timestamp);
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(signature);
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        Compute(signingKey, timestamp, token, mac);
        return WebhookSignatures.FixedTimeEqualsHex(mac, signature);
    }

    /// <summary>Makes a random token like Mailgun's: 50 lowercase letters and digits.</summary>
    /// <returns>The token.</returns>
    public static string CreateToken() => RandomNumberGenerator.GetString(TokenCharacters, TokenLength);

    /// <summary>Builds a signed webhook body around an event.</summary>
    /// <param name="signingKey">The HTTP webhook signing key.</param>
    /// <param name="timestamp">When it is signed.</param>
    /// <param name="eventData">The event object, UTF-8 JSON (such as a recorded <c>event-data</c>).</param>
    /// <param name="token">The token; a new random one when <see langword="null"/>.</param>
    /// <returns>The body: <c>{"signature":{…},"event-data":…}</c>.</returns>
    /// <exception cref="JsonException"><paramref name="eventData"/> is not a JSON value.</exception>
    public static byte[] CreateBody(string signingKey, DateTimeOffset timestamp, ReadOnlySpan<byte> eventData, string? token = null)
    {
        string text = timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        token ??= CreateToken();
        string signature = Sign(signingKey, text, token);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(eventData.Length + 200);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject(SignatureProperty);
            json.WriteString("timestamp", text);
            json.WriteString("token", token);
            json.WriteString("signature", signature);
            json.WriteEndObject();
            json.WritePropertyName(EventDataProperty);
            json.WriteRawValue(eventData);
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Builds a signed request as Mailgun posts it, for tests of your own endpoint or receiver.</summary>
    /// <param name="url">The endpoint URL.</param>
    /// <param name="signingKey">The HTTP webhook signing key.</param>
    /// <param name="timestamp">When it is signed.</param>
    /// <param name="eventData">The event object, UTF-8 JSON.</param>
    /// <param name="token">The token; a new random one when <see langword="null"/>.</param>
    /// <returns>A <c>POST</c> with a JSON body.</returns>
    public static WebhookRequest CreateRequest(Uri url, string signingKey, DateTimeOffset timestamp, ReadOnlySpan<byte> eventData, string? token = null) =>
        new("POST", url, [new("Content-Type", "application/json")], CreateBody(signingKey, timestamp, eventData, token));

    internal static void Compute(string signingKey, string timestamp, string token, Span<byte> destination)
    {
        byte[] key = Encoding.UTF8.GetBytes(signingKey);
        byte[] data = Encoding.UTF8.GetBytes(string.Concat(timestamp, token));
        try
        {
            HMACSHA256.HashData(key, data, destination);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }
}
