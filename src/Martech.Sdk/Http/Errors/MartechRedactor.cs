using System.Net;
using System.Text;
using System.Text.Encodings.Web;

namespace Martech.Sdk;

/// <summary>
/// Masks secrets and personal data in what the SDK writes about a request: header values, query parameters, URLs and
/// any text that echoes a credential or an address. One redactor per provider instance knows the instance's header
/// names, query parameters, current secret values (and their URL-encoded, JSON-escaped and Base64 forms) and, for
/// vendors whose URLs are credentials (webhooks), whether URL paths are secret and which URLs are.
/// </summary>
public sealed class MartechRedactor
{
    /// <summary>What a secret is replaced with.</summary>
    public const string Mask = "***";

    /// <summary>What personal data (an email address, a phone number, a search) is replaced with in URLs and text.</summary>
    public const string PersonalDataMask = "{redacted}";

    /// <summary>The shortest secret value, or encoded form of one, that is masked in text: shorter values would mask
    /// innocent text, and real credentials are longer.</summary>
    public const int MinSecretLength = 6;

    /// <summary>The shortest path segment or query value of a secret URL that is masked in text: long enough for ids
    /// and keys (GUIDs, hex secrets, signatures), short enough to leave words such as <c>IncomingWebhook</c> or
    /// <c>triggers</c> readable.</summary>
    public const int MinSecretUrlPartLength = 16;

    private static readonly string[] BuiltInHeaders =
    [
        "Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie", "X-Api-Key", "x-api-token",
        "X-Postmark-Server-Token", "X-Postmark-Account-Token",
    ];

    private static readonly string[] BuiltInQueryParameters =
    [
        "api_key", "apikey", "api_token", "hapikey", "access_token", "refresh_token", "token", "key",
        "client_secret", "password", "sig", "signature", "code",
    ];

    // Query parameters whose values are personal data or searches over it, masked in URLs below Trace.
    private static readonly HashSet<string> PersonalQueryParameters = new(
        ["email", "email_address", "emailaddress", "address", "recipient", "to", "from", "phone", "phone_number", "mobile",
        "name", "first_name", "last_name", "q", "query", "term", "search"],
        StringComparer.OrdinalIgnoreCase);

    private readonly HashSet<string> _headers;
    private readonly HashSet<string> _queryParameters;
    private readonly MartechAuthentication? _authentication;

    // Parts of secret URLs, longest first so a part is masked before any shorter part inside it.
    private readonly string[] _secretUrlParts;

    // The forms of the scheme's current secret values, computed once per set of values (an OAuth2 token refresh
    // changes them) and read by every redaction.
    private SecretForms? _secretForms;

    /// <summary>Creates a redactor.</summary>
    /// <param name="sensitiveHeaders">Header names to mask, besides the built-in list.</param>
    /// <param name="sensitiveQueryParameters">Query parameter names to mask, besides the built-in list.</param>
    /// <param name="authentication">The scheme whose secret values are masked in any text.</param>
    /// <param name="urlPathsAreSecret">Whether URL paths carry credentials: <see cref="RedactUrl(Uri?)"/> then shows only
    /// the scheme and host, followed by <c>/***</c>.</param>
    /// <param name="secretUrls">URLs that are credentials as a whole (webhook URLs): every path segment and query value
    /// of at least <see cref="MinSecretUrlPartLength"/> characters, as written in the URL, unescaped or escaped, is masked
    /// in any text.</param>
    public MartechRedactor(
        IEnumerable<string>? sensitiveHeaders = null,
        IEnumerable<string>? sensitiveQueryParameters = null,
        MartechAuthentication? authentication = null,
        bool urlPathsAreSecret = false,
        IEnumerable<Uri>? secretUrls = null)
    {
        _headers = new HashSet<string>(BuiltInHeaders, StringComparer.OrdinalIgnoreCase);
        _queryParameters = new HashSet<string>(BuiltInQueryParameters, StringComparer.OrdinalIgnoreCase);
        _authentication = authentication;
        UrlPathsAreSecret = urlPathsAreSecret;
        Add(_headers, sensitiveHeaders);
        Add(_headers, authentication?.SecretHeaders);
        Add(_queryParameters, sensitiveQueryParameters);
        Add(_queryParameters, authentication?.SecretQueryParameters);
        _secretUrlParts = SecretPartsOf(secretUrls);
    }

    /// <summary>A redactor with only the built-in lists.</summary>
    public static MartechRedactor Default { get; } = new();

    /// <summary>Whether a header's value is a secret.</summary>
    /// <param name="name">The header name.</param>
    /// <returns><see langword="true"/> when it must be masked.</returns>
    public bool IsSensitiveHeader(string name) => _headers.Contains(name);

    /// <summary>Whether a query parameter's value is a secret.</summary>
    /// <param name="name">The parameter name.</param>
    /// <returns><see langword="true"/> when it must be masked.</returns>
    public bool IsSensitiveQueryParameter(string name) => _queryParameters.Contains(name);

    /// <summary>Whether URL paths carry credentials, so <see cref="RedactUrl(Uri?)"/> shows none.</summary>
    public bool UrlPathsAreSecret { get; }

    /// <summary>Describes a URL for logs, telemetry and messages: without user info, with sensitive query values masked
    /// (<c>***</c>), and with personal data replaced by <see cref="PersonalDataMask"/>: path segments and query values
    /// holding an email address or an international phone number, and the values of query parameters that carry
    /// personal data or searches over it (<c>email</c>, <c>phone</c>, <c>q</c>, <c>term</c>, …). When
    /// <see cref="UrlPathsAreSecret"/>, as its scheme and host followed by <c>/***</c> (no path, no query).</summary>
    /// <param name="uri">The URL.</param>
    /// <returns>The safe text.</returns>
    public string RedactUrl(Uri? uri) => Describe(uri, personalData: true, template: null);

    /// <summary>Like <see cref="RedactUrl(Uri?)"/>, and the path segments and query values that
    /// <paramref name="urlTemplate"/> marks with <c>{placeholders}</c> are shown as those placeholders
    /// (see <see cref="MartechRequestOptions.UrlTemplate"/>).</summary>
    internal string RedactUrl(Uri? uri, string? urlTemplate) => Describe(uri, personalData: true, urlTemplate);

    /// <summary>The URL with secrets masked but personal data kept: for Trace only.</summary>
    internal string RedactSecretsInUrl(Uri? uri) => Describe(uri, personalData: false, template: null);

    private string Describe(Uri? uri, bool personalData, string? template)
    {
        if (uri is null)
        {
            return string.Empty;
        }

        if (UrlPathsAreSecret)
        {
            return uri.IsAbsoluteUri ? string.Concat(uri.Scheme, "://", uri.Authority, "/", Mask) : Mask;
        }

        string path, query;
        var sb = new StringBuilder();
        if (uri.IsAbsoluteUri)
        {
            sb.Append(uri.Scheme).Append("://").Append(uri.Authority);
            path = uri.AbsolutePath;
            query = uri.Query;
        }
        else
        {
            string text = uri.OriginalString;
            int fragment = text.IndexOf('#', StringComparison.Ordinal);
            text = fragment < 0 ? text : text[..fragment];
            int q = text.IndexOf('?', StringComparison.Ordinal);
            path = q < 0 ? text : text[..q];
            query = q < 0 ? string.Empty : text[q..];
        }

        string? templatePath = null, templateQuery = null;
        if (template is not null)
        {
            int q = template.IndexOf('?', StringComparison.Ordinal);
            templatePath = q < 0 ? template : template[..q];
            templateQuery = q < 0 ? null : template[(q + 1)..];
        }

        AppendPath(sb, path, personalData, templatePath);
        if (query.Length > 1)
        {
            AppendQuery(sb, query.AsSpan(1), personalData, templateQuery);
        }

        return sb.ToString();
    }

    // Writes the path; segments holding personal data, and those the template marks (aligned from the end, since the
    // template is relative to a base address), are replaced.
    private static void AppendPath(StringBuilder sb, string path, bool personalData, string? templatePath)
    {
        if (!personalData || (templatePath is null && !MayHoldPersonalData(path)))
        {
            sb.Append(path);
            return;
        }

        string[] segments = path.Split('/');
        if (templatePath is not null)
        {
            string[] marks = templatePath.Split('/');
            int last = segments.Length - 1, mark = marks.Length - 1;

            // "a/b/" and "a/b" align alike.
            if (last >= 0 && segments[last].Length == 0)
            {
                last--;
            }

            if (mark >= 0 && marks[mark].Length == 0)
            {
                mark--;
            }

            for (; last >= 0 && mark >= 0; last--, mark--)
            {
                if (IsPlaceholder(marks[mark]))
                {
                    segments[last] = marks[mark];
                }
            }
        }

        for (int i = 0; i < segments.Length; i++)
        {
            if (i > 0)
            {
                sb.Append('/');
            }

            sb.Append(IsPlaceholder(segments[i]) || !HoldsPersonalData(segments[i]) ? segments[i] : PersonalDataMask);
        }
    }

    private void AppendQuery(StringBuilder sb, ReadOnlySpan<char> query, bool personalData, string? templateQuery)
    {
        char separator = '?';
        foreach (Range range in query.Split('&'))
        {
            ReadOnlySpan<char> pair = query[range];
            if (pair.IsEmpty)
            {
                continue;
            }

            sb.Append(separator);
            separator = '&';
            int equals = pair.IndexOf('=');
            if (equals < 0)
            {
                sb.Append(pair);
                continue;
            }

            string name = Uri.UnescapeDataString(pair[..equals].ToString());
            ReadOnlySpan<char> value = pair[(equals + 1)..];
            sb.Append(pair[..(equals + 1)]);
            if (value.IsEmpty)
            {
                continue;
            }

            if (IsSensitiveQueryParameter(name))
            {
                sb.Append(Mask);
            }
            else if (personalData && PlaceholderFor(templateQuery, name) is { } placeholder)
            {
                sb.Append(placeholder);
            }
            else if (personalData && (PersonalQueryParameters.Contains(name) || HoldsPersonalData(value)))
            {
                sb.Append(PersonalDataMask);
            }
            else
            {
                sb.Append(value);
            }
        }
    }

    // The placeholder a template's query gives a parameter (name={placeholder}), if any.
    private static string? PlaceholderFor(string? templateQuery, string name)
    {
        if (templateQuery is null)
        {
            return null;
        }

        foreach (string pair in templateQuery.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && IsPlaceholder(pair[(equals + 1)..]) && string.Equals(pair[..equals], name, StringComparison.OrdinalIgnoreCase))
            {
                return pair[(equals + 1)..];
            }
        }

        return null;
    }

    private static bool IsPlaceholder(string segment) => segment.Length > 2 && segment[0] == '{' && segment[^1] == '}';

    /// <summary>Masks, anywhere in a text such as a vendor's error body or a transport failure message: the current
    /// secret values of the authentication scheme in every form they may be echoed in (as they are; URL-encoded with
    /// <c>%20</c> or <c>+</c> for spaces and upper- or lower-case hex; JSON-escaped the way System.Text.Json's default and
    /// relaxed encoders and other writers do; and the Base64 of HTTP Basic credentials) as <c>***</c>; the long parts
    /// of secret URLs; <c>name=value</c> pairs of sensitive query parameters; and personal data (email addresses,
    /// also URL-encoded, and international phone numbers such as <c>+15551234567</c>) as
    /// <see cref="PersonalDataMask"/>.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The safe text.</returns>
    public string RedactText(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        foreach (string form in CurrentSecretForms())
        {
            text = text.Replace(form, Mask, StringComparison.Ordinal);
        }

        foreach (string part in _secretUrlParts)
        {
            text = text.Replace(part, Mask, StringComparison.OrdinalIgnoreCase);
        }

        return RedactPersonalData(RedactQuery(text));
    }

    /// <summary>Like <see cref="RedactText(string?)"/>, after replacing the request's URL, in the forms a handler writes
    /// it (escaped, unescaped, path and query alone), with its redacted description.</summary>
    internal string RedactText(string? text, Uri? requestUri, string? urlTemplate)
    {
        if (string.IsNullOrEmpty(text) || requestUri is null)
        {
            return RedactText(text);
        }

        string described = RedactUrl(requestUri, urlTemplate);
        if (requestUri.IsAbsoluteUri)
        {
            // Path-only forms get the described path (and query) without scheme and host.
            string prefix = string.Concat(requestUri.Scheme, "://", requestUri.Authority);
            string describedPathAndQuery = described.StartsWith(prefix, StringComparison.Ordinal) ? described[prefix.Length..] : described;
            int query = describedPathAndQuery.IndexOf('?', StringComparison.Ordinal);
            string describedPath = query < 0 ? describedPathAndQuery : describedPathAndQuery[..query];
            (string Form, string By)[] forms =
            [
                (requestUri.AbsoluteUri, described), (requestUri.ToString(), described), (requestUri.OriginalString, described),
                (requestUri.PathAndQuery, describedPathAndQuery), (Uri.UnescapeDataString(requestUri.PathAndQuery), describedPathAndQuery),
                (requestUri.AbsolutePath, describedPath), (Uri.UnescapeDataString(requestUri.AbsolutePath), describedPath),
            ];
            foreach ((string form, string by) in forms.Where(f => f.Form.Length > 1).OrderByDescending(f => f.Form.Length))
            {
                text = text.Replace(form, by, StringComparison.Ordinal);
            }
        }
        else
        {
            text = text.Replace(requestUri.OriginalString, described, StringComparison.Ordinal);
        }

        return RedactText(text);
    }

    /// <summary>Every form of the scheme's current secret values, longest first; recomputed only when they change.</summary>
    private string[] CurrentSecretForms()
    {
        if (_authentication is null)
        {
            return [];
        }

        IEnumerable<string> values = _authentication.SecretValues;
        SecretForms? cached = Volatile.Read(ref _secretForms);
        if (cached is not null && cached.Matches(values))
        {
            return cached.Forms;
        }

        string[] sources = [.. values.Where(v => v is not null)];
        var forms = new SecretForms(sources, FormsOf(sources));
        Volatile.Write(ref _secretForms, forms);
        return forms.Forms;
    }

    /// <summary>The forms a secret may be echoed in: as it is, URL-encoded (escaped as a data string, as a URI would
    /// escape it, as a form, each with upper- and lower-case hex) and JSON-escaped (default and relaxed encoders,
    /// only quotes and backslashes, solidus escaped, upper- and lower-case <c>\u</c> hex); each at least
    /// <see cref="MinSecretLength"/> long, no form twice, longest first so a form is masked before any form inside it.</summary>
    internal static string[] FormsOf(IEnumerable<string> secrets)
    {
        var forms = new HashSet<string>(StringComparer.Ordinal);
        foreach (string secret in secrets)
        {
            if (secret is not { Length: >= MinSecretLength })
            {
                continue;
            }

            string data = Uri.EscapeDataString(secret);
            foreach (string written in (ReadOnlySpan<string>)[secret, data, data.Replace("%20", "+", StringComparison.Ordinal), WebUtility.UrlEncode(secret), EscapeAsUri(secret)])
            {
                foreach (string url in HexCases(written, '%'))
                {
                    forms.Add(url);
                    foreach (string json in (ReadOnlySpan<string>)[
                        JavaScriptEncoder.Default.Encode(url),
                        JavaScriptEncoder.UnsafeRelaxedJsonEscaping.Encode(url),
                        url.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal),
                        url.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("/", "\\/", StringComparison.Ordinal)])
                    {
                        forms.UnionWith(HexCases(json, '\\'));
                    }
                }
            }
        }

        forms.RemoveWhere(f => f.Length < MinSecretLength);
        return [.. forms.OrderByDescending(f => f.Length).ThenBy(f => f, StringComparer.Ordinal)];

        // A form as written, and with its hex digits (after '%' or "\u") in lower and in upper case.
        static string[] HexCases(string form, char escape) =>
            form.Contains(escape, StringComparison.Ordinal)
                ? [form, ChangeHexCase(form, escape, upper: false), ChangeHexCase(form, escape, upper: true)]
                : [form];
    }

    // Escapes only what may not stand in a URI as it is (as Uri does to a raw string): reserved characters such as
    // '+', '/', '=' and '&' stay.
    private static string EscapeAsUri(string value)
    {
        var sb = new StringBuilder(value.Length);
        foreach (byte b in Encoding.UTF8.GetBytes(value))
        {
            char c = (char)b;
            if (b < 0x80 && (char.IsAsciiLetterOrDigit(c) || "-._~:/?#[]@!$&'()*+,;=".Contains(c, StringComparison.Ordinal)))
            {
                sb.Append(c);
            }
            else
            {
                sb.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return sb.ToString();
    }

    private static string ChangeHexCase(string form, char escape, bool upper)
    {
        char[] chars = form.ToCharArray();
        for (int i = 0; i < chars.Length; i++)
        {
            int start = escape == '%' && chars[i] == '%' ? i + 1
                : escape == '\\' && chars[i] == '\\' && i + 1 < chars.Length && chars[i + 1] == 'u' ? i + 2
                : -1;
            int length = escape == '%' ? 2 : 4;
            if (start < 0 || start + length > chars.Length)
            {
                continue;
            }

            for (int j = start; j < start + length; j++)
            {
                chars[j] = upper ? char.ToUpperInvariant(chars[j]) : char.ToLowerInvariant(chars[j]);
            }

            i = start + length - 1;
        }

        return new string(chars);
    }

    /// <summary>Replaces email addresses (also with a URL-encoded <c>@</c>) and international phone numbers
    /// (<c>+</c> and 8 to 15 digits, the <c>+</c> also URL-encoded or JSON-escaped) in a text with <see cref="PersonalDataMask"/>.</summary>
    internal static string RedactPersonalData(string text)
    {
        if (!MayHoldPersonalData(text))
        {
            return text;
        }

        StringBuilder? sb = null;
        int copied = 0;
        int i = 0;
        while (i < text.Length)
        {
            if (FindPersonalData(text, i, out int start, out int end) is false)
            {
                break;
            }

            sb ??= new StringBuilder(text.Length);
            sb.Append(text, copied, start - copied).Append(PersonalDataMask);
            copied = end;
            i = end;
        }

        return sb is null ? text : sb.Append(text, copied, text.Length - copied).ToString();
    }

    private static bool HoldsPersonalData(ReadOnlySpan<char> value) =>
        MayHoldPersonalData(value) && FindPersonalData(value.ToString(), 0, out _, out _);

    // A quick test before any scan: an '@' (or "%40") or a '+' (or "%2B", "\u002B") is needed.
    private static bool MayHoldPersonalData(ReadOnlySpan<char> text) =>
        text.IndexOfAny('@', '+', '%') >= 0 || text.Contains("\\u002", StringComparison.OrdinalIgnoreCase);

    // Finds the next email address or phone number at or after 'from'.
    private static bool FindPersonalData(string text, int from, out int start, out int end)
    {
        for (int i = from; i < text.Length; i++)
        {
            char c = text[i];
            int markLength = c == '@' ? 1
                : c == '%' && i + 2 < text.Length && text[i + 1] == '4' && text[i + 2] == '0' ? 3
                : 0;
            if (markLength > 0)
            {
                int left = i;
                while (left > 0 && IsLocalPartChar(text[left - 1]))
                {
                    left--;
                }

                int right = i + markLength;
                while (right < text.Length && (char.IsAsciiLetterOrDigit(text[right]) || text[right] is '.' or '-'))
                {
                    right++;
                }

                while (right > i + markLength && text[right - 1] is '.' or '-')
                {
                    right--;
                }

                if (left < i && text.AsSpan(i + markLength, right - i - markLength).Contains('.'))
                {
                    start = left;
                    end = right;
                    return true;
                }

                continue;
            }

            // '+', or escaped in a URL ("%2B") or in JSON ("\u002B"): an escaped one may follow anything but a letter
            // (as in "%20%2B1555…").
            int plusLength = c == '+' ? 1
                : c == '%' && i + 2 < text.Length && text[i + 1] == '2' && text[i + 2] is 'B' or 'b' ? 3
                : c == '\\' && text.AsSpan(i).StartsWith("\\u002B", StringComparison.OrdinalIgnoreCase) ? 6
                : 0;
            if (plusLength > 0 && (i == 0 || !char.IsAsciiLetter(text[i - 1])) && (plusLength > 1 || i == 0 || !char.IsAsciiDigit(text[i - 1])))
            {
                int digitsEnd = i + plusLength;
                while (digitsEnd < text.Length && char.IsAsciiDigit(text[digitsEnd]))
                {
                    digitsEnd++;
                }

                int digits = digitsEnd - i - plusLength;
                if (digits is >= 8 and <= 15 && (digitsEnd == text.Length || !char.IsAsciiLetterOrDigit(text[digitsEnd])))
                {
                    start = i;
                    end = digitsEnd;
                    return true;
                }
            }
        }

        start = end = text.Length;
        return false;
    }

    // Characters of an address's local part as it may be written in text, URL-encoded ('%') or JSON-escaped ('\').
    private static bool IsLocalPartChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '%' or '+' or '-' or '!' or '#' or '$' or '*' or '^' or '~' or '\\';

    /// <summary>Masks the values of sensitive <c>name=value</c> pairs in a query string or text.</summary>
    private string RedactQuery(string text)
    {
        if (text.IndexOf('=', StringComparison.Ordinal) < 0)
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        int i = 0;
        while (i < text.Length)
        {
            int eq = text.IndexOf('=', i);
            if (eq < 0)
            {
                sb.Append(text, i, text.Length - i);
                break;
            }

            // The name runs back from '=' to the previous separator.
            int nameStart = eq;
            while (nameStart > i && IsNameChar(text[nameStart - 1]))
            {
                nameStart--;
            }

            sb.Append(text, i, eq + 1 - i);
            int valueEnd = eq + 1;
            while (valueEnd < text.Length && text[valueEnd] is not ('&' or ' ' or '"' or '\'' or ',' or ';' or '\r' or '\n' or '<' or '>'))
            {
                valueEnd++;
            }

            string name = text[nameStart..eq];
            if (name.Length > 0 && IsSensitiveQueryParameter(Uri.UnescapeDataString(name)) && valueEnd > eq + 1)
            {
                sb.Append(Mask);
            }
            else
            {
                sb.Append(text, eq + 1, valueEnd - eq - 1);
            }

            i = valueEnd;
        }

        return sb.ToString();
    }

    private static string[] SecretPartsOf(IEnumerable<Uri>? urls)
    {
        if (urls is null)
        {
            return [];
        }

        var parts = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (Uri url in urls)
        {
            if (url is null || !url.IsAbsoluteUri)
            {
                continue;
            }

            foreach (string segment in url.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                AddPart(parts, segment);
            }

            string query = url.Query;
            foreach (string pair in (query.Length > 1 ? query[1..] : string.Empty).Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                int equals = pair.IndexOf('=', StringComparison.Ordinal);
                if (equals >= 0)
                {
                    AddPart(parts, pair[(equals + 1)..]);
                }
            }
        }

        return [.. parts.OrderByDescending(p => p.Length)];

        // A part as written in the URL, unescaped, and fully escaped: the forms a vendor or a handler may echo.
        static void AddPart(HashSet<string> parts, string written)
        {
            string unescaped = Uri.UnescapeDataString(written);
            foreach (string form in (ReadOnlySpan<string>)[written, unescaped, Uri.EscapeDataString(unescaped)])
            {
                if (form.Length >= MinSecretUrlPartLength)
                {
                    parts.Add(form);
                }
            }
        }
    }

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or '%';

    private static void Add(HashSet<string> set, IEnumerable<string>? names)
    {
        if (names is null)
        {
            return;
        }

        foreach (string name in names)
        {
            if (!string.IsNullOrWhiteSpace(name))
            {
                set.Add(name);
            }
        }
    }

    private sealed class SecretForms(string[] sources, string[] forms)
    {
        public string[] Forms { get; } = forms;

        // Whether the scheme still holds the same values, without copying them.
        public bool Matches(IEnumerable<string> values)
        {
            int i = 0;
            foreach (string value in values)
            {
                if (value is null)
                {
                    continue;
                }

                if (i == sources.Length || !string.Equals(sources[i], value, StringComparison.Ordinal))
                {
                    return false;
                }

                i++;
            }

            return i == sources.Length;
        }
    }
}
