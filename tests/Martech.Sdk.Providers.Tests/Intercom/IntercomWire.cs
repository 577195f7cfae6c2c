using System.Collections.Concurrent;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using Martech.Sdk.Intercom;
using Microsoft.Extensions.DependencyInjection;
using RichardSzalay.MockHttp;

namespace Martech.Sdk.Providers.Tests.Intercom;

/// <summary>An Intercom instance built through DI as a user would, with MockHttp as the primary handler.</summary>
internal sealed class IntercomWire : IAsyncDisposable
{
    public const string Token = "ic-token-SECRET-0123";
    public const string AdminId = "991267";

    private readonly ServiceProvider _services;

    private IntercomWire(ServiceProvider services, MockHttpMessageHandler mock, string name)
    {
        _services = services;
        Mock = mock;
        Name = name;
    }

    public MockHttpMessageHandler Mock { get; }

    public string Name { get; }

    public ConcurrentQueue<(HttpMethod Method, Uri Uri, Dictionary<string, string> Headers, string Body)> Requests { get; } = new();

    public IServiceProvider Services => _services;

    public IMessageSender Sender => _services.GetRequiredKeyedService<IMessageSender>(Name);

    public static IntercomWire Create(Action<IntercomOptions>? configure = null, string name = "Intercom")
    {
        var mock = new MockHttpMessageHandler();
        mock.Fallback.Throw(new InvalidOperationException("The provider sent a request no test expected."));
        var services = new ServiceCollection();
        services.AddMartech().AddIntercom(name, o =>
        {
            o.AccessToken = Token;
            o.AdminId = AdminId;
            o.Resilience.BaseDelay = TimeSpan.FromMilliseconds(1);
            o.Resilience.MaxDelay = TimeSpan.FromMilliseconds(2);
            o.RateLimitPermits = 10_000;
            configure?.Invoke(o);
        });
        services.AddHttpClient(name).ConfigurePrimaryHttpMessageHandler(() => mock);
        return new IntercomWire(services.BuildServiceProvider(), mock, name);
    }

    public void On(HttpMethod method, string url, HttpStatusCode status, string json, params (string Name, string Value)[] headers) =>
        OnSequence(method, url, [(status, json, headers)]);

    /// <summary>Answers a URL's requests with the responses in turn; the last one repeats.</summary>
    public void OnSequence(HttpMethod method, string url, (HttpStatusCode Status, string Json, (string Name, string Value)[] Headers)[] responses)
    {
        int calls = 0;
        Mock.When(method, url).Respond(async request =>
        {
            var captured = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var (n, values) in request.Headers)
            {
                captured[n] = string.Join(", ", values);
            }

            string body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync();
            Requests.Enqueue((request.Method, request.RequestUri!, captured, body));
            var (status, json, headers) = responses[Math.Min(Interlocked.Increment(ref calls), responses.Length) - 1];
            var response = new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
            foreach (var (n, v) in headers)
            {
                response.Headers.TryAddWithoutValidation(n, v);
            }

            return response;
        });
    }

    /// <summary>A file in this folder's Fixtures, found from the source path.</summary>
    public static string Fixture(string name, [CallerFilePath] string source = "") =>
        File.ReadAllText(Path.Combine(Path.GetDirectoryName(source)!, "Fixtures", name));

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
