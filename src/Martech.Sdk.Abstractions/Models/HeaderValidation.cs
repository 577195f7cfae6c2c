using System.Buffers;
using System.Globalization;

namespace Martech.Sdk;

/// <summary>
/// Checks text before it reaches a vendor: one-line text (a header, a subject, a display name, a tag, a card title)
/// must hold no line break or control character; body text (an SMS, a chat message, an email body) may hold line breaks
/// and tabs but no other control character.
/// </summary>
/// <remarks>
/// <para>One-line text refuses every control character but TAB (C0 including CR, LF and NUL; DEL; C1 including U+0085
/// NEXT LINE) and U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR, which some vendors and mail clients treat as
/// line breaks. Body text refuses C0 but TAB, CR and LF; DEL; and C1 but U+0085.</para>
/// <para>The valid path allocates nothing: a check takes the field path in parts (a constant prefix, then a key or an
/// index, then a suffix) and joins them only to build the exception.</para>
/// </remarks>
internal static class HeaderValidation
{
    private static readonly SearchValues<char> LineForbidden = SearchValues.Create(Controls(except: "\t") + "\u2028\u2029");
    private static readonly SearchValues<char> BodyForbidden = SearchValues.Create(Controls(except: "\t\r\n\u0085"));

    /// <summary>Throws when one-line text holds a line break or a control character other than TAB.</summary>
    /// <param name="value">The text; <see langword="null"/> passes.</param>
    /// <param name="prefix">The field path, or its start when <paramref name="key"/> or <paramref name="index"/> is given.</param>
    /// <param name="key">A dictionary key, shown as <c>[key]</c> after <paramref name="prefix"/>.</param>
    /// <param name="index">A list index, shown as <c>[index]</c> after <paramref name="prefix"/>; -1 for none.</param>
    /// <param name="suffix">Put after the key or index (<c>.FileName</c>).</param>
    /// <exception cref="ArgumentException">The text holds a forbidden character; the message names the field, the
    /// character and its index.</exception>
    public static void ThrowIfHasLineBreak(string? value, string prefix, string? key = null, int index = -1, string? suffix = null)
    {
        int at = value is null ? -1 : value.AsSpan().IndexOfAny(LineForbidden);
        if (at >= 0)
        {
            throw Invalid(value!, at, Path(prefix, key, index, suffix), "a line break or control character is not allowed in a header or one-line field");
        }
    }

    /// <summary>Throws when body text holds NUL or another control character other than TAB, CR, LF and U+0085.</summary>
    /// <param name="value">The text; <see langword="null"/> passes.</param>
    /// <param name="prefix">The field path, or its start when <paramref name="key"/> or <paramref name="index"/> is given.</param>
    /// <param name="key">A dictionary key, shown as <c>[key]</c> after <paramref name="prefix"/>.</param>
    /// <param name="index">A list index, shown as <c>[index]</c> after <paramref name="prefix"/>; -1 for none.</param>
    /// <param name="suffix">Put after the key or index.</param>
    /// <exception cref="ArgumentException">The text holds a forbidden character.</exception>
    public static void ThrowIfHasControl(string? value, string prefix, string? key = null, int index = -1, string? suffix = null)
    {
        int at = value is null ? -1 : value.AsSpan().IndexOfAny(BodyForbidden);
        if (at >= 0)
        {
            throw Invalid(value!, at, Path(prefix, key, index, suffix), "control characters other than tab and line breaks are not allowed in text");
        }
    }

    /// <summary>The index of the first character one-line text may not hold, or -1.</summary>
    /// <param name="value">The text.</param>
    /// <returns>The index, or -1 when the text is clean.</returns>
    public static int IndexOfLineBreak(ReadOnlySpan<char> value) => value.IndexOfAny(LineForbidden);

    /// <summary>Names a character for a message: <c>U+2028 LINE SEPARATOR</c>, <c>U+0000 NULL</c>.</summary>
    /// <param name="c">The character.</param>
    /// <returns>Its code point and, for the usual suspects, its Unicode name.</returns>
    public static string Describe(char c)
    {
        string code = "U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture);
        string? name = c switch
        {
            '\0' => "NULL",
            '\t' => "CHARACTER TABULATION",
            '\n' => "LINE FEED",
            '\v' => "LINE TABULATION",
            '\f' => "FORM FEED",
            '\r' => "CARRIAGE RETURN",
            '\u001b' => "ESCAPE",
            '\u007f' => "DELETE",
            '\u0085' => "NEXT LINE",
            '\u2028' => "LINE SEPARATOR",
            '\u2029' => "PARAGRAPH SEPARATOR",
            _ => char.IsControl(c) ? "control character" : null,
        };
        return name is null ? code : code + " " + name;
    }

    /// <summary>Whether a header name is an RFC 5322 field name: printable ASCII except colon and space.</summary>
    public static bool IsValidHeaderName(string name)
    {
        if (name.Length == 0)
        {
            return false;
        }

        foreach (char c in name)
        {
            if (c <= ' ' || c >= 127 || c == ':')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Joins a field path from its parts; only called to build an exception.</summary>
    public static string Path(string prefix, string? key = null, int index = -1, string? suffix = null) =>
        key is not null ? $"{prefix}[{key}]{suffix}"
        : index >= 0 ? string.Create(CultureInfo.InvariantCulture, $"{prefix}[{index}]{suffix}")
        : prefix + suffix;

    private static ArgumentException Invalid(string value, int at, string path, string rule) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{path} contains {Describe(value[at])} at index {at}: {rule}."), path);

    private static string Controls(string except)
    {
        var chars = new List<char>(66);
        for (char c = '\0'; c <= '\u009f'; c++)
        {
            if (char.IsControl(c) && !except.Contains(c, StringComparison.Ordinal))
            {
                chars.Add(c);
            }
        }

        return new string([.. chars]);
    }
}
