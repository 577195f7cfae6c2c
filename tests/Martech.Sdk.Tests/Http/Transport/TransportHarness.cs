using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RichardSzalay.MockHttp;

namespace Martech.Sdk.Tests.Http.Transport;

/// <summary>One provider instance "Acme" with the real transport over a MockHttp primary handler.</summary>
internal sealed class TransportHarness : IDisposable
{
    public const string ApiKey = "sk_live_TOPSECRET_0123456789";

    private readonly ServiceProvider _services;

    public TransportHarness(Action<MartechHttpOptions>? configure = null, LogLevel logLevel = LogLevel.None, TimeSpan? fireTimersWithin = null)
    {
        Time = new ShortTimerTimeProvider(fireTimersWithin ?? TimeSpan.FromSeconds(10));
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Time);
        Logs = new Core.RecordingLoggerProvider(logLevel);
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs));
        var provider = services.AddMartech().AddProvider("Acme", "AcmeCrm");
        provider.AddHttpTransport(_ =>
        {
            var options = new MartechHttpOptions
            {
                BaseAddress = new Uri("https://api.acme.example/v1/"),
                Authentication = MartechAuthentications.ApiKeyQuery("api_key", ApiKey),
                Resilience = { BaseDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromSeconds(1), AttemptTimeout = TimeSpan.FromSeconds(30), TotalTimeout = TimeSpan.FromMinutes(2) },
                RateLimit = { PermitLimit = 10_000, Window = TimeSpan.FromSeconds(1) },
            };
            configure?.Invoke(options);
            return options;
        }).ConfigurePrimaryHttpMessageHandler(() => Mock);
        _services = services.BuildServiceProvider();
        Transport = _services.GetRequiredKeyedService<MartechHttpTransport>("Acme");
    }

    public MockHttpMessageHandler Mock { get; } = new();

    public ShortTimerTimeProvider Time { get; }

    public Core.RecordingLoggerProvider Logs { get; }

    public MartechHttpTransport Transport { get; }

    public static HttpRequestMessage Get(string path, string? operation = null) => Request(HttpMethod.Get, path, operation);

    public static HttpRequestMessage Post(string path, string? operation = null, string body = "{\"name\":\"Ada\"}")
    {
        var request = Request(HttpMethod.Post, path, operation);
        request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        return request;
    }

    private static HttpRequestMessage Request(HttpMethod method, string path, string? operation)
    {
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (operation is not null)
        {
            new MartechRequestOptions { Operation = operation }.ApplyTo(request);
        }

        return request;
    }

    public void Dispose() => _services.Dispose();
}
