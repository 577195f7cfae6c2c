using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Martech.Sdk;

/// <summary>
/// Encodes and decodes the opaque continuation tokens of in-memory listings: the sequence number of the last item
/// returned and the listing it belongs to, in base64url.
/// </summary>
internal static class InMemoryContinuationToken
{
    private const string Prefix = "inmem1|";

    /// <summary>Makes a token.</summary>
    /// <param name="scope">The listing, such as <c>"contacts"</c> or <c>"members:cmp_1"</c>.</param>
    /// <param name="after">The sequence number of the last item returned.</param>
    /// <returns>The token.</returns>
    public static string Encode(string scope, long after) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{Prefix}{scope}|{after}")));

    /// <summary>Reads a token.</summary>
    /// <param name="token">The token; <see langword="null"/> for the start of the listing.</param>
    /// <param name="scope">The listing the token must belong to.</param>
    /// <param name="provider">The provider instance name, for the error message.</param>
    /// <param name="source">Where the token came from, for the message, such as <c>ListOptions.ContinuationToken</c>.</param>
    /// <param name="paramName">The argument the token came in.</param>
    /// <returns>The sequence number to continue after; 0 for the start.</returns>
    /// <exception cref="ArgumentException">The token was not issued by this provider for this listing.</exception>
    public static long Decode(string? token, string scope, string provider, string source, string paramName)
    {
        if (token is null)
        {
            return 0;
        }

        if (TryDecode(token, scope, out long after))
        {
            return after;
        }

        throw new ArgumentException(
            $"The {source} value is not a continuation token issued by this provider ('{provider}') for this listing. Pass a token from a page of the same listing, or null to start at the beginning.",
            paramName);
    }

    private static bool TryDecode(string token, string scope, out long after)
    {
        after = 0;
        if (token.Length is 0 or > 512)
        {
            return false;
        }

        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(token);
        }
        catch (FormatException)
        {
            return false;
        }

        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }

        string expected = Prefix + scope + "|";
        return text.StartsWith(expected, StringComparison.Ordinal)
            && long.TryParse(text.AsSpan(expected.Length), NumberStyles.None, CultureInfo.InvariantCulture, out after)
            && after > 0;
    }
}
