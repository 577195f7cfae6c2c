using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Martech.Sdk;

/// <summary>
/// What a provider uses to talk to its vendor: the instance's named <see cref="HttpClient"/> behind telemetry,
/// resilience, rate limiting and authentication, plus error mapping. Providers never create or dispose HTTP clients
/// or handlers; they resolve this keyed by their instance name.
/// </summary>
/// <remarks>
/// Failures surface as: <see cref="MartechRequestException"/> (and subtypes) when the vendor answered with an error
/// (with <see cref="MartechException.MayHaveBeenProcessed"/> set for a 5xx answer to a request that is not idempotent),
/// <see cref="MartechTimeoutException"/> when time ran out, <see cref="MartechTransportException"/> when no usable
/// answer came (connection failure, open circuit, unreadable body), and <see cref="OperationCanceledException"/>
/// only when the caller cancelled.
/// </remarks>
public sealed class MartechHttpTransport
{
    private readonly MartechTransportContext _context;
    private readonly HttpClient _client;

    internal MartechHttpTransport(MartechTransportContext context, HttpClient client)
    {
        _context = context;
        _client = client;
    }

    /// <summary>The provider instance name.</summary>
    public string Name => _context.Name;

    /// <summary>The vendor's base address; relative request URIs resolve against it.</summary>
    public Uri BaseAddress => _context.Options.BaseAddress!;

    /// <summary>Masks this instance's secrets in anything written about its requests.</summary>
    public MartechRedactor Redactor => _context.Redactor;

    /// <summary>Sends a request and returns the successful response, headers read and body not yet buffered.</summary>
    /// <param name="request">The request; its URI may be relative to <see cref="BaseAddress"/>. Attach
    /// <see cref="MartechRequestOptions"/> to name the operation or declare it idempotent.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response; dispose it.</returns>
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        HttpResponseMessage response;
        try
        {
            response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (Translate(_context.For(request), request, ex) is { } translated)
        {
            throw translated;
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            // The tenant's context on an instance with per-tenant credentials: its redactor knows the tenant's secrets.
            MartechTransportContext sent = _context.For(request);

            // The mapper learns whether the request is idempotent: a 5xx answer to one that is not may have been
            // processed, and the exception says so (MayHaveBeenProcessed) rather than reading as a plain refusal.
            var context = new MartechErrorContext(sent.Name, MartechRequestOptions.Of(request)?.Operation, sent.Redactor)
            {
                Idempotent = RetrySafety.IsIdempotent(request, sent.Options),
                NotProcessed = RetrySafety.IsNotProcessed(response, sent.Options),
            };
            throw await sent.ErrorMapper.MapAsync(response, context, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reads the whole body of a response <see cref="SendAsync(HttpRequestMessage, CancellationToken)"/>
    /// returned, for providers that parse it themselves. A body that breaks off or cannot be read surfaces as
    /// <see cref="MartechTransportException"/> with <see cref="MartechException.MayHaveBeenProcessed"/> set:
    /// the vendor answered, so it may have acted on the request.</summary>
    /// <param name="request">The request the response answers (it names the operation).</param>
    /// <param name="response">The response.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The body's bytes.</returns>
    /// <exception cref="MartechTransportException">The body could not be read.</exception>
    public async Task<byte[]> ReadBodyAsync(HttpRequestMessage request, HttpResponseMessage response, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(response);
        try
        {
            return await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException or NotSupportedException)
        {
            throw UnreadableBody(request, response, ex);
        }
    }

    /// <summary>Creates the exception for an answer whose body could not be read or understood, such as malformed
    /// JSON after a 2xx: a <see cref="MartechTransportException"/> with
    /// <see cref="MartechException.MayHaveBeenProcessed"/> set, since the vendor answered and may have acted
    /// on the request. Providers that parse bodies themselves throw it rather than saying the vendor refused.</summary>
    /// <param name="request">The request the response answers (it names the operation).</param>
    /// <param name="response">The response.</param>
    /// <param name="cause">What went wrong reading or parsing the body, if anything was thrown.</param>
    /// <param name="body">The body as text, when it was read but not understood; an excerpt of it, redacted, is
    /// quoted.</param>
    /// <returns>The exception to throw.</returns>
    public MartechTransportException UnreadableBody(HttpRequestMessage request, HttpResponseMessage response, Exception? cause = null, string? body = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(response);
        MartechTransportContext sent = _context.For(request);
        string problem = cause is not null
            ? $"its body could not be read: {sent.Redactor.RedactText(cause.Message)}"
            : string.IsNullOrWhiteSpace(body) ? "its body could not be read (it was empty or null)" : "its body could not be understood";
        string quoted = string.IsNullOrWhiteSpace(body) ? string.Empty : $" (body: \"{sent.Redactor.RedactText(MartechErrors.Excerpt(body))}\")";
        string outcome = RetrySafety.IsIdempotent(request, sent.Options)
            ? "."
            : "; the request may have been processed, so it was not sent again.";
        return new MartechTransportException(
            $"{sent.Name} {Operation(request)}: the vendor answered HTTP {(int)response.StatusCode} but {problem}{quoted}{outcome}",
            cause)
        {
            Provider = sent.Name,
            Operation = MartechRequestOptions.Of(request)?.Operation,
            MayHaveBeenProcessed = true,
        };
    }

    /// <summary>Sends a request and reads a JSON response with source-generated metadata.</summary>
    /// <typeparam name="TResponse">The response type.</typeparam>
    /// <param name="request">The request.</param>
    /// <param name="responseType">The response's JSON metadata.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response value.</returns>
    public async Task<TResponse> SendAsync<TResponse>(HttpRequestMessage request, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(responseType);
        using HttpResponseMessage response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        return await ReadJsonAsync(request, response, responseType, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends a JSON body, written straight to the request stream with source-generated metadata, and reads a
    /// JSON response.</summary>
    /// <typeparam name="TRequest">The request body type.</typeparam>
    /// <typeparam name="TResponse">The response type.</typeparam>
    /// <param name="method">The HTTP method.</param>
    /// <param name="relativeUri">The path (and query) relative to <see cref="BaseAddress"/>.</param>
    /// <param name="body">The body.</param>
    /// <param name="requestType">The body's JSON metadata.</param>
    /// <param name="responseType">The response's JSON metadata.</param>
    /// <param name="options">The operation name and idempotency.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response value.</returns>
    public Task<TResponse> SendJsonAsync<TRequest, TResponse>(
        HttpMethod method,
        string relativeUri,
        TRequest body,
        JsonTypeInfo<TRequest> requestType,
        JsonTypeInfo<TResponse> responseType,
        MartechRequestOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(relativeUri);
        ArgumentNullException.ThrowIfNull(requestType);
        var request = new HttpRequestMessage(method, new Uri(relativeUri, UriKind.Relative))
        {
            Content = JsonContent.Create(body, requestType),
        };
        options?.ApplyTo(request);
        return SendAndDisposeAsync(request, responseType, cancellationToken);
    }

    private async Task<TResponse> SendAndDisposeAsync<TResponse>(HttpRequestMessage request, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken)
    {
        using (request)
        {
            return await SendAsync(request, responseType, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reads a JSON body of a response <see cref="SendAsync(HttpRequestMessage, CancellationToken)"/> returned,
    /// with source-generated metadata, for providers that look at the response (its status, its headers) before
    /// parsing it. A body that breaks off, is malformed, or is empty or <c>null</c> surfaces as
    /// <see cref="UnreadableBody"/> does: a <see cref="MartechTransportException"/> with
    /// <see cref="MartechException.MayHaveBeenProcessed"/> set, never as a refusal.</summary>
    /// <typeparam name="T">The body type.</typeparam>
    /// <param name="request">The request the response answers (it names the operation).</param>
    /// <param name="response">The response.</param>
    /// <param name="type">The body's JSON metadata.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The body's value.</returns>
    /// <exception cref="MartechTransportException">The body could not be read or understood.</exception>
    public async Task<T> ReadJsonAsync<T>(HttpRequestMessage request, HttpResponseMessage response, JsonTypeInfo<T> type, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(type);
        try
        {
            T? value = await response.Content.ReadFromJsonAsync(type, cancellationToken).ConfigureAwait(false);
            return value ?? throw new JsonException("The response body was empty or null.");
        }
        catch (Exception ex) when (ex is JsonException or IOException or HttpRequestException or NotSupportedException)
        {
            throw UnreadableBody(request, response, ex);
        }
    }

    /// <summary>Turns a transport failure into the SDK's exception; <see langword="null"/> to let it pass.</summary>
    private static MartechException? Translate(MartechTransportContext context, HttpRequestMessage request, Exception ex)
    {
        string operation = Operation(request);
        string? declared = MartechRequestOptions.Of(request)?.Operation;
        bool idempotent = RetrySafety.IsIdempotent(request, context.Options);
        switch (ex)
        {
            case TimeoutRejectedException timeout:
                return new MartechTimeoutException(
                    $"{context.Name} {operation} timed out after {timeout.Timeout.TotalSeconds:0.###} s{(idempotent ? "." : "; the vendor may have processed it, so it was not sent again.")}",
                    ex)
                { Provider = context.Name, Operation = declared, Timeout = timeout.Timeout, MayHaveBeenProcessed = true };
            case BrokenCircuitException broken:
                // Its inner exception is the failure that opened the circuit, whose message may echo a secret or an address.
                Exception cause = broken.InnerException is HttpRequestException opened && Redacted(context, request, opened) is var copy && copy != opened
                    ? broken.RetryAfter is { } retryAfter ? new BrokenCircuitException(broken.Message, retryAfter, copy) : new BrokenCircuitException(broken.Message, copy)
                    : ex;
                return new MartechTransportException($"{context.Name} {operation} was not sent: too many recent failures opened the circuit breaker.", cause)
                { Provider = context.Name, Operation = declared, MayHaveBeenProcessed = false };
            case MartechException:
                return null;
            case HttpRequestException http:
                bool before = RetrySafety.FailedBeforeSending(http);
                // A handler whose message echoes a secret (a URL, a key) must not carry it out as the inner exception
                // either: ToString() and loggers print inner exceptions. Keep a redacted copy instead.
                HttpRequestException inner = Redacted(context, request, http);
                string error = inner.Message;
                return new MartechTransportException(
                    $"{context.Name} {operation} failed: {error}{(before ? " (not sent)." : idempotent ? "." : "; the vendor may have processed it, so it was not sent again.")}",
                    inner)
                { Provider = context.Name, Operation = declared, MayHaveBeenProcessed = !before };
            case OperationCanceledException:
                // Not the caller's token: HttpClient's own timeout.
                return new MartechTimeoutException($"{context.Name} {operation} timed out.", ex)
                { Provider = context.Name, Operation = declared, MayHaveBeenProcessed = true };
            default:
                return null;
        }
    }

    /// <summary>The exception itself when its message holds nothing to redact, else a copy with the message redacted
    /// (the request's URL described without secrets or personal data).</summary>
    private static HttpRequestException Redacted(MartechTransportContext context, HttpRequestMessage request, HttpRequestException http)
    {
        string error = context.Redactor.RedactText(http.Message, request.RequestUri, MartechRequestOptions.Of(request)?.UrlTemplate);
        return error == http.Message ? http : new HttpRequestException(http.HttpRequestError, error, http.InnerException, http.StatusCode);
    }

    private static string Operation(HttpRequestMessage request) =>
        MartechRequestOptions.Of(request)?.Operation ?? $"{request.Method.Method} request";
}
