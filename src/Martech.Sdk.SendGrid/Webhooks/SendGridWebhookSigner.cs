using System.Security.Cryptography;
using System.Text;

namespace Martech.Sdk;

/// <summary>
/// Signs and checks SendGrid signed Event Webhook requests the way SendGrid does: ECDSA P-256 with SHA-256 over the
/// <c>X-Twilio-Email-Event-Webhook-Timestamp</c> header's text followed by the raw body bytes, unchanged; the signature
/// header is the Base64 of the DER <c>SEQUENCE{r,s}</c>. Use it to test your own endpoint: make a key pair, configure
/// the public key, sign payloads with the private key.
/// </summary>
/// <example>
/// <code>
/// var (publicKey, privateKey) = SendGridWebhookSigner.CreateKeyPair();
/// // Martech:SendGrid:Webhooks:PublicKey = publicKey
/// var headers = SendGridWebhookSigner.CreateHeaders(privateKey, DateTimeOffset.UtcNow, body);
/// </code>
/// </example>
public static class SendGridWebhookSigner
{
    /// <summary>The signature header.</summary>
    public const string SignatureHeader = "X-Twilio-Email-Event-Webhook-Signature";

    /// <summary>The timestamp header (Unix seconds).</summary>
    public const string TimestampHeader = "X-Twilio-Email-Event-Webhook-Timestamp";

    /// <summary>Creates a P-256 key pair in the formats the SDK reads.</summary>
    /// <returns>The public key (Base64 SubjectPublicKeyInfo, for <see cref="SendGridWebhookOptions.PublicKey"/>) and the
    /// private key (Base64 PKCS #8, for <see cref="Sign"/>).</returns>
    public static (string PublicKey, string PrivateKey) CreateKeyPair()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return (Convert.ToBase64String(ecdsa.ExportSubjectPublicKeyInfo()), Convert.ToBase64String(ecdsa.ExportPkcs8PrivateKey()));
    }

    /// <summary>Signs a payload.</summary>
    /// <param name="privateKey">The private key, Base64 PKCS #8 (from <see cref="CreateKeyPair"/>).</param>
    /// <param name="timestamp">The timestamp header's exact text.</param>
    /// <param name="body">The exact body bytes.</param>
    /// <returns>The signature header value.</returns>
    /// <exception cref="FormatException">The key is not Base64.</exception>
    /// <exception cref="CryptographicException">The key is not a P-256 private key.</exception>
    public static string Sign(string privateKey, string timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(privateKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(timestamp);
        using var ecdsa = ECDsa.Create();
        ecdsa.ImportPkcs8PrivateKey(Convert.FromBase64String(privateKey), out _);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        Hash(timestamp, body, hash);
        return Convert.ToBase64String(ecdsa.SignHash(hash, DSASignatureFormat.Rfc3279DerSequence));
    }

    /// <summary>Builds the two headers of a signed request.</summary>
    /// <param name="privateKey">The private key, Base64 PKCS #8.</param>
    /// <param name="timestamp">When it was sent.</param>
    /// <param name="body">The exact body bytes.</param>
    /// <returns>The headers.</returns>
    public static IReadOnlyList<KeyValuePair<string, string>> CreateHeaders(string privateKey, DateTimeOffset timestamp, ReadOnlySpan<byte> body)
    {
        string text = timestamp.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        return [new(SignatureHeader, Sign(privateKey, text, body)), new(TimestampHeader, text)];
    }

    /// <summary>Checks a signature with a public key, as the receiver does (without the timestamp tolerance).</summary>
    /// <param name="publicKey">The Base64 SubjectPublicKeyInfo.</param>
    /// <param name="signature">The signature header value.</param>
    /// <param name="timestamp">The timestamp header value.</param>
    /// <param name="body">The exact body bytes.</param>
    /// <returns>Whether the signature is valid; <see langword="false"/> for a signature that is not Base64 or DER.</returns>
    /// <exception cref="FormatException">The public key is not Base64.</exception>
    /// <exception cref="CryptographicException">The public key is not an EC public key.</exception>
    public static bool Verify(string publicKey, string signature, string timestamp, ReadOnlySpan<byte> body)
    {
        using ECDsa ecdsa = ImportPublicKey(publicKey);
        return Verify(ecdsa, signature, timestamp, body);
    }

    internal static ECDsa ImportPublicKey(string publicKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(publicKey);
        var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportSubjectPublicKeyInfo(Convert.FromBase64String(publicKey.Trim()), out _);
            if (ecdsa.KeySize != 256)
            {
                throw new CryptographicException("The SendGrid verification key must be a P-256 key.");
            }

            return ecdsa;
        }
        catch
        {
            ecdsa.Dispose();
            throw;
        }
    }

    internal static bool Verify(ECDsa ecdsa, string signature, string timestamp, ReadOnlySpan<byte> body)
    {
        if (signature.Length > 256)
        {
            return false;
        }

        Span<byte> der = stackalloc byte[192];
        if (!Convert.TryFromBase64String(signature.Trim(), der, out int length))
        {
            return false;
        }

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        Hash(timestamp, body, hash);
        try
        {
            return ecdsa.VerifyHash(hash, der[..length], DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private static void Hash(string timestamp, ReadOnlySpan<byte> body, Span<byte> destination)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> prefix = stackalloc byte[Encoding.UTF8.GetMaxByteCount(Math.Min(timestamp.Length, 64))];
        if (timestamp.Length <= 64)
        {
            sha.AppendData(prefix[..Encoding.UTF8.GetBytes(timestamp, prefix)]);
        }
        else
        {
            sha.AppendData(Encoding.UTF8.GetBytes(timestamp));
        }

        sha.AppendData(body);
        sha.GetHashAndReset(destination);
    }
}
