using System.Text;

namespace Martech.Sdk;

/// <summary>
/// Masks secrets in what the SDK writes about a request: header values, query parameters and any text that
/// echoes a credential. One redactor per provider instance knows the instance's header names, query parameters
/// and current secret values.
/// </summary>
public sealed class MartechRedactor
{
    /// <summary>What a secret is replaced with.</summary>
    public const string Mask = "***";

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

    /// <summary>Creates a redactor.</summary>
    /// <param name="sensitiveHeaders">Header names to mask, besides the built-in list.</param>
    /// <param name="sensitiveQueryParameters">Query parameter names to mask, besides the built-in list.</param>
    /// <param name="authentication">The scheme whose secret values are masked in any text.</param>
    public MartechRedactor(IEnumerable<string>? sensitiveHeaders = null, IEnumerable<string>? sensitiveQueryParameters = null, MartechAuthentication? authentication = null)
    {
        _headers = new HashSet<string>(BuiltInHeaders, StringComparer.OrdinalIgnoreCase);
        _queryParameters = new HashSet<string>(BuiltInQueryParameters, StringComparer.OrdinalIgnoreCase);
        _authentication = authentication;
        Add(_headers, sensitiveHeaders);
        Add(_headers, authentication?.SecretHeaders);
        Add(_queryParameters, sensitiveQueryParameters);
        Add(_queryParameters, authentication?.SecretQueryParameters);
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

    /// <summary>Describes a URL without user info and with sensitive query values masked.</summary>
    /// <param name="uri">The URL.</param>
    /// <returns>The safe text.</returns>
    public string RedactUrl(Uri? uri)
    {
        if (uri is null)
        {
            return string.Empty;
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

    /// <summary>Masks the current secret values of the authentication scheme, and <c>name=value</c> pairs of
    /// sensitive query parameters, anywhere in a text such as a vendor's error body.</summary>
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
