using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Martech.Sdk.Teams;

/// <summary>
/// Escapes text for the Markdown that Adaptive Cards render in <c>TextBlock</c> text, <c>Fact.title</c>,
/// <c>Fact.value</c> and <c>fallbackText</c>, so user data (a lead's name from a CSV, a form field) shows literally
/// instead of becoming a link, bold or italic text, or a list.
/// </summary>
/// <remarks>
/// <para>Teams renders a CommonMark subset in those fields: bold <c>**x**</c>, italic <c>_x_</c> (and <c>*x*</c>),
/// bulleted lists <c>- x</c>, numbered lists <c>1. x</c> and links <c>[t](u)</c>. A backslash before ASCII punctuation
/// makes that character literal (CommonMark backslash escapes). Only characters that can start Markdown there are
/// escaped, so ordinary text is unchanged:</para>
/// <list type="bullet">
/// <item><c>*</c>, <c>[</c>, <c>]</c> and <c>`</c> everywhere (emphasis, links of every form, code);</item>
/// <item><c>_</c> unless it is inside a word (<c>l_42</c> and <c>snake_case</c> cannot be emphasis);</item>
/// <item><c>\</c> when it comes before punctuation or a line break (where it would itself escape or break the line);</item>
/// <item>at the start of a line, after any indentation: <c>-</c> or <c>+</c> before a space or the line's end (a
/// bullet), the <c>.</c> or <c>)</c> after 1–9 digits before a space or the line's end (a numbered item), a <c>#</c>
/// before a space or the line's end (a heading), <c>&gt;</c> (a quote), and a line of only <c>=</c> or only <c>-</c>
/// (a heading underline or a rule).</item>
/// </list>
/// <para>A bare URL in text is not escaped: clients may still make it clickable, but it shows its real target.</para>
/// </remarks>
internal static class TeamsMarkdown
{
    // Characters that can start Markdown somewhere; text without any of them is returned as it is.
    private static readonly SearchValues<char> Special = SearchValues.Create("\\*_[]`-+#>=0123456789");

    /// <summary>Escapes <paramref name="text"/> so Teams renders it literally.</summary>
    /// <param name="text">The text; <see langword="null"/> stays <see langword="null"/>.</param>
    /// <returns>The escaped text.</returns>
    [return: NotNullIfNotNull(nameof(text))]
    public static string? Escape(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.AsSpan().IndexOfAny(Special) < 0)
        {
            return text;
        }

        var sb = new StringBuilder(text.Length + 8);
        bool lineStart = true;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c is '\r' or '\n')
            {
                sb.Append(c);
                lineStart = true;
                continue;
            }

            if (lineStart)
            {
                if (c is ' ' or '\t')
                {
                    sb.Append(c);
                    continue;
                }

                lineStart = false;
                if (EscapeLineStart(text, i, sb) is int next)
                {
                    i = next;
                    continue;
                }
            }

            if (NeedsEscape(text, i))
            {
                sb.Append('\\');
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    // Block markers at the start of a line (after indentation). Appends what it handled and returns the index of the
    // last character consumed, or null when the line does not start with a block marker.
    private static int? EscapeLineStart(string text, int i, StringBuilder sb)
    {
        char c = text[i];
        int lineEnd = LineEnd(text, i);
        switch (c)
        {
            case '-' or '=' when OnlyRepeats(text, i, lineEnd, c):
                // A heading underline or a thematic break: escaping the first character is enough.
                sb.Append('\\').Append(c);
                return i;
            case '-' or '+' or '#' when i + 1 == lineEnd || text[i + 1] is ' ' or '\t':
                sb.Append('\\').Append(c);
                return i;
            case '#':
                // "#" followed by more "#"s and then a space is a heading too.
                int hashes = i;
                while (hashes < lineEnd && text[hashes] == '#')
                {
                    hashes++;
                }

                if (hashes - i <= 6 && (hashes == lineEnd || text[hashes] is ' ' or '\t'))
                {
                    sb.Append('\\').Append(c);
                    return i;
                }

                return null;
            case '>':
                sb.Append('\\').Append(c);
                return i;
            case >= '0' and <= '9':
                int digits = i;
                while (digits < lineEnd && char.IsAsciiDigit(text[digits]))
                {
                    digits++;
                }

                if (digits - i <= 9 && digits < lineEnd && text[digits] is '.' or ')'
                    && (digits + 1 == lineEnd || text[digits + 1] is ' ' or '\t'))
                {
                    sb.Append(text, i, digits - i).Append('\\').Append(text[digits]);
                    return digits;
                }

                return null;
            default:
                return null;
        }
    }

    private static bool NeedsEscape(string text, int i) => text[i] switch
    {
        '*' or '[' or ']' or '`' => true,
        '_' => !(i > 0 && char.IsLetterOrDigit(text[i - 1]) && i + 1 < text.Length && char.IsLetterOrDigit(text[i + 1])),
        '\\' => i + 1 < text.Length && (IsAsciiPunctuation(text[i + 1]) || text[i + 1] is '\r' or '\n'),
        _ => false,
    };

    // The characters a CommonMark backslash escapes.
    private static bool IsAsciiPunctuation(char c) =>
        c is (>= '!' and <= '/') or (>= ':' and <= '@') or (>= '[' and <= '`') or (>= '{' and <= '~');

    private static int LineEnd(string text, int i)
    {
        int end = text.AsSpan(i).IndexOfAny('\r', '\n');
        return end < 0 ? text.Length : i + end;
    }

    // Whether the rest of the line is only 'c' (at least once) and trailing spaces.
    private static bool OnlyRepeats(string text, int i, int lineEnd, char c)
    {
        ReadOnlySpan<char> rest = text.AsSpan(i, lineEnd - i).TrimEnd(" \t");
        return rest.Length > 0 && !rest.ContainsAnyExcept(c);
    }
}
