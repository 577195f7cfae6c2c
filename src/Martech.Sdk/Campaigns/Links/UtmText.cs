using System.Text;

namespace Martech.Sdk;

/// <summary>The normalisation, encoding and decoding of UTM values: the policy <c>docs/campaigns.md</c> states.</summary>
internal static class UtmText
{
    /// <summary>Trims, collapses each run of white space inside to one space, and lower-cases (invariant) when asked;
    /// <see langword="null"/> when nothing is left.</summary>
    public static string? Normalize(string? value, bool lowerCase)
    {
        if (value is null)
        {
            return null;
        }

        var text = new StringBuilder(value.Length);
        bool pendingSpace = false;
        foreach (char c in value)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = text.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                text.Append(' ');
                pendingSpace = false;
            }

            text.Append(c);
        }

        if (text.Length == 0)
        {
            return null;
        }

        string result = text.ToString();
        return lowerCase ? result.ToLowerInvariant() : result;
    }

    /// <summary>Whether the text holds a percent escape (<c>%</c> and two hex digits).</summary>
    public static bool HasPercentEscape(string value)
    {
        for (int i = value.IndexOf('%', StringComparison.Ordinal); i >= 0 && i + 2 < value.Length; i = value.IndexOf('%', i + 1))
        {
            if (char.IsAsciiHexDigit(value[i + 1]) && char.IsAsciiHexDigit(value[i + 2]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Percent-encodes a value once: UTF-8, every character but the RFC 3986 unreserved ones
    /// (<c>A–Z a–z 0–9 - . _ ~</c>), so a space is <c>%20</c> and <c>+</c> is <c>%2B</c>.</summary>
    public static string Encode(string value) => Uri.EscapeDataString(value);

    /// <summary>Decodes a query name or value once, as forms are: <c>+</c> is a space, then percent escapes.</summary>
    public static string Decode(string value) => Uri.UnescapeDataString(value.Replace('+', ' '));

    /// <summary>Decodes percent escapes until none is left or decoding changes nothing (at most three more times).</summary>
    public static string DecodeFully(string value)
    {
        for (int i = 0; i < 3 && HasPercentEscape(value); i++)
        {
            string next = Uri.UnescapeDataString(value);
            if (next == value)
            {
                break;
            }

            value = next;
        }

        return value;
    }

    /// <summary>Percent-encodes what may not stand in a URL (spaces, control characters, non-ASCII as UTF-8, and
    /// <c>"&lt;&gt;\^`{|}</c>) and a <c>%</c> that starts no escape; everything else, existing escapes included, is kept.</summary>
    public static string EscapeIllegal(string url)
    {
        StringBuilder? text = null;
        for (int i = 0; i < url.Length; i++)
        {
            char c = url[i];
            bool legal = c is > ' ' and < (char)0x7F and not ('"' or '<' or '>' or '\\' or '^' or '`' or '{' or '|' or '}')
                && (c != '%' || (i + 2 < url.Length && char.IsAsciiHexDigit(url[i + 1]) && char.IsAsciiHexDigit(url[i + 2])));
            if (legal)
            {
                text?.Append(c);
                continue;
            }

            text ??= new StringBuilder(url, 0, i, url.Length + 16);
            int length = char.IsHighSurrogate(c) && i + 1 < url.Length && char.IsLowSurrogate(url[i + 1]) ? 2 : 1;
            foreach (byte b in Encoding.UTF8.GetBytes(url.Substring(i, length)))
            {
                text.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }

            i += length - 1;
        }

        return text?.ToString() ?? url;
    }
}
