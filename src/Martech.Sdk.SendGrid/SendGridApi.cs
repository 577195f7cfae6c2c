using System.Net.Http.Json;
using System.Text.Json.Serialization.Metadata;

namespace Martech.Sdk;

/// <summary>
/// The requests of one SendGrid instance through its shared transport: adds the <c>on-behalf-of</c> header when a
/// subuser is configured, names each operation, and writes and reads JSON with <see cref="SendGridJsonContext"/>.
/// </summary>
internal sealed class SendGridApi
{
    private const string OnBehalfOfHeader = "on-behalf-of";

    private readonly MartechHttpTransport _transport;
    private readonly string? _onBehalfOf;

    public SendGridApi(MartechHttpTransport transport, SendGridOptions options)
    {
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(options);
        _transport = transport;
        _onBehalfOf = options.OnBehalfOf;
    }

    public MartechHttpTransport Transport => _transport;

    /// <summary>Creates a request with the instance's headers and the operation's options.</summary>
    public HttpRequestMessage Create(HttpMethod method, Uri relativeUri, MartechRequestOptions operation, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, relativeUri) { Content = content };
        if (_onBehalfOf is not null)
        {
            request.Headers.TryAddWithoutValidation(OnBehalfOfHeader, _onBehalfOf);
        }

        operation.ApplyTo(request);
        return request;
    }

    /// <summary>Creates a request whose body is written as JSON straight to the request stream.</summary>
    public HttpRequestMessage CreateJson<T>(HttpMethod method, Uri relativeUri, MartechRequestOptions operation, T body, JsonTypeInfo<T> type) =>
        Create(method, relativeUri, operation, JsonContent.Create(body, type));

    /// <summary>Sends a request and returns the successful response; the transport maps errors.</summary>
    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        _transport.SendAsync(request, cancellationToken);

    /// <summary>GETs a JSON resource.</summary>
    public async Task<T> GetAsync<T>(string relativeUri, MartechRequestOptions operation, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        using HttpRequestMessage request = Create(HttpMethod.Get, new Uri(relativeUri, UriKind.Relative), operation);
        return await _transport.SendAsync(request, type, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends a request whose answer has no body of interest (204, 202).</summary>
    public async Task SendWithoutResultAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
