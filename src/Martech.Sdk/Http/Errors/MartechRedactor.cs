using System.Text;

namespace Martech.Sdk;

/// <summary>
/// Masks secrets in what the SDK writes about a request: header values, query parameters and any text that
/// echoes a credential. One redactor per provider instance knows the instance's header names, query parameters,
/// current secret values and, for vendors whose URLs are credentials (webhooks), whether URL paths are secret and
/// which URLs are.
/// </summary>
public sealed class MartechRedactor
{
    /// <summary>What a secret is replaced with.</summary>
    public const string Mask = "***";

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

    private readonly HashSet<string> _headers;
    private readonly HashSet<string> _queryParameters;
    private readonly MartechAuthentication? _authentication;

    // Parts of secret URLs, longest first so a part is masked before any shorter part inside it.
    private readonly string[] _secretUrlParts;

    /// <summary>Creates a redactor.</summary>
    /// <param name="sensitiveHeaders">Header names to mask, besides the built-in list.</param>
    /// <param name="sensitiveQueryParameters">Query parameter names to mask, besides the built-in list.</param>
    /// <param name="authentication">The scheme whose secret values are masked in any text.</param>
    /// <param name="urlPathsAreSecret">Whether URL paths carry credentials: <see cref="RedactUrl"/> then shows only
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

    /// <summary>Whether URL paths carry credentials, so <see cref="RedactUrl"/> shows none.</summary>
    public bool UrlPathsAreSecret { get; }

    /// <summary>Describes a URL without user info and with sensitive query values masked; when
    /// <see cref="UrlPathsAreSecret"/>, as its scheme and host followed by <c>/***</c> (no path, no query).</summary>
    /// <param name="uri">The URL.</param>
    /// <returns>The safe text.</returns>
    public string RedactUrl(Uri? uri)
    {
        if (uri is null)
        {
            return string.Empty;
        }

        if (UrlPathsAreSecret)
        {
            return uri.IsAbsoluteUri ? string.Concat(uri.Scheme, "://", uri.Authority, "/", Mask) : Mask;
        }

        if (!uri.IsAbsoluteUri)
        {
            return RedactQuery(uri.OriginalString);
        }

        string query = uri.Query;
        var sb = new StringBuilder(uri.Scheme).Append("://").Append(uri.Authority).Append(uri.AbsolutePath);
        if (query.Length > 1)
        {
            sb.Append(RedactQuery(query));
        }

        return sb.ToString();
    }

    /// <summary>Masks the current secret values of the authentication scheme, the long parts of secret URLs, and
    /// <c>name=value</c> pairs of sensitive query parameters, anywhere in a text such as a vendor's error body.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The safe text.</returns>
    public string RedactText(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        if (_authentication is not null)
        {
            foreach (string secret in _authentication.SecretValues)
            {
                // Very short values would mask innocent text; real credentials are long.
                if (secret is { Length: >= 6 })
                {
                    text = text.Replace(secret, Mask, StringComparison.Ordinal);
                }
            }
        }

        foreach (string part in _secretUrlParts)
        {
            text = text.Replace(part, Mask, StringComparison.OrdinalIgnoreCase);
        }

        return RedactQuery(text);
    }

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
}
