using System.Text;

namespace Martech.Sdk;

/// <summary>Replaces one parameter in a request URI's query, keeping the rest of the URI as it was.</summary>
internal static class QueryString
{
    /// <summary>
    /// Returns <paramref name="uri"/> with every <c>name=…</c> pair of <paramref name="name"/> removed and
    /// <paramref name="pair"/> appended, so applying a query credential twice never duplicates it.
    /// </summary>
    /// <param name="uri">The request URI, absolute or relative.</param>
    /// <param name="name">The parameter name, unescaped.</param>
    /// <param name="pair">The escaped <c>name=value</c> pair to append, or <see langword="null"/> to only remove.</param>
    /// <returns>The new URI, or <paramref name="uri"/> itself when nothing changes.</returns>
    public static Uri Replace(Uri uri, string name, string? pair)
    {
        string text = uri.IsAbsoluteUri ? uri.AbsoluteUri : uri.OriginalString;
        int fragmentStart = text.IndexOf('#', StringComparison.Ordinal);
        int end = fragmentStart < 0 ? text.Length : fragmentStart;
        int queryStart = text.IndexOf('?', 0, end);

        var sb = new StringBuilder(text.Length + (pair?.Length ?? 0) + 1);
        sb.Append(text, 0, queryStart < 0 ? end : queryStart);
        char separator = '?';
        bool removed = false;
        if (queryStart >= 0)
        {
            int i = queryStart + 1;
            while (i < end)
            {
                int next = text.IndexOf('&', i, end - i);
                int segmentEnd = next < 0 ? end : next;
                if (segmentEnd > i)
                {
                    if (IsParameter(text.AsSpan(i, segmentEnd - i), name))
                    {
                        removed = true;
                    }
                    else
                    {
                        sb.Append(separator).Append(text, i, segmentEnd - i);
                        separator = '&';
                    }
                }

                i = segmentEnd + 1;
            }
        }

        if (pair is null && !removed)
        {
            return uri;
        }

        if (pair is not null)
        {
            sb.Append(separator).Append(pair);
        }

        if (fragmentStart >= 0)
        {
            sb.Append(text, fragmentStart, text.Length - fragmentStart);
        }

        return new Uri(sb.ToString(), uri.IsAbsoluteUri ? UriKind.Absolute : UriKind.Relative);
    }

    /// <summary>Whether a <c>name=value</c> (or bare <c>name</c>) segment is the named parameter, whatever its escaping.</summary>
    private static bool IsParameter(ReadOnlySpan<char> segment, string name)
    {
        int eq = segment.IndexOf('=');
        ReadOnlySpan<char> segmentName = eq < 0 ? segment : segment[..eq];
        if (segmentName.SequenceEqual(name))
        {
            return true;
        }

        if (segmentName.IndexOfAny('%', '+') < 0)
        {
            return false;
        }

        string unescaped = Uri.UnescapeDataString(segmentName.ToString().Replace('+', ' '));
        return string.Equals(unescaped, name, StringComparison.Ordinal);
    }
}
