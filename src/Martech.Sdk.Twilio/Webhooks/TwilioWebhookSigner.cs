using System.Security.Cryptography;
using System.Text;

namespace Martech.Sdk.Twilio;

/// <summary>
/// Signs Twilio webhook requests the way Twilio does, so you can test your own endpoint: <c>X-Twilio-Signature</c> is
/// the Base64 of HMAC-SHA1, keyed with the auth token, over the full URL Twilio calls followed by each POST parameter
/// sorted by name (ordinal) as name then value; a name given several times adds each of its values, values sorted. A
/// webhook with a JSON body signs the URL alone, and the URL carries <c>bodySHA256</c>, the lowercase hex SHA-256 of the
/// body (<see cref="AppendBodyHash"/>, <see cref="SignJson"/>).
/// </summary>
/// <remarks>The URL is signed as text, exactly as Twilio calls it: pass the string, not a <see cref="Uri"/>'s
/// normalised form (<see cref="Uri.AbsoluteUri"/> drops a default port and rewrites percent-escapes).</remarks>
/// <example>
/// <code>
/// var form = new[] { KeyValuePair.Create("MessageSid", "SM123"), KeyValuePair.Create("MessageStatus", "delivered") };
/// var headers = TwilioWebhookSigner.CreateHeaders(authToken, "https://hooks.example.com/webhooks/twilio", form);
/// </code>
/// </example>
public static class TwilioWebhookSigner
{
    /// <summary>The signature header.</summary>
    public const string SignatureHeader = "X-Twilio-Signature";

    /// <summary>The query parameter that carries the body's SHA-256 on webhooks with a JSON body.</summary>
    public const string BodyHashParameter = "bodySHA256";

    /// <summary>Signs a request with form parameters (or, for GET and JSON-body webhooks, none).</summary>
    /// <param name="authToken">The auth token.</param>
    /// <param name="url">The full URL, query included, exactly as Twilio calls it.</param>
    /// <param name="parameters">The POST form parameters, in any order; <see langword="null"/> or empty for none.</param>
    /// <returns>The <c>X-Twilio-Signature</c> value.</returns>
    /// <exception cref="ArgumentException"><paramref name="authToken"/> or <paramref name="url"/> is empty.</exception>
    public static string Sign(string authToken, string url, IEnumerable<KeyValuePair<string, string>>? parameters = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(authToken);
        ArgumentException.ThrowIfNullOrEmpty(url);
        return Convert.ToBase64String(Compute(Encoding.UTF8.GetBytes(authToken), url, SortedParameters(parameters ?? [], distinct: false)));
    }

    /// <summary>Builds the signature header of a request.</summary>
    /// <param name="authToken">The auth token.</param>
    /// <param name="url">The full URL, exactly as Twilio calls it.</param>
    /// <param name="parameters">The POST form parameters; <see langword="null"/> for none.</param>
    /// <returns>The header.</returns>
    /// <exception cref="ArgumentException"><paramref name="authToken"/> or <paramref name="url"/> is empty.</exception>
    public static IReadOnlyList<KeyValuePair<string, string>> CreateHeaders(string authToken, string url, IEnumerable<KeyValuePair<string, string>>? parameters = null) =>
        [new(SignatureHeader, Sign(authToken, url, parameters))];

    /// <summary>Computes the <c>bodySHA256</c> value of a JSON body: the lowercase hex SHA-256 of its bytes.</summary>
    /// <param name="body">The exact body bytes.</param>
    /// <returns>64 lowercase hex digits.</returns>
    public static string ComputeBodyHash(ReadOnlySpan<byte> body)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(body, hash);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>Adds <c>bodySHA256</c> to a URL's query, as Twilio does for webhooks with a JSON body.</summary>
    /// <param name="url">The URL, with or without a query.</param>
    /// <param name="body">The exact body bytes.</param>
    /// <returns>The URL with <c>bodySHA256=&lt;hex&gt;</c> appended to its query (before any fragment).</returns>
    /// <exception cref="ArgumentException"><paramref name="url"/> is empty.</exception>
    public static string AppendBodyHash(string url, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(url);
        int hash = url.IndexOf('#', StringComparison.Ordinal);
        string beforeFragment = hash < 0 ? url : url[..hash];
        string fragment = hash < 0 ? string.Empty : url[hash..];
        char separator = !beforeFragment.Contains('?', StringComparison.Ordinal) ? '?' : beforeFragment.EndsWith('?') || beforeFragment.EndsWith('&') ? '\0' : '&';
        string prefix = separator == '\0' ? beforeFragment : beforeFragment + separator;
        return $"{prefix}{BodyHashParameter}={ComputeBodyHash(body)}{fragment}";
    }

    /// <summary>Signs a webhook with a JSON body: the URL alone, which must already carry <c>bodySHA256</c>
    /// (<see cref="AppendBodyHash"/>).</summary>
    /// <param name="authToken">The auth token.</param>
    /// <param name="urlWithBodyHash">The full URL with its <c>bodySHA256</c> parameter.</param>
    /// <returns>The <c>X-Twilio-Signature</c> value.</returns>
    /// <exception cref="ArgumentException">An argument is empty, or the URL has no <c>bodySHA256</c> parameter.</exception>
    public static string SignJson(string authToken, string urlWithBodyHash)
    {
        ArgumentException.ThrowIfNullOrEmpty(urlWithBodyHash);
        if (BodyHashOf(urlWithBodyHash) is null)
        {
            throw new ArgumentException($"The URL of a JSON webhook must carry {BodyHashParameter}; add it with {nameof(AppendBodyHash)}.", nameof(urlWithBodyHash));
        }

        return Sign(authToken, urlWithBodyHash);
    }

    /// <summary>Checks a signature against one exact URL and parameter list, in constant time. The receiver also tries
    /// the URL with and without its port; this does not.</summary>
    /// <param name="authToken">The auth token.</param>
    /// <param name="signature">The <c>X-Twilio-Signature</c> value.</param>
    /// <param name="url">The full URL, exactly as Twilio called it.</param>
    /// <param name="parameters">The POST form parameters; <see langword="null"/> for none.</param>
    /// <returns>Whether the signature matches; <see langword="false"/> for one that is not Base64.</returns>
    /// <exception cref="ArgumentException"><paramref name="authToken"/> or <paramref name="url"/> is empty.</exception>
    public static bool Verify(string authToken, string? signature, string url, IEnumerable<KeyValuePair<string, string>>? parameters = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(authToken);
        ArgumentException.ThrowIfNullOrEmpty(url);
        if (string.IsNullOrEmpty(signature))
        {
            return false;
        }

        byte[] expected = Compute(Encoding.UTF8.GetBytes(authToken), url, SortedParameters(parameters ?? [], distinct: false));
        return WebhookSignatures.FixedTimeEqualsBase64(expected, signature);
    }

    /// <summary>HMAC-SHA1 of the URL followed by the parameter text.</summary>
    internal static byte[] Compute(byte[] key, string url, string parameters)
    {
        byte[] data = Encoding.UTF8.GetBytes(string.Concat(url, parameters));
#pragma warning disable CA5350 // Twilio's scheme is HMAC-SHA1; the SDK verifies it, it does not choose it.
        return HMACSHA1.HashData(key, data);
#pragma warning restore CA5350
    }

    /// <summary>The parameters as Twilio signs them: sorted by name, then value (ordinal), each as name + value;
    /// <paramref name="distinct"/> drops a repeated identical pair, as Twilio's own validators do.</summary>
    internal static string SortedParameters(IEnumerable<KeyValuePair<string, string>> parameters, bool distinct)
    {
        KeyValuePair<string, string>[] sorted = [.. parameters];
        Array.Sort(sorted, static (a, b) =>
        {
            int byName = string.CompareOrdinal(a.Key, b.Key);
            return byName != 0 ? byName : string.CompareOrdinal(a.Value, b.Value);
        });

        var text = new StringBuilder();
        for (int i = 0; i < sorted.Length; i++)
        {
            if (distinct && i > 0 && sorted[i].Key == sorted[i - 1].Key && sorted[i].Value == sorted[i - 1].Value)
            {
                continue;
            }

            text.Append(sorted[i].Key).Append(sorted[i].Value);
        }

        return text.ToString();
    }

    /// <summary>The raw value of the first <c>bodySHA256</c> query parameter, or <see langword="null"/>.</summary>
    internal static string? BodyHashOf(string url)
    {
        int question = url.IndexOf('?', StringComparison.Ordinal);
        if (question < 0)
        {
            return null;
        }

        int fragment = url.IndexOf('#', question);
        ReadOnlySpan<char> query = fragment < 0 ? url.AsSpan(question + 1) : url.AsSpan(question + 1, fragment - question - 1);
        foreach (Range range in query.Split('&'))
        {
            ReadOnlySpan<char> pair = query[range];
            if (pair.StartsWith(BodyHashParameter + "=", StringComparison.Ordinal))
            {
                return pair[(BodyHashParameter.Length + 1)..].ToString();
            }
        }

        return null;
    }
}
