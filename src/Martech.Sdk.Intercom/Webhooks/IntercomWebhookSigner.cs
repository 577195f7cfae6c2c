using System.Security.Cryptography;
using System.Text;

namespace Martech.Sdk.Intercom;

/// <summary>
/// Signs and checks Intercom webhook notifications the way Intercom does: <c>X-Hub-Signature</c> is <c>sha1=</c>
/// followed by the lowercase hex HMAC-SHA1 of the raw body, keyed with the app's client secret. Use it to test your own
/// endpoint.
/// </summary>
/// <example>
/// <code>
/// byte[] body = Encoding.UTF8.GetBytes("""{"type":"notification_event","topic":"ping"}""");
/// var headers = IntercomWebhookSigner.CreateHeaders(clientSecret, body);
/// </code>
/// </example>
public static class IntercomWebhookSigner
{
    /// <summary>The signature header.</summary>
    public const string SignatureHeader = "X-Hub-Signature";

    /// <summary>The prefix of the signature header's value.</summary>
    public const string SignaturePrefix = "sha1=";

    /// <summary>Signs a body.</summary>
    /// <param name="clientSecret">The app's client secret.</param>
    /// <param name="body">The exact body bytes.</param>
    /// <returns>The header value, <c>sha1=</c> and 40 lowercase hex digits.</returns>
    /// <exception cref="ArgumentException"><paramref name="clientSecret"/> is empty.</exception>
    public static string Sign(string clientSecret, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(clientSecret);
        return SignaturePrefix + Convert.ToHexStringLower(Compute(clientSecret, body));
    }

    /// <summary>Builds the signature header of a notification.</summary>
    /// <param name="clientSecret">The app's client secret.</param>
    /// <param name="body">The exact body bytes.</param>
    /// <returns>The header.</returns>
    /// <exception cref="ArgumentException"><paramref name="clientSecret"/> is empty.</exception>
    public static IReadOnlyList<KeyValuePair<string, string>> CreateHeaders(string clientSecret, ReadOnlySpan<byte> body) =>
        [new(SignatureHeader, Sign(clientSecret, body))];

    /// <summary>Checks a signature header in constant time.</summary>
    /// <param name="clientSecret">The app's client secret.</param>
    /// <param name="signature">The <c>X-Hub-Signature</c> value.</param>
    /// <param name="body">The exact body bytes.</param>
    /// <returns>Whether it is <c>sha1=</c> and the body's HMAC; <see langword="false"/> for anything malformed.</returns>
    /// <exception cref="ArgumentException"><paramref name="clientSecret"/> is empty.</exception>
    public static bool Verify(string clientSecret, string? signature, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(clientSecret);
        return signature is not null
            && signature.StartsWith(SignaturePrefix, StringComparison.OrdinalIgnoreCase)
            && WebhookSignatures.FixedTimeEqualsHex(Compute(clientSecret, body), signature.AsSpan(SignaturePrefix.Length).Trim());
    }

    private static byte[] Compute(string clientSecret, ReadOnlySpan<byte> body)
    {
        byte[] key = Encoding.UTF8.GetBytes(clientSecret);
        try
        {
#pragma warning disable CA5350 // Intercom's scheme is HMAC-SHA1; the SDK verifies it, it does not choose it.
            return HMACSHA1.HashData(key, body);
#pragma warning restore CA5350
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }
}
