using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Martech.Sdk;

/// <summary>
/// The pieces every webhook verifier needs, done once and in constant time: comparing a computed signature with a hex
/// or Base64 one from a header, comparing credentials, reading HTTP Basic credentials, and describing a body for a
/// diagnostic without printing it. Vendor receivers use them; so can an application verifying a scheme of its own.
/// </summary>
/// <remarks>Comparisons never short-circuit on the first differing byte (<c>==</c> on strings does, and leaks through
/// timing how much of a forged signature is right). A signature of the wrong length, or one that is not valid hex or
/// Base64, is simply not equal: nothing here throws for untrusted input.</remarks>
public static class WebhookSignatures
{
    /// <summary>Compares computed signature bytes with a hex string from a request, in constant time; either case of
    /// hex digit is accepted.</summary>
    /// <param name="expected">The signature computed here.</param>
    /// <param name="hex">The signature the request carried.</param>
    /// <returns><see langword="true"/> when they are the same bytes.</returns>
    public static bool FixedTimeEqualsHex(ReadOnlySpan<byte> expected, ReadOnlySpan<char> hex)
    {
        if (hex.Length != expected.Length * 2 || expected.Length > 1024)
        {
            return false;
        }

        Span<byte> decoded = stackalloc byte[expected.Length];
        return Convert.FromHexString(hex, decoded, out _, out int written) == OperationStatus.Done
            && written == expected.Length
            && CryptographicOperations.FixedTimeEquals(expected, decoded);
    }

    /// <summary>Compares computed signature bytes with a Base64 string from a request, in constant time.</summary>
    /// <param name="expected">The signature computed here.</param>
    /// <param name="base64">The signature the request carried, standard Base64 with padding (URL-safe Base64 is also
    /// read).</param>
    /// <returns><see langword="true"/> when they are the same bytes.</returns>
    public static bool FixedTimeEqualsBase64(ReadOnlySpan<byte> expected, ReadOnlySpan<char> base64)
    {
        if (expected.Length > 1024 || base64.Length > 2048 || base64.Length == 0)
        {
            return false;
        }

        Span<byte> decoded = stackalloc byte[(base64.Length * 3 / 4) + 3];
        int written;
        if (!Convert.TryFromBase64Chars(base64, decoded, out written))
        {
            // URL-safe Base64 (-, _ and no padding), as some vendors and Standard Webhooks secrets use.
            if (Base64Url.DecodeFromChars(base64, decoded, out _, out written) != OperationStatus.Done)
            {
                return false;
            }
        }

        return written == expected.Length && CryptographicOperations.FixedTimeEquals(expected, decoded[..written]);
    }

    /// <summary>Compares a credential or token from a request with the configured one without leaking, through timing,
    /// how much of it matched or how long the configured one is (both are hashed first).</summary>
    /// <param name="actual">The value the request carried; <see langword="null"/> is never equal.</param>
    /// <param name="expected">The configured value.</param>
    /// <returns><see langword="true"/> when they are equal, byte for byte.</returns>
    public static bool FixedTimeEquals(string? actual, string expected)
    {
        ArgumentNullException.ThrowIfNull(expected);
        if (actual is null)
        {
            return false;
        }

        Span<byte> a = stackalloc byte[SHA256.HashSizeInBytes];
        Span<byte> b = stackalloc byte[SHA256.HashSizeInBytes];
        HashUtf8(actual, a);
        HashUtf8(expected, b);
        return CryptographicOperations.FixedTimeEquals(a, b);
    }

    /// <summary>Reads HTTP Basic credentials from an <c>Authorization</c> header value.</summary>
    /// <param name="authorization">The header value, such as <c>Basic dXNlcjpwYXNz</c>.</param>
    /// <param name="userName">The user name.</param>
    /// <param name="password">The password (everything after the first colon).</param>
    /// <returns><see langword="false"/> when the header is missing, not Basic, not Base64 or has no colon.</returns>
    public static bool TryReadBasicCredentials(string? authorization, out string userName, out string password)
    {
        userName = password = string.Empty;
        const string Scheme = "Basic ";
        if (authorization is null || authorization.Length <= Scheme.Length || !authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) || authorization.Length > 4096)
        {
            return false;
        }

        ReadOnlySpan<char> encoded = authorization.AsSpan(Scheme.Length).Trim();
        byte[] rented = ArrayPool<byte>.Shared.Rent((encoded.Length * 3 / 4) + 3);
        try
        {
            if (!Convert.TryFromBase64Chars(encoded, rented, out int written))
            {
                return false;
            }

            string decoded;
            try
            {
                decoded = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(rented, 0, written);
            }
            catch (DecoderFallbackException)
            {
                return false;
            }
            finally
            {
                CryptographicOperations.ZeroMemory(rented.AsSpan(0, written));
            }

            int colon = decoded.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                return false;
            }

            userName = decoded[..colon];
            password = decoded[(colon + 1)..];
            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Describes a body for a diagnostic without printing it: its length and SHA-256, which a user can compare
    /// with the same figures for what the vendor sent.</summary>
    /// <param name="body">The body.</param>
    /// <returns>Such as <c>812 bytes, SHA-256 9f86d08…</c>.</returns>
    public static string DescribeBody(ReadOnlySpan<byte> body)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(body, hash);
        string ending = body.Length >= 2 && body[^2] == (byte)'\r' && body[^1] == (byte)'\n' ? ", ends with CRLF"
            : body.Length >= 1 && body[^1] == (byte)'\n' ? ", ends with LF"
            : string.Empty;
        return string.Create(CultureInfo.InvariantCulture, $"{body.Length} bytes{ending}, SHA-256 {Convert.ToHexStringLower(hash)}");
    }

    private static void HashUtf8(string value, Span<byte> destination)
    {
        int max = Encoding.UTF8.GetMaxByteCount(value.Length);
        byte[]? rented = max > 512 ? ArrayPool<byte>.Shared.Rent(max) : null;
        Span<byte> buffer = rented ?? stackalloc byte[512];
        try
        {
            int written = Encoding.UTF8.GetBytes(value, buffer);
            SHA256.HashData(buffer[..written], destination);
            CryptographicOperations.ZeroMemory(buffer[..written]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
