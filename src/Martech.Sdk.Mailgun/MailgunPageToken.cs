using System.Globalization;
using System.Text;

namespace Martech.Sdk;

/// <summary>
/// Continuation tokens of suppression listings: the page URL Mailgun returned in <c>paging.next</c> (or the first
/// page of the next list). Only the token's path and query are used, against the instance's own base address, so a
/// token can never send the API key to another host.
/// </summary>
internal static class MailgunPageToken
{
    /// <summary>The token of a list's first page.</summary>
    public static string FirstPage(Uri baseAddress, string domain, string list, int? limit) =>
        new Uri(baseAddress, limit is { } size
            ? $"v3/{domain}/{list}?limit={size.ToString(CultureInfo.InvariantCulture)}"
            : $"v3/{domain}/{list}").AbsoluteUri;

    /// <summary>Reads a token: the list it pages and the request URI relative to the base address, with
    /// <c>limit</c> set to <paramref name="limit"/> when given.</summary>
    /// <returns><see langword="false"/> when the token is not a page URL of this domain's suppression lists.</returns>
    public static bool TryResolve(string token, string domain, int? limit, out string list, out Uri relative)
    {
        list = string.Empty;
        relative = null!;
        if (!Uri.TryCreate(token, UriKind.Absolute, out Uri? uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return false;
        }

        string path = uri.AbsolutePath.TrimEnd('/');
        foreach (string candidate in MailgunSuppressionKinds.All)
        {
            string suffix = $"/v3/{domain}/{candidate}";
            if (path.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                list = candidate;
                relative = new Uri($"v3/{domain}/{candidate}{WithLimit(uri.Query, limit)}", UriKind.Relative);
                return true;
            }
        }

        return false;
    }

    private static string WithLimit(string query, int? limit)
    {
        if (limit is null)
        {
            return query;
        }

        var sb = new StringBuilder(query.Length + 12);
        foreach (string pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!pair.StartsWith("limit=", StringComparison.OrdinalIgnoreCase) && !pair.Equals("limit", StringComparison.OrdinalIgnoreCase))
            {
                sb.Append(sb.Length == 0 ? '?' : '&').Append(pair);
            }
        }

        return sb.Append(sb.Length == 0 ? '?' : '&').Append("limit=").Append(limit.Value.ToString(CultureInfo.InvariantCulture)).ToString();
    }
}
