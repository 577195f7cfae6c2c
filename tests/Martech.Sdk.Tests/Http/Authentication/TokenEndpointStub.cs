using System.Net;
using System.Text;
using RichardSzalay.MockHttp;

namespace Martech.Sdk.Tests.Http;

/// <summary>
/// An OAuth2 token endpoint on MockHttp: records every token request (form body, Authorization), answers with queued
/// responses or, when none is queued, with a new token each time ("at-1", "at-2", …), and can hold its answers behind
/// a gate so concurrent callers really overlap. Queued network failures are thrown by a handler in front of MockHttp,
/// which does not pass a responder's exception on to the caller.
/// </summary>
internal sealed class TokenEndpointStub : IDisposable
{
    public static readonly Uri Url = new("https://login.example.com/oauth2/token");

    private readonly Lock _gate = new();
    private readonly Queue<Func<HttpResponseMessage>> _queued = new();
    private readonly Queue<Exception> _failures = new();
    private readonly List<RecordedTokenRequest> _requests = [];
    private readonly MockHttpMessageHandler _mock = new();
    private int _issued;

    public TokenEndpointStub()
    {
        _mock.When(HttpMethod.Post, Url.AbsoluteUri).Respond(HandleAsync);
        _mock.Fallback.Respond(HttpStatusCode.NotFound);
        Client = new HttpClient(new FailureHandler(this) { InnerHandler = _mock });
    }

    /// <summary>The client the scheme under test sends token requests with.</summary>
    public HttpClient Client { get; }

    /// <summary>The lifetime of generated tokens, in seconds; <see langword="null"/> to send no <c>expires_in</c>.</summary>
    public int? ExpiresIn { get; set; } = 3600;

    /// <summary>When set, every answer waits for it.</summary>
    public TaskCompletionSource? Hold { get; set; }

    /// <summary>Completed when the first token request arrives.</summary>
    public TaskCompletionSource FirstRequest { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int RequestCount
    {
        get
        {
            lock (_gate)
            {
                return _requests.Count;
            }
        }
    }

    public IReadOnlyList<RecordedTokenRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    public void EnqueueJson(HttpStatusCode status, string json, Action<HttpResponseMessage>? configure = null)
    {
        lock (_gate)
        {
            _queued.Enqueue(() =>
            {
                var response = new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
                configure?.Invoke(response);
                return response;
            });
        }
    }

    public void EnqueueToken(string accessToken, int? expiresIn = 3600, string? refreshToken = null)
    {
        EnqueueJson(HttpStatusCode.OK, TokenJson(accessToken, expiresIn, refreshToken));
    }

    public void EnqueueFailure(Exception exception)
    {
        lock (_gate)
        {
            _failures.Enqueue(exception);
        }
    }

    public void Dispose()
    {
        Client.Dispose();
        _mock.Dispose();
    }

    public async Task<Exception?> TryFailAsync(HttpRequestMessage request)
    {
        RecordedTokenRequest recorded = await RecordAsync(request);
        lock (_gate)
        {
            if (!_failures.TryDequeue(out Exception? failure))
            {
                return null;
            }

            _requests.Add(recorded);
            return failure;
        }
    }

    public static string TokenJson(string accessToken, int? expiresIn, string? refreshToken)
    {
        var json = new StringBuilder("{\"access_token\":\"").Append(accessToken).Append("\",\"token_type\":\"bearer\"");
        if (expiresIn is { } seconds)
        {
            json.Append(",\"expires_in\":").Append(seconds);
        }

        if (refreshToken is not null)
        {
            json.Append(",\"refresh_token\":\"").Append(refreshToken).Append('"');
        }

        return json.Append('}').ToString();
    }

    private static async Task<RecordedTokenRequest> RecordAsync(HttpRequestMessage request) => new(
        request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(),
        request.Content?.Headers.ContentType?.MediaType,
        request.Headers.Authorization?.ToString(),
        request.Headers.Accept.ToString());

    private async Task<HttpResponseMessage> HandleAsync(HttpRequestMessage request)
    {
        RecordedTokenRequest recorded = await RecordAsync(request);
        Func<HttpResponseMessage> respond;
        lock (_gate)
        {
            _requests.Add(recorded);
            if (!_queued.TryDequeue(out respond!))
            {
                int n = ++_issued;
                int? expiresIn = ExpiresIn;
                respond = () => new HttpResponseMessage(HttpStatusCode.OK)
                {
                    Content = new StringContent(TokenJson($"at-{n}", expiresIn, refreshToken: null), Encoding.UTF8, "application/json"),
                };
            }
        }

        FirstRequest.TrySetResult();
        if (Hold is { } hold)
        {
            await hold.Task;
        }

        return respond();
    }
}

/// <summary>Throws the next queued network failure instead of answering, recording the request like any other.</summary>
internal sealed class FailureHandler(TokenEndpointStub stub) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (await stub.TryFailAsync(request) is { } failure)
        {
            throw failure;
        }

        return await base.SendAsync(request, cancellationToken);
    }
}

/// <summary>What the token endpoint received.</summary>
internal sealed record RecordedTokenRequest(string Body, string? ContentType, string? Authorization, string Accept);
