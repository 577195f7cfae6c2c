namespace Martech.Sdk.Twilio;

/// <summary>
/// The URLs a Twilio signature may have been computed over, for one request: the URL as received (its original text,
/// so percent-escapes and an explicit port stay as Twilio wrote them), its normalised form, and each of these with the
/// scheme's default port added when it has none and with its port removed when it has one.
/// </summary>
/// <remarks>Twilio signs the URL as configured in the Console or given as <c>StatusCallback</c>, while proxies and
/// servers add or drop <c>:443</c>/<c>:80</c>, and Twilio's own validators disagree on which form to try (some strip
/// only the default port, so a URL on port 81 never verified). Trying every form costs a few HMACs and weakens
/// nothing: each candidate still needs the auth token.</remarks>
internal static class TwilioSignedUrls
{
    public static IReadOnlyList<string> Of(Uri url)
    {
        var urls = new List<string>(6);
        foreach (string text in (string[])[url.OriginalString.Trim(), url.AbsoluteUri])
        {
            Add(urls, text);
            if (Split(text) is not { } parts)
            {
                continue;
            }

            if (parts.Port.Length == 0)
            {
                if (DefaultPort(parts.Scheme) is { } port)
                {
                    Add(urls, $"{parts.BeforePort}:{port}{parts.Tail}");
                }
            }
            else
            {
                Add(urls, parts.BeforePort + parts.Tail);
            }
        }

        return urls;
    }

    private static void Add(List<string> urls, string url)
    {
        if (!urls.Contains(url, StringComparer.Ordinal))
        {
            urls.Add(url);
        }
    }

    private static string? DefaultPort(string scheme) =>
        scheme.Equals("https", StringComparison.OrdinalIgnoreCase) ? "443"
        : scheme.Equals("http", StringComparison.OrdinalIgnoreCase) ? "80"
        : null;

    /// <summary>Splits <c>scheme://[userinfo@]host[:port]rest</c> around the port.</summary>
    private static (string Scheme, string BeforePort, string Port, string Tail)? Split(string url)
    {
        int schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0)
        {
            return null;
        }

        int authorityStart = schemeEnd + 3;
        int authorityEnd = url.IndexOfAny(['/', '?', '#'], authorityStart);
        if (authorityEnd < 0)
        {
            authorityEnd = url.Length;
        }

        string authority = url[authorityStart..authorityEnd];
        int hostStart = authority.LastIndexOf('@') + 1;
        int colon = authority.LastIndexOf(':');
        int bracket = authority.LastIndexOf(']');
        bool hasPort = colon >= hostStart && colon > bracket;
        if (hasPort && !authority.AsSpan(colon + 1).ContainsAnyExceptInRange('0', '9') && colon + 1 < authority.Length)
        {
            return (url[..schemeEnd], url[..(authorityStart + colon)], authority[(colon + 1)..], url[authorityEnd..]);
        }

        // A colon with no digits after it ("host:") is kept as written.
        return hasPort ? null : (url[..schemeEnd], url[..authorityEnd], string.Empty, url[authorityEnd..]);
    }
}
