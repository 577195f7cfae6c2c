using System.Security.Cryptography;
using System.Text;

namespace Martech.Sdk;

/// <summary>Derives a credential's public identifier: a short, non-reversible hash of the scheme and its secret.</summary>
internal static class CredentialIds
{
    /// <summary>The first 12 hex digits (48 bits) of SHA-256 over the scheme name and the parts, one per line.</summary>
    /// <param name="scheme">The scheme, so one secret used two ways gives two ids.</param>
    /// <param name="parts">What identifies the credential, secrets included; none of it can be read back.</param>
    /// <returns>Twelve lowercase hex digits.</returns>
    public static string Compute(string scheme, params ReadOnlySpan<string?> parts)
    {
        var text = new StringBuilder(scheme);
        foreach (string? part in parts)
        {
            text.Append('\n').Append(part);
        }

        byte[] bytes = Encoding.UTF8.GetBytes(text.ToString());
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(bytes, hash);
        CryptographicOperations.ZeroMemory(bytes);
        return Convert.ToHexStringLower(hash[..6]);
    }
}
