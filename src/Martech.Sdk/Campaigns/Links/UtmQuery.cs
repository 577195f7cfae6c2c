namespace Martech.Sdk;

/// <summary>Splits a URL into what comes before its query, its query and its fragment, and reads query pairs without
/// re-encoding anything.</summary>
internal static class UtmQuery
{
    /// <summary>One <c>name=value</c> segment as written, with its name decoded and its UTM position (-1 for others).</summary>
    public readonly record struct Pair(string Segment, string RawName, string? RawValue, int UtmIndex);

    /// <summary>Splits at the first <c>#</c> (the fragment, kept whole) and the first <c>?</c> before it.</summary>
    public static (string Head, string? Query, string? Fragment) Split(string url)
    {
        int hash = url.IndexOf('#', StringComparison.Ordinal);
        string? fragment = hash >= 0 ? url[(hash + 1)..] : null;
        string beforeFragment = hash >= 0 ? url[..hash] : url;
        int question = beforeFragment.IndexOf('?', StringComparison.Ordinal);
        return question >= 0
            ? (beforeFragment[..question], beforeFragment[(question + 1)..], fragment)
            : (beforeFragment, null, fragment);
    }

    /// <summary>The <c>&amp;</c>-separated segments of a query, in order; empty segments included, so joining them
    /// gives the query back.</summary>
    public static List<Pair> Read(string query)
    {
        var pairs = new List<Pair>();
        foreach (string segment in query.Split('&'))
        {
            int equals = segment.IndexOf('=', StringComparison.Ordinal);
            string rawName = equals >= 0 ? segment[..equals] : segment;
            string? rawValue = equals >= 0 ? segment[(equals + 1)..] : null;
            pairs.Add(new Pair(segment, rawName, rawValue, UtmNames.IndexOf(UtmText.Decode(rawName))));
        }

        return pairs;
    }

    /// <summary>The query-like part of a fragment, where misplaced UTM parameters are found: after its first <c>?</c>
    /// (a route such as <c>#/offer?utm_source=…</c>), else the whole fragment (<c>#utm_source=…</c>).</summary>
    public static string FragmentQuery(string fragment)
    {
        int question = fragment.IndexOf('?', StringComparison.Ordinal);
        return question >= 0 ? fragment[(question + 1)..] : fragment;
    }
}
