using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Martech.Sdk.Testing;

/// <summary>
/// One request a <see cref="VendorEmulator"/> received, as recorded in its <see cref="EmulatorRequestLog"/>: what the
/// client sent, when it arrived, and what the emulator did with it (status, rate limit, injected fault).
/// </summary>
/// <remarks>
/// The request is recorded when it arrives, before it is processed. <see cref="StatusCode"/> is filled in just before the
/// response headers go out, so a client that has read a response always sees its status here; <see cref="Completion"/>
/// completes when the emulator is done with the request, which is what to await after a reset or an abandoned request.
/// </remarks>
public sealed class RecordedRequest
{
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ReadOnlyMemory<byte> _body;
    private string? _bodyText;
    private int _statusCode;
    private EmulatorFault? _fault;
    private int _rateLimitState; // 0 not counted by the rate limit, 1 counted and admitted, 2 counted and rejected
    private Exception? _exception;
    private int _aborted;

    internal RecordedRequest(
        long sequence,
        string method,
        string path,
        string queryString,
        IReadOnlyDictionary<string, string> query,
        IReadOnlyDictionary<string, string> headers,
        ReadOnlyMemory<byte> body,
        DateTimeOffset arrivedAt)
    {
        Sequence = sequence;
        Method = method;
        Path = path;
        QueryString = queryString;
        Query = query;
        Headers = headers;
        _body = body;
        ArrivedAt = arrivedAt;
    }

    /// <summary>Gets the request's position among every request the emulator received, starting at 1.</summary>
    public long Sequence { get; }

    /// <summary>Gets the HTTP method, upper case, such as <c>POST</c>.</summary>
    public string Method { get; }

    /// <summary>Gets the path, starting with <c>/</c>, such as <c>/crm/v3/objects/contacts</c>.</summary>
    public string Path { get; }

    /// <summary>Gets the raw query string including its leading <c>?</c>, or an empty string when there is none.</summary>
    public string QueryString { get; }

    /// <summary>Gets the decoded query parameters; a repeated parameter's values are joined with a comma
    /// (see <see cref="QueryString"/> for the exact wire form).</summary>
    public IReadOnlyDictionary<string, string> Query { get; }

    /// <summary>Gets the request headers, case-insensitive; a repeated header's values are joined with a comma.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>Gets the request body bytes (empty when there was none).</summary>
    public ReadOnlyMemory<byte> Body => _body;

    /// <summary>Gets the request body decoded as UTF-8.</summary>
    public string BodyText => _bodyText ??= Encoding.UTF8.GetString(_body.Span);

    /// <summary>Gets the <c>Content-Type</c> header, or <see langword="null"/>.</summary>
    public string? ContentType => GetHeader("Content-Type");

    /// <summary>Gets when the request arrived, by the emulator's <see cref="VendorEmulator.TimeProvider"/>.</summary>
    public DateTimeOffset ArrivedAt { get; }

    /// <summary>Gets the status the emulator answered, or <see langword="null"/> while it has not answered and when it never
    /// did (a connection reset, or a held response the client gave up on).</summary>
    public int? StatusCode => Volatile.Read(ref _statusCode) is var status and > 0 ? status : null;

    /// <summary>Gets the fault injected into this request, or <see langword="null"/> when none was.</summary>
    public EmulatorFault? Fault => Volatile.Read(ref _fault);

    /// <summary>Gets whether the emulator's <see cref="VendorEmulator.RateLimit"/> rejected the request with 429
    /// (a 429 injected by a fault shows in <see cref="Fault"/> instead).</summary>
    public bool RateLimited => Volatile.Read(ref _rateLimitState) == 2;

    /// <summary>Gets whether the emulator's <see cref="VendorEmulator.RateLimit"/> counted the request, admitted or
    /// rejected: <see langword="false"/> with no limit set, and for requests the vendor does not count (such as
    /// Salesforce's OAuth token requests) or the limit's <see cref="EmulatorRateLimit.AppliesTo"/> leaves out.</summary>
    public bool CountedByRateLimit => Volatile.Read(ref _rateLimitState) != 0;

    /// <summary>Gets the exception a route threw while handling the request (the client got a 500), or
    /// <see langword="null"/>; an emulator's own bug shows here rather than only as a status.</summary>
    public Exception? Exception => Volatile.Read(ref _exception);

    /// <summary>Gets a task that completes when the emulator has finished with the request: answered it, reset it, or
    /// given up on a client that left.</summary>
    public Task Completion => _completion.Task;

    /// <summary>Gets a header's value (repeated values joined with a comma), or <see langword="null"/> when absent.</summary>
    /// <param name="name">The header name, case-insensitive.</param>
    /// <returns>The value, or <see langword="null"/>.</returns>
    public string? GetHeader(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return Headers.TryGetValue(name, out string? value) ? value : null;
    }

    /// <summary>Gets a query parameter's decoded value (repeated values joined with a comma), or <see langword="null"/>.</summary>
    /// <param name="name">The parameter name, case-sensitive as on the wire.</param>
    /// <returns>The value, or <see langword="null"/>.</returns>
    public string? GetQuery(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return Query.TryGetValue(name, out string? value) ? value : null;
    }

    /// <summary>Deserializes the body as JSON.</summary>
    /// <typeparam name="T">The type to read.</typeparam>
    /// <param name="options">Serializer options; <see langword="null"/> for <see cref="EmulatorJson.CamelCase"/>.</param>
    /// <returns>The value.</returns>
    /// <exception cref="JsonException">The body is not valid JSON for <typeparamref name="T"/>.</exception>
    public T? ReadJson<T>(JsonSerializerOptions? options = null) =>
        JsonSerializer.Deserialize<T>(_body.Span, options ?? EmulatorJson.CamelCase);

    /// <summary>Parses the body as a JSON node, for assertions on a vendor's exact wire shape.</summary>
    /// <returns>The node, or <see langword="null"/> for a JSON <c>null</c>.</returns>
    /// <exception cref="JsonException">The body is not valid JSON.</exception>
    public JsonNode? ReadJsonNode() => JsonNode.Parse(_body.Span);

    /// <summary>Describes the request, such as <c>#3 POST /v1/items?x=1 → 201</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString()
    {
        string outcome = StatusCode?.ToString(CultureInfo.InvariantCulture) ?? "no response";
        string fault = Fault is { } f ? $" [{f}]" : RateLimited ? " [rate limited]" : string.Empty;
        return $"#{Sequence.ToString(CultureInfo.InvariantCulture)} {Method} {Path}{QueryString} → {outcome}{fault}";
    }

    internal static RecordedRequest Create(long sequence, HttpRequest request, ReadOnlyMemory<byte> body, DateTimeOffset arrivedAt)
    {
        var headers = new Dictionary<string, string>(request.Headers.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var header in request.Headers)
        {
            headers[header.Key] = header.Value.ToString();
        }

        var query = new Dictionary<string, string>(request.Query.Count, StringComparer.Ordinal);
        foreach (var parameter in request.Query)
        {
            query[parameter.Key] = parameter.Value.ToString();
        }

        string path = request.PathBase.Add(request.Path).Value is { Length: > 0 } value ? value : "/";
        return new RecordedRequest(sequence, request.Method.ToUpperInvariant(), path, request.QueryString.Value ?? string.Empty, query, headers, body, arrivedAt);
    }

    // Kestrel still runs OnStarting for a response it will never send once the app returns from an aborted request.
    internal void SetStatusCode(int statusCode)
    {
        if (Volatile.Read(ref _aborted) == 0)
        {
            Volatile.Write(ref _statusCode, statusCode);
        }
    }

    internal void MarkAborted() => Volatile.Write(ref _aborted, 1);

    internal void SetFault(EmulatorFault fault) => Volatile.Write(ref _fault, fault);

    internal void SetException(Exception exception) => Volatile.Write(ref _exception, exception);

    internal void MarkCountedByRateLimit() => Volatile.Write(ref _rateLimitState, 1);

    internal void MarkRateLimited() => Volatile.Write(ref _rateLimitState, 2);

    internal void Complete() => _completion.TrySetResult();
}
