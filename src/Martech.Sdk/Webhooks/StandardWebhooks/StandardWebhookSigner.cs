using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Martech.Sdk;

/// <summary>
/// Signs and verifies requests the Standard Webhooks way (standardwebhooks.com, used by Svix and many tools):
/// headers <c>webhook-id</c>, <c>webhook-timestamp</c> (Unix seconds) and <c>webhook-signature</c>, a space-separated
/// list of <c>v1,&lt;Base64 HMAC-SHA256&gt;</c> over <c>id.timestamp.body</c>, keyed with the secret's bytes (the Base64
/// after <c>whsec_</c>). Several signatures in one header allow key rotation. Use it to test your own endpoints, or to
/// sign what you send.
/// </summary>
public static class StandardWebhookSigner
{
    /// <summary>The prefix of a Standard Webhooks secret.</summary>
    public const string SecretPrefix = "whsec_";

    /// <summary>The message id header.</summary>
    public const string IdHeader = "webhook-id";

    /// <summary>The timestamp header (Unix seconds).</summary>
    public const string TimestampHeader = "webhook-timestamp";

    /// <summary>The signature header.</summary>
    public const string SignatureHeader = "webhook-signature";

    /// <summary>Creates a new random secret, <c>whsec_</c> and 32 random bytes in Base64.</summary>
    /// <returns>The secret.</returns>
    public static string GenerateSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>Computes the signature header value for a message.</summary>
    /// <param name="secret">The secret, <c>whsec_…</c> (the prefix is optional).</param>
    /// <param name="messageId">The <c>webhook-id</c>.</param>
    /// <param name="timestamp">The <c>webhook-timestamp</c>.</param>
    /// <param name="body">The exact body bytes.</param>
    /// <returns><c>v1,&lt;Base64&gt;</c>.</returns>
    /// <exception cref="ArgumentException">The secret is not Base64, or the id is empty or holds a line break.</exception>
    public static string Sign(string secret, string messageId, DateTimeOffset timestamp, ReadOnlySpan<byte> body)
    {
        byte[] key = DecodeSecret(secret, nameof(secret));
        ArgumentException.ThrowIfNullOrWhiteSpace(messageId);
        HeaderValidation.ThrowIfHasLineBreak(messageId, nameof(messageId));
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        Compute(key, messageId, timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), body, mac);
        CryptographicOperations.ZeroMemory(key);
        return "v1," + Convert.ToBase64String(mac);
    }

    /// <summary>Builds the three headers for a message, for posting it or for a test request.</summary>
    /// <param name="secret">The secret.</param>
    /// <param name="messageId">The <c>webhook-id</c>.</param>
    /// <param name="timestamp">The timestamp.</param>
    /// <param name="body">The exact body bytes.</param>
    /// <returns>The headers.</returns>
    public static IReadOnlyList<KeyValuePair<string, string>> CreateHeaders(string secret, string messageId, DateTimeOffset timestamp, ReadOnlySpan<byte> body) =>
    [
        new(IdHeader, messageId),
        new(TimestampHeader, timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
        new(SignatureHeader, Sign(secret, messageId, timestamp, body)),
    ];

    /// <summary>Whether a secret has the expected shape (<c>whsec_</c> optional, then Base64 of 24 to 64 bytes).</summary>
    /// <param name="secret">The secret.</param>
    /// <returns><see langword="true"/> when it can be used.</returns>
    public static bool IsValidSecret(string? secret)
    {
        if (string.IsNullOrWhiteSpace(secret))
        {
            return false;
        }

        ReadOnlySpan<char> encoded = secret.AsSpan().StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret.AsSpan(SecretPrefix.Length) : secret.AsSpan();
        Span<byte> bytes = stackalloc byte[128];
        return encoded.Length <= 170 && Convert.TryFromBase64Chars(encoded, bytes, out int written) && written is >= 24 and <= 64;
    }

    internal static byte[] DecodeSecret(string secret, string paramName)
    {
        if (!IsValidSecret(secret))
        {
            throw new ArgumentException("A Standard Webhooks secret is 'whsec_' followed by the Base64 of 24 to 64 random bytes.", paramName);
        }

        string encoded = secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret;
        return Convert.FromBase64String(encoded);
    }

    internal static void Compute(byte[] key, string messageId, string timestamp, ReadOnlySpan<byte> body, Span<byte> destination)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        int prefixLength = Encoding.UTF8.GetByteCount(messageId) + timestamp.Length + 2;
        byte[]? rented = prefixLength > 256 ? ArrayPool<byte>.Shared.Rent(prefixLength) : null;
        Span<byte> prefix = rented ?? stackalloc byte[256];
        int written = Encoding.UTF8.GetBytes(messageId, prefix);
        prefix[written++] = (byte)'.';
        written += Encoding.ASCII.GetBytes(timestamp, prefix[written..]);
        prefix[written++] = (byte)'.';
        hmac.AppendData(prefix[..written]);
        hmac.AppendData(body);
        hmac.GetHashAndReset(destination);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
