using System.Security.Cryptography;

namespace Martech.Sdk.Teams;

/// <summary>
/// Signs and checks Microsoft Teams outgoing-webhook requests the way Teams does: <c>Authorization: HMAC</c> followed by
/// the Base64 HMAC-SHA256 of the raw body, keyed with the Base64-decoded security token Teams shows when the outgoing
/// webhook is created. Use it to test your own endpoint: make a token with <see cref="CreateSecurityToken"/>, configure
/// it, and sign activities with it.
/// </summary>
/// <example>
/// <code>
/// string token = TeamsWebhookSigner.CreateSecurityToken();   // Martech:Teams:Webhooks:SecurityToken
/// var headers = TeamsWebhookSigner.CreateHeaders(token, activityJsonBytes);
/// </code>
/// </example>
public static class TeamsWebhookSigner
{
    /// <summary>The header carrying the signature.</summary>
    public const string AuthorizationHeader = "Authorization";

    /// <summary>The authorization scheme.</summary>
    public const string Scheme = "HMAC";

    /// <summary>Creates a random security token in the form Teams shows (Base64 of 32 bytes), for tests.</summary>
    /// <returns>The token.</returns>
    public static string CreateSecurityToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>Signs a body.</summary>
    /// <param name="securityToken">The outgoing webhook's security token (Base64).</param>
    /// <param name="body">The exact body bytes.</param>
    /// <returns>The <see cref="AuthorizationHeader"/> value, <c>HMAC &lt;Base64&gt;</c>.</returns>
    /// <exception cref="ArgumentException">The token is not Base64 of at least 16 bytes.</exception>
    public static string Sign(string securityToken, ReadOnlySpan<byte> body)
    {
        byte[] key = Key(securityToken);
        try
        {
            return Scheme + " " + Convert.ToBase64String(HMACSHA256.HashData(key, body));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>Builds the header of a signed request.</summary>
    /// <param name="securityToken">The outgoing webhook's security token (Base64).</param>
    /// <param name="body">The exact body bytes.</param>
    /// <returns>The headers.</returns>
    /// <exception cref="ArgumentException">The token is not Base64 of at least 16 bytes.</exception>
    public static IReadOnlyList<KeyValuePair<string, string>> CreateHeaders(string securityToken, ReadOnlySpan<byte> body) =>
        [new(AuthorizationHeader, Sign(securityToken, body))];

    /// <summary>Checks an <c>Authorization</c> header in constant time, as the receiver does (without the timestamp
    /// check).</summary>
    /// <param name="securityToken">The outgoing webhook's security token (Base64).</param>
    /// <param name="authorization">The <see cref="AuthorizationHeader"/> value.</param>
    /// <param name="body">The exact body bytes.</param>
    /// <returns>Whether it is a valid signature of the body; <see langword="false"/> for another scheme or a value that
    /// is not Base64.</returns>
    /// <exception cref="ArgumentException">The token is not Base64 of at least 16 bytes.</exception>
    public static bool Verify(string securityToken, string authorization, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(authorization);
        byte[] key = Key(securityToken);
        try
        {
            return Verify(key, authorization, body);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    internal static bool Verify(byte[] key, string authorization, ReadOnlySpan<byte> body)
    {
        if (!TryReadSignature(authorization, out ReadOnlySpan<char> signature))
        {
            return false;
        }

        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(key, body, mac);
        return WebhookSignatures.FixedTimeEqualsBase64(mac, signature);
    }

    /// <summary>Reads the Base64 part of <c>HMAC &lt;Base64&gt;</c>; the scheme compares without regard to case, as
    /// HTTP authorization schemes do.</summary>
    internal static bool TryReadSignature(string authorization, out ReadOnlySpan<char> signature)
    {
        ReadOnlySpan<char> value = authorization.AsSpan().Trim();
        signature = default;
        if (value.Length <= Scheme.Length + 1 || !value.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) || value[Scheme.Length] != ' ')
        {
            return false;
        }

        signature = value[(Scheme.Length + 1)..].Trim();
        return !signature.IsEmpty;
    }

    private static byte[] Key(string securityToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(securityToken);
        return TeamsWebhookOptions.TryDecodeKey(securityToken, out byte[] key)
            ? key
            : throw new ArgumentException("The security token must be the Base64 token Teams showed when the outgoing webhook was created (at least 16 bytes).", nameof(securityToken));
    }
}
