using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Martech.Sdk.Pipedrive;

/// <summary>
/// Sends one Pipedrive request through the instance's shared transport and unwraps the response envelope. API v2 paths
/// are relative to the transport's base address; API v1 paths resolve against the v1 base address. A body with
/// <c>"success": false</c> is a failure whatever the HTTP status: it raises the same exception an error status would.
/// </summary>
internal sealed class PipedriveApi
{
    private readonly MartechHttpTransport _transport;
    private readonly Uri _v1BaseAddress;

    public PipedriveApi(MartechHttpTransport transport, Uri v1BaseAddress)
    {
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(v1BaseAddress);
        _transport = transport;
        _v1BaseAddress = v1BaseAddress;
    }

    /// <summary>The provider instance name.</summary>
    public string Name => _transport.Name;

    /// <summary>An API v2 path (and query), relative to the transport's base address.</summary>
    public static Uri V2(string pathAndQuery) => new(pathAndQuery, UriKind.Relative);

    /// <summary>An API v1 path (and query), made absolute against the v1 base address.</summary>
    public Uri V1(string pathAndQuery) => new(_v1BaseAddress, pathAndQuery);

    /// <summary>Sends a request without a body.</summary>
    public Task<PipedriveEnvelope<T>> SendAsync<T>(HttpMethod method, Uri uri, JsonTypeInfo<PipedriveEnvelope<T>> responseType, string operation, CancellationToken cancellationToken) =>
        SendCoreAsync(method, uri, null, responseType, operation, cancellationToken);

    /// <summary>Sends a JSON body, written with source-generated metadata.</summary>
    public Task<PipedriveEnvelope<T>> SendAsync<TBody, T>(HttpMethod method, Uri uri, TBody body, JsonTypeInfo<TBody> bodyType, JsonTypeInfo<PipedriveEnvelope<T>> responseType, string operation, CancellationToken cancellationToken) =>
        SendCoreAsync(method, uri, JsonContent.Create(body, bodyType), responseType, operation, cancellationToken);

    /// <summary>Sends a GET and returns <see langword="null"/> when Pipedrive answers 404.</summary>
    public async Task<PipedriveEnvelope<T>?> GetOrNullAsync<T>(Uri uri, JsonTypeInfo<PipedriveEnvelope<T>> responseType, string operation, CancellationToken cancellationToken)
    {
        try
        {
            return await SendCoreAsync(HttpMethod.Get, uri, null, responseType, operation, cancellationToken).ConfigureAwait(false);
        }
        catch (MartechNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Creates a not-found exception for an object the caller named, in the shape the transport uses.</summary>
    public MartechNotFoundException NotFound(string operation, string message) =>
        new($"{Name} {operation} failed: {message}") { Provider = Name, StatusCode = System.Net.HttpStatusCode.NotFound };

    private async Task<PipedriveEnvelope<T>> SendCoreAsync<T>(HttpMethod method, Uri uri, HttpContent? content, JsonTypeInfo<PipedriveEnvelope<T>> responseType, string operation, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, uri) { Content = content };
        new MartechRequestOptions { Operation = operation }.ApplyTo(request);
        using HttpResponseMessage response = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);

        // Read through the transport: a body that breaks off or is not JSON came after Pipedrive may have acted.
        PipedriveEnvelope<T> envelope = await _transport.ReadJsonAsync(request, response, responseType, cancellationToken).ConfigureAwait(false);
        if (envelope.Success == false)
        {
            string? code = envelope.Code ?? (envelope.ErrorCode is { ValueKind: JsonValueKind.Number or JsonValueKind.String } raw ? raw.ToString() : null);
            string message = PipedriveErrorMapper.Compose(envelope.Error, envelope.ErrorInfo) ?? "Pipedrive answered \"success\": false without an error message.";
            throw MartechErrors.Create(response, new MartechErrorContext(Name, operation, _transport.Redactor), message, code);
        }

        return envelope;
    }
}
