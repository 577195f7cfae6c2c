using System.Globalization;
using System.Text;

namespace Martech.Sdk.HubSpot;

/// <summary>Builds the relative request URIs of one object type (<c>crm/v3/objects/contacts…</c>): built once per
/// client where they do not vary, escaped where they do.</summary>
internal sealed class HubSpotPaths
{
    public HubSpotPaths(string objectsPath, string objectType)
    {
        Collection = $"{objectsPath.Trim('/')}/{objectType}";
        Search = Collection + "/search";
        BatchUpsert = Collection + "/batch/upsert";
        BatchUpdate = Collection + "/batch/update";
        BatchRead = Collection + "/batch/read";
        GdprDelete = Collection + "/gdpr-delete";
    }

    /// <summary><c>…/{type}</c>: list (GET) and create (POST).</summary>
    public string Collection { get; }

    /// <summary><c>…/{type}/search</c>.</summary>
    public string Search { get; }

    /// <summary><c>…/{type}/batch/upsert</c>.</summary>
    public string BatchUpsert { get; }

    /// <summary><c>…/{type}/batch/update</c>.</summary>
    public string BatchUpdate { get; }

    /// <summary><c>…/{type}/batch/read</c>.</summary>
    public string BatchRead { get; }

    /// <summary><c>…/{type}/gdpr-delete</c>.</summary>
    public string GdprDelete { get; }

    /// <summary><c>…/{type}/{id}</c>, the id escaped (so <c>/</c>, <c>?</c> and <c>#</c> stay in the segment).</summary>
    /// <exception cref="ArgumentException">The id is <c>.</c> or <c>..</c>, which escaping leaves as is and which would
    /// name another path, or holds a control character.</exception>
    public string Item(string id)
    {
        if (id is "." or ".." || id.AsSpan().ContainsAnyInRange('\0', '\u001f'))
        {
            throw new ArgumentException($"'{id}' is not a HubSpot record id: an id is one path segment, not '.' or '..', without control characters.", nameof(id));
        }

        return $"{Collection}/{Uri.EscapeDataString(id)}";
    }

    /// <summary>The <c>properties=a,b,c</c> query parameter (names are checked to need no escaping).</summary>
    public static string PropertiesQuery(IReadOnlyList<string> properties)
    {
        var sb = new StringBuilder("properties=");
        for (int i = 0; i < properties.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(',');
            }

            sb.Append(Uri.EscapeDataString(properties[i]));
        }

        return sb.ToString();
    }

    /// <summary>A list page: <c>…/{type}?limit=…&amp;after=…&amp;properties=…[&amp;associations=…]</c>.</summary>
    public string ListPage(int limit, string? after, string propertiesQuery, string? associations = null)
    {
        var sb = new StringBuilder(Collection).Append("?limit=").Append(limit.ToString(CultureInfo.InvariantCulture));
        if (after is not null)
        {
            sb.Append("&after=").Append(Cursor(after));
        }

        sb.Append('&').Append(propertiesQuery);
        if (associations is not null)
        {
            sb.Append("&associations=").Append(Uri.EscapeDataString(associations));
        }

        return sb.ToString();
    }

    /// <summary>
    /// A paging cursor for the query string. HubSpot's <c>paging.next.after</c> is often already URL-encoded (list
    /// cursors such as <c>NTI1Cg%3D%3D</c>): such a value is sent as it is, since encoding it again would change it.
    /// Anything else is escaped.
    /// </summary>
    public static string Cursor(string after)
    {
        for (int i = 0; i < after.Length; i++)
        {
            char c = after[i];
            bool unreserved = char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~';
            bool escape = c == '%' && i + 2 < after.Length && char.IsAsciiHexDigit(after[i + 1]) && char.IsAsciiHexDigit(after[i + 2]);
            if (!unreserved && !escape)
            {
                return Uri.EscapeDataString(after);
            }
        }

        return after;
    }
}
