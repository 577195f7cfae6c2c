using System.Net;

namespace Martech.Sdk;

/// <summary>A raw incoming webhook request, exactly as received: verification needs the unmodified body bytes and, for
/// vendors that sign the URL (Twilio, HubSpot), the URL the vendor called, as the vendor saw it (behind a proxy, the
/// public URL, not the one the application sees).</summary>
public sealed class WebhookRequest
{
    /// <summary>Creates a request.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="url">The full public URL the vendor called, query included (some signatures cover it).</param>
    /// <param name="headers">The headers; looked up case-insensitively. Repeated headers are joined with commas.</param>
    /// <param name="body">The body bytes, unmodified: not re-encoded, not trimmed, not re-serialised.</param>
    public WebhookRequest(string method, Uri url, IEnumerable<KeyValuePair<string, string>> headers, ReadOnlyMemory<byte> body)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(headers);
        if (!url.IsAbsoluteUri)
        {
            throw new ArgumentException($"The webhook URL must be absolute (was '{url}').", nameof(url));
        }

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

    /// <summary>The full public URL.</summary>
    public Uri Url { get; }

    /// <summary>The headers, case-insensitive.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>The unmodified body.</summary>
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>The address the request came from, for receivers that check an allow-list.</summary>
    public IPAddress? RemoteAddress { get; init; }

    /// <summary>Marks a request you stored yourself and are processing again: the signature is still verified, the
    /// timestamp is not (a stored request is always older than the tolerance). Set it only for such replays; a request
    /// from the network is always checked against the clock.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool IsReplay { get; init; }

    /// <summary>Gets a header's value.</summary>
    /// <param name="name">The header name, in any case.</param>
    /// <returns>The value, or <see langword="null"/> when the header is missing or empty.</returns>
    public string? Header(string name) => Headers.TryGetValue(name, out string? value) && value.Length > 0 ? value : null;
}
