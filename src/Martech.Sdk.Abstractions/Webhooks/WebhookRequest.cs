namespace Martech.Sdk;

/// <summary>A raw incoming webhook request, exactly as received: verification needs the unmodified body.</summary>
public sealed class WebhookRequest
{
    /// <summary>Creates a request.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="url">The full URL the vendor called (some signatures cover it).</param>
    /// <param name="headers">The headers; looked up case-insensitively.</param>
    /// <param name="body">The body bytes, unmodified.</param>
    public WebhookRequest(string method, Uri url, IEnumerable<KeyValuePair<string, string>> headers, ReadOnlyMemory<byte> body)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(headers);
        Method = method;
        Url = url;
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in headers)
        {
            // Repeated headers are joined as HTTP does.
            map[name] = map.TryGetValue(name, out var existing) ? existing + "," + value : value;
        }

        Headers = map;
        Body = body;
    }

    /// <summary>The HTTP method.</summary>
    public string Method { get; }

    /// <summary>The full URL.</summary>
    public Uri Url { get; }

    /// <summary>The headers, case-insensitive.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>The unmodified body.</summary>
    public ReadOnlyMemory<byte> Body { get; }
}
