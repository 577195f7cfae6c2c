using System.Text;

namespace Martech.Sdk.Slack;

/// <summary>Escapes text for Slack <c>mrkdwn</c> (<c>&amp;</c>, <c>&lt;</c>, <c>&gt;</c> become entities, so user text
/// cannot form links, mentions or broadcasts) and cuts or splits it to a length limit without breaking an entity or a
/// surrogate pair.</summary>
internal static class SlackMrkdwn
{
    public const char Ellipsis = '…';

    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.AsSpan().IndexOfAny('&', '<', '>') < 0)
        {
            return text;
        }

        var sb = new StringBuilder(text.Length + 16);
        foreach (char c in text)
        {
            Append(sb, c, escape: true);
        }

        return sb.ToString();
    }

    /// <summary>The text, escaped when <paramref name="escape"/> is set, cut to at most <paramref name="max"/> characters
    /// with a trailing ellipsis when it is longer.</summary>
    public static string Truncate(string text, int max, bool escape)
    {
        ArgumentNullException.ThrowIfNull(text);
        int full = EscapedLength(text, escape);
        if (full <= max)
        {
            return escape ? Escape(text) : text;
        }

        var sb = new StringBuilder(max);
        for (int i = 0; i < text.Length; i++)
        {
            int width = UnitLength(text, i, escape);
            if (sb.Length + width > max - 1)
            {
                break;
            }

            AppendUnit(sb, text, ref i, escape);
        }

        return sb.Append(Ellipsis).ToString();
    }

    /// <summary>Splits text into escaped chunks of at most <paramref name="max"/> characters, preferring to break after a
    /// line break, then after a space, in the second half of a chunk.</summary>
    public static List<string> Split(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        var chunks = new List<string>();
        int start = 0;
        while (start < text.Length)
        {
            int length = 0;
            int end = start;
            while (end < text.Length)
            {
                int width = UnitLength(text, end, escape: true);
                if (length + width > max)
                {
                    break;
                }

                length += width;
                end += char.IsHighSurrogate(text[end]) && end + 1 < text.Length ? 2 : 1;
            }

            if (end < text.Length)
            {
                int half = start + ((end - start) / 2);
                int newline = text.LastIndexOf('\n', end - 1, end - half);
                int space = text.LastIndexOf(' ', end - 1, end - half);
                int cut = newline >= 0 ? newline + 1 : space >= 0 ? space + 1 : end;
                end = cut;
            }

            string chunk = Escape(text[start..end]).TrimEnd();
            if (chunk.Length > 0)
            {
                chunks.Add(chunk);
            }

            start = end;
        }

        return chunks;
    }

    /// <summary>The length of the text once escaped (when <paramref name="escape"/> is set).</summary>
    public static int EscapedLength(string text, bool escape)
    {
        int length = 0;
        foreach (char c in text)
        {
            length += Width(c, escape);
        }

        return length;
    }

    // A surrogate pair is one unit of two characters.
    private static int UnitLength(string text, int i, bool escape) =>
        char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : Width(text[i], escape);

    private static void AppendUnit(StringBuilder sb, string text, ref int i, bool escape)
    {
        if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
        {
            sb.Append(text[i]).Append(text[i + 1]);
            i++;
            return;
        }

        Append(sb, text[i], escape);
    }

    private static int Width(char c, bool escape) => !escape ? 1 : c switch
    {
        '&' => 5,
        '<' or '>' => 4,
        _ => 1,
    };

    private static void Append(StringBuilder sb, char c, bool escape)
    {
        if (!escape)
        {
            sb.Append(c);
            return;
        }

        switch (c)
        {
            case '&':
                sb.Append("&amp;");
                break;
            case '<':
                sb.Append("&lt;");
                break;
            case '>':
                sb.Append("&gt;");
                break;
            default:
                sb.Append(c);
                break;
        }
    }
}
