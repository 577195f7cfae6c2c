using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Martech.Sdk.Slack;

/// <summary>
/// Signs and checks Slack requests the way Slack does (request signing version <c>v0</c>): <c>X-Slack-Signature</c> is
/// <c>v0=</c> followed by the lowercase hex HMAC-SHA256, keyed with the app's Signing Secret, of
/// <c>v0:{X-Slack-Request-Timestamp}:{raw body}</c>. Use it to test your own endpoint: sign an Events API body, a slash
/// command form or an interactivity payload with the secret you configured and post it.
/// </summary>
/// <example>
/// <code>
/// byte[] body = """{"type":"url_verification","challenge":"abc"}"""u8.ToArray();
/// var headers = SlackWebhookSigner.CreateHeaders(signingSecret, DateTimeOffset.UtcNow, body);
/// </code>
/// </example>
public static class SlackWebhookSigner
{
    /// <summary>The signature header.</summary>
    public const string SignatureHeader = "X-Slack-Signature";

    /// <summary>The timestamp header (Unix seconds), part of the signed text.</summary>
    public const string TimestampHeader = "X-Slack-Request-Timestamp";

    /// <summary>The header Slack adds to an Events API redelivery: the attempt number (1 for the first retry). A retry
    /// carries the same <c>event_id</c>, which is the event's <see cref="MartechEvent.Id"/>.</summary>
    public const string RetryNumHeader = "X-Slack-Retry-Num";

    /// <summary>The header Slack adds to an Events API redelivery: why the previous attempt failed, such as
    /// <c>http_timeout</c>.</summary>
    public const string RetryReasonHeader = "X-Slack-Retry-Reason";

    /// <summary>The signing version this signer writes and the receiver accepts.</summary>
    public const string Version = "v0";

    /// <summary>Signs a request.</summary>
    /// <param name="signingSecret">The app's Signing Secret.</param>
    /// <param name="timestamp">The <see cref="TimestampHeader"/> value's exact text.</param>
    /// <param name="body">The exact body bytes.</param>
    /// <returns>The <see cref="SignatureHeader"/> value, <c>v0=</c> and 64 lowercase hex digits.</returns>
    public static string Sign(string signingSecret, string timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(signingSecret);
        ArgumentException.ThrowIfNullOrWhiteSpace(timestamp);
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        Compute(signingSecret, timestamp, body, mac);
        return Version + "=" + Convert.ToHexStringLower(mac);
    }

    /// <summary>Builds the two headers of a signed request.</summary>
    /// <param name="signingSecret">The app's Signing Secret.</param>
    /// <param name="timestamp">When it was sent.</param>
    /// <param name="body">The exact body bytes.</param>
    /// <returns>The headers.</returns>
    public static IReadOnlyList<KeyValuePair<string, string>> CreateHeaders(string signingSecret, DateTimeOffset timestamp, ReadOnlySpan<byte> body)
    {
        string text = timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return [new(SignatureHeader, Sign(signingSecret, text, body)), new(TimestampHeader, text)];
    }

    /// <summary>Checks a signature in constant time, as the receiver does (without the timestamp tolerance).</summary>
    /// <param name="signingSecret">The app's Signing Secret.</param>
    /// <param name="signature">The <see cref="SignatureHeader"/> value.</param>
    /// <param name="timestamp">The <see cref="TimestampHeader"/> value.</param>
    /// <param name="body">The exact body bytes.</param>
    /// <returns>Whether the signature is a valid <c>v0</c> signature of the timestamp and body; <see langword="false"/>
    /// for another version or a value that is not hex.</returns>
    public static bool Verify(string signingSecret, string signature, string timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(signingSecret);
        ArgumentNullException.ThrowIfNull(signature);
        ArgumentNullException.ThrowIfNull(timestamp);
        ReadOnlySpan<char> value = signature.AsSpan().Trim();
        if (!value.StartsWith(Version + "=", StringComparison.Ordinal))
        {
            return false;
        }

        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        Compute(signingSecret, timestamp, body, mac);
        return WebhookSignatures.FixedTimeEqualsHex(mac, value[(Version.Length + 1)..]);
    }

    private static void Compute(string signingSecret, string timestamp, ReadOnlySpan<byte> body, Span<byte> destination)
    {
        byte[] key = Encoding.UTF8.GetBytes(signingSecret);
        try
        {
            using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
            hmac.AppendData("v0:"u8);
            hmac.AppendData(Encoding.UTF8.GetBytes(timestamp));
            hmac.AppendData(":"u8);
            hmac.AppendData(body);
            hmac.GetHashAndReset(destination);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }
}
