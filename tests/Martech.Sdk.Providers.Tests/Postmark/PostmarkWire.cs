using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Martech.Sdk.Postmark;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RichardSzalay.MockHttp;

namespace Martech.Sdk.Providers.Tests.Postmark;

/// <summary>
/// A Postmark instance built through DI as a user would, with MockHttp as the primary handler: every request is
/// captured (method, full URI, headers, body) for exact assertions; unexpected requests fail the test.
/// </summary>
internal sealed class PostmarkWire : IAsyncDisposable
{
    public const string Token = "pm-server-token-SECRET-0123";
    public const string Api = "https://api.postmarkapp.com/";

    private readonly ServiceProvider _services;

    private PostmarkWire(ServiceProvider services, MockHttpMessageHandler mock, string name)
    {
        _services = services;
        Mock = mock;
        Name = name;
    }

    public MockHttpMessageHandler Mock { get; }

    public string Name { get; }

    public ConcurrentQueue<CapturedRequest> Requests { get; } = new();

    public IServiceProvider Services => _services;

    public IEmailSender Sender => _services.GetRequiredKeyedService<IEmailSender>(Name);

    public IEmailSuppressionList Suppressions => _services.GetRequiredKeyedService<IEmailSuppressionList>(Name);

    public static PostmarkWire Create(Action<PostmarkOptions>? configure = null, string name = "Postmark", IConfiguration? configuration = null, TimeProvider? time = null)
    {
        var mock = new MockHttpMessageHandler();
        mock.Fallback.Throw(new InvalidOperationException("The provider sent a request no test expected."));
        var services = new ServiceCollection();
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        MartechBuilder martech = configuration is null ? services.AddMartech() : services.AddMartech(configuration);
        martech.AddPostmark(name, o =>
        {
            o.ServerToken ??= Token;
            if (configuration is null)
            {
                o.Resilience.BaseDelay = TimeSpan.FromMilliseconds(1);
                o.Resilience.MaxDelay = TimeSpan.FromMilliseconds(2);
                o.RateLimitPermits = 10_000;
            }

            configure?.Invoke(o);
        });
        services.AddHttpClient(name).ConfigurePrimaryHttpMessageHandler(() => mock);
        return new PostmarkWire(services.BuildServiceProvider(), mock, name);
    }

    /// <summary>Answers requests to a path (no query) with a JSON body, capturing each.</summary>
    public void On(HttpMethod method, string path, HttpStatusCode status, string json, params (string Name, string Value)[] headers) =>
        On(method, path, _ => Json(status, json, headers));

    /// <summary>Answers requests to a path (no query) with what <paramref name="respond"/> builds from the captured request.</summary>
    public void On(HttpMethod method, string path, Func<CapturedRequest, HttpResponseMessage> respond) =>
        Mock.When(method, Api + path).Respond(async request =>
        {
            var captured = await CapturedRequest.FromAsync(request);
            Requests.Enqueue(captured);
            return respond(captured);
        });

    public static HttpResponseMessage Json(HttpStatusCode status, string json, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }

    public CapturedRequest Single()
    {
        Assert.Single(Requests);
        Requests.TryPeek(out CapturedRequest? request);
        return request!;
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}

/// <summary>A request as the provider sent it.</summary>
internal sealed record CapturedRequest(HttpMethod Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, string? ContentType, string Body)
{
    public static async Task<CapturedRequest> FromAsync(HttpRequestMessage request)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in request.Headers)
        {
            headers[name] = string.Join(", ", values);
        }

        string body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync();
        return new CapturedRequest(request.Method, request.RequestUri!, headers, request.Content?.Headers.ContentType?.ToString(), body);
    }

    public JsonNode? Json => JsonNode.Parse(Body);

    /// <summary>Checks the request is a Postmark API call: token, Accept and (with a body) JSON content type.</summary>
    public void AssertPostmarkHeaders(string token = PostmarkWire.Token)
    {
        Assert.Equal(token, Headers["X-Postmark-Server-Token"]);
        Assert.Equal("application/json", Headers["Accept"]);
        if (Body.Length > 0)
        {
            Assert.StartsWith("application/json", ContentType, StringComparison.Ordinal);
        }
    }

    /// <summary>Checks the body is exactly this JSON (property order aside).</summary>
    public void AssertBody(string expectedJson)
    {
        JsonNode? expected = JsonNode.Parse(expectedJson);
        JsonNode? actual = JsonNode.Parse(Body);
        Assert.True(
            JsonNode.DeepEquals(expected, actual),
            $"Request body differs.\nExpected: {expected?.ToJsonString(Indented)}\nActual:   {actual?.ToJsonString(Indented)}");
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
}
