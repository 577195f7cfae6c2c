using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Martech.Sdk.Postmark;

/// <summary>
/// Where a suppression listing resumes: a message stream and, within it, the last suppression returned, by its
/// creation time and address. Postmark's dump has no cursor, so the provider orders each stream's dump by
/// (CreatedAt, address) and resumes after that key: suppressions removed meanwhile shift nothing, new ones come
/// last. Opaque to callers (base64url).
/// </summary>
/// <param name="Stream">The message stream.</param>
/// <param name="AfterTicks">The UTC ticks of the last suppression returned; <see langword="null"/> to start the stream.</param>
/// <param name="AfterEmail">The address of the last suppression returned.</param>
internal sealed record PostmarkContinuationToken(string Stream, long? AfterTicks, string? AfterEmail)
{
    private const string Version = "pm1";

    public string Encode()
    {
        string raw = string.Join('\n', Version, Stream, AfterTicks?.ToString(CultureInfo.InvariantCulture) ?? string.Empty, AfterEmail ?? string.Empty);
        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes(raw));
    }

    /// <summary>Reads a token issued by <see cref="Encode"/>.</summary>
    /// <exception cref="ArgumentException">The token was not issued by this provider or names a stream the listing
    /// does not cover.</exception>
    public static PostmarkContinuationToken Parse(string token, IReadOnlyList<string> streams)
    {
        string[]? parts = null;
        try
        {
            parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token)).Split('\n');
        }
        catch (FormatException)
        {
        }

        if (parts is not [Version, var stream, var ticks, var email] || !streams.Contains(stream, StringComparer.Ordinal))
        {
            throw new ArgumentException(
                $"The continuation token '{token}' was not issued by this Postmark listing (or names another message stream).",
                nameof(token));
        }

        if (ticks.Length == 0)
        {
            return new PostmarkContinuationToken(stream, null, null);
        }

        if (!long.TryParse(ticks, NumberStyles.None, CultureInfo.InvariantCulture, out long after) || after > DateTime.MaxValue.Ticks || email.Length == 0)
        {
            throw new ArgumentException($"The continuation token '{token}' is damaged.", nameof(token));
        }

        return new PostmarkContinuationToken(stream, after, email);
    }
}
