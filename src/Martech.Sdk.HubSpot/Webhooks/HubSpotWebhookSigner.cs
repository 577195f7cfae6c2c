using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Martech.Sdk.HubSpot;

/// <summary>
/// Signs HubSpot webhook requests the way HubSpot does, so you can test your own endpoint. Version 3 (what HubSpot
/// sends today): <c>X-HubSpot-Signature-v3</c> = Base64 HMAC-SHA256, keyed with the app's client secret, of
/// <c>method + uri + body + timestamp</c>, where the timestamp is <c>X-HubSpot-Request-Timestamp</c> in Unix milliseconds
/// and the URI is the full URL HubSpot called with <c>%3A %2F %3F %40 %21 %24 %27 %28 %29 %2A %2C %3B</c> decoded (the
/// <c>?</c> that starts the query is a literal <c>?</c> and stays). Legacy versions, in <c>X-HubSpot-Signature</c> with
/// <c>X-HubSpot-Signature-Version</c>: v1 = hex SHA-256 of <c>secret + body</c>, v2 = hex SHA-256 of
/// <c>secret + method + uri + body</c>.
/// </summary>
/// <example>
/// <code>
/// byte[] body = Encoding.UTF8.GetBytes("""[{"eventId":1,"subscriptionType":"contact.creation","objectId":123}]""");
/// var headers = HubSpotWebhookSigner.CreateHeaders(clientSecret, "POST", "https://example.com/webhooks/hubspot", body, DateTimeOffset.UtcNow);
/// </code>
/// </example>
public static class HubSpotWebhookSigner
{
    /// <summary>The version 3 signature header.</summary>
    public const string SignatureV3Header = "X-HubSpot-Signature-v3";

    /// <summary>The timestamp header of version 3 signatures (Unix milliseconds).</summary>
    public const string TimestampHeader = "X-HubSpot-Request-Timestamp";

    /// <summary>The legacy (v1, v2) signature header.</summary>
    public const string SignatureHeader = "X-HubSpot-Signature";

    /// <summary>The header naming the legacy signature's version, <c>v1</c> or <c>v2</c>.</summary>
    public const string SignatureVersionHeader = "X-HubSpot-Signature-Version";

    // HubSpot decodes these in the URI before signing; every other escape stays as sent.
    private static readonly (string Escape, char Character)[] DecodedEscapes =
    [
        ("%3A", ':'), ("%2F", '/'), ("%3F", '?'), ("%40", '@'), ("%21", '!'), ("%24", '$'),
        ("%27", '\''), ("%28", '('), ("%29", ')'), ("%2A", '*'), ("%2C", ','), ("%3B", ';'),
    ];

    /// <summary>Computes a version 3 signature.</summary>
    /// <param name="clientSecret">The app's client secret.</param>
    /// <param name="method">The HTTP method, such as <c>POST</c>.</param>
    /// <param name="uri">The full URL HubSpot calls, query included, as HubSpot writes it; the escapes HubSpot decodes
    /// are decoded here.</param>
    /// <param name="body">The exact body bytes.</param>
    /// <param name="timestamp">The <c>X-HubSpot-Request-Timestamp</c> header's exact text (Unix milliseconds).</param>
    /// <returns>The <c>X-HubSpot-Signature-v3</c> value.</returns>
    public static string SignV3(string clientSecret, string method, string uri, ReadOnlySpan<byte> body, string timestamp)
    {
        ArgumentException.ThrowIfNullOrEmpty(clientSecret);
        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        ArgumentNullException.ThrowIfNull(uri);
        ArgumentException.ThrowIfNullOrWhiteSpace(timestamp);
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        ComputeV3(clientSecret, method, CanonicalUri(uri), body, timestamp, mac);
        return Convert.ToBase64String(mac);
    }

    /// <summary>Computes a legacy version 1 signature: hex SHA-256 of the secret followed by the body.</summary>
    /// <param name="clientSecret">The app's client secret.</param>
    /// <param name="body">The exact body bytes.</param>
    /// <returns>The <c>X-HubSpot-Signature</c> value, lowercase hex.</returns>
    public static string SignV1(string clientSecret, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(clientSecret);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        ComputeLegacy(clientSecret, null, null, body, hash);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>Computes a legacy version 2 signature: hex SHA-256 of the secret, method, URI and body.</summary>
    /// <param name="clientSecret">The app's client secret.</param>
    /// <param name="method">The HTTP method.</param>
    /// <param name="uri">The full URL HubSpot calls, exactly as it calls it (v2 decodes nothing).</param>
    /// <param name="body">The exact body bytes.</param>
    /// <returns>The <c>X-HubSpot-Signature</c> value, lowercase hex.</returns>
    public static string SignV2(string clientSecret, string method, string uri, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(clientSecret);
        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        ArgumentNullException.ThrowIfNull(uri);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        ComputeLegacy(clientSecret, method, uri, body, hash);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>Builds the two headers of a version 3 signed request.</summary>
    /// <param name="clientSecret">The app's client secret.</param>
    /// <param name="method">The HTTP method.</param>
    /// <param name="uri">The full URL HubSpot calls.</param>
    /// <param name="body">The exact body bytes.</param>
    /// <param name="timestamp">When it is sent.</param>
    /// <returns><c>X-HubSpot-Signature-v3</c> and <c>X-HubSpot-Request-Timestamp</c>.</returns>
    public static IReadOnlyList<KeyValuePair<string, string>> CreateHeaders(string clientSecret, string method, string uri, ReadOnlySpan<byte> body, DateTimeOffset timestamp)
    {
        string text = timestamp.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        return [new(SignatureV3Header, SignV3(clientSecret, method, uri, body, text)), new(TimestampHeader, text)];
    }

    /// <summary>Decodes, in a URI, the escapes HubSpot decodes before signing (either case of hex digit), and nothing
    /// else.</summary>
    internal static string CanonicalUri(string uri)
    {
        if (!uri.Contains('%', StringComparison.Ordinal))
        {
            return uri;
        }

        var text = new StringBuilder(uri.Length);
        for (int i = 0; i < uri.Length; i++)
        {
            if (uri[i] == '%' && i + 2 < uri.Length && Decoded(uri.AsSpan(i, 3)) is char c)
            {
                text.Append(c);
                i += 2;
            }
            else
            {
                text.Append(uri[i]);
            }
        }

        return text.ToString();
    }

    internal static void ComputeV3(string clientSecret, string method, string canonicalUri, ReadOnlySpan<byte> body, string timestamp, Span<byte> destination)
    {
        byte[] key = Encoding.UTF8.GetBytes(clientSecret);
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        CryptographicOperations.ZeroMemory(key);
        hmac.AppendData(Encoding.UTF8.GetBytes(method));
        hmac.AppendData(Encoding.UTF8.GetBytes(canonicalUri));
        hmac.AppendData(body);
        hmac.AppendData(Encoding.UTF8.GetBytes(timestamp));
        hmac.GetHashAndReset(destination);
    }

    /// <summary>v1 when <paramref name="method"/> is null, else v2.</summary>
    internal static void ComputeLegacy(string clientSecret, string? method, string? uri, ReadOnlySpan<byte> body, Span<byte> destination)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        byte[] secret = Encoding.UTF8.GetBytes(clientSecret);
        sha.AppendData(secret);
        CryptographicOperations.ZeroMemory(secret);
        if (method is not null)
        {
            sha.AppendData(Encoding.UTF8.GetBytes(method));
            sha.AppendData(Encoding.UTF8.GetBytes(uri ?? string.Empty));
        }

        sha.AppendData(body);
        sha.GetHashAndReset(destination);
    }

    private static char? Decoded(ReadOnlySpan<char> escape)
    {
        foreach (var (candidate, character) in DecodedEscapes)
        {
            if (escape.Equals(candidate, StringComparison.OrdinalIgnoreCase))
            {
                return character;
            }
        }

        return null;
    }
}
