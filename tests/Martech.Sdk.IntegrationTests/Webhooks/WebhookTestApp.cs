using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Martech.Sdk.IntegrationTests.Webhooks;

/// <summary>An ASP.NET Core app on 127.0.0.1 (OS port) with the webhook endpoints mapped and a recording handler of every
/// event: what a user's application looks like, over real sockets.</summary>
internal sealed class WebhookTestApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebhookTestApp(WebApplication app, Uri baseAddress, EventRecorder recorder)
    {
        _app = app;
        BaseAddress = baseAddress;
        Events = recorder;
    }

    public Uri BaseAddress { get; }

    public EventRecorder Events { get; }

    public IServiceProvider Services => _app.Services;

    public MartechWebhookInbox Inbox => _app.Services.GetRequiredService<MartechWebhookInbox>();

    public static async Task<WebhookTestApp> StartAsync(
        Action<MartechBuilder> providers,
        Action<MartechWebhooksBuilder>? webhooks = null,
        IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null,
        Action<WebApplication>? map = null)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        // Only what the test gives: the test folder holds a sample's appsettings.json.
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        var recorder = new EventRecorder();
        MartechBuilder martech = builder.Services.AddMartech(builder.Configuration.GetSection("Martech"));
        providers(martech);
        MartechWebhooksBuilder hooks = martech.AddWebhooks(o => o.PollInterval = TimeSpan.FromMilliseconds(50))
            .AddHandler<MartechEvent>((e, context, _, _) => recorder.RecordAsync(e, context));
        webhooks?.Invoke(hooks);
        services?.Invoke(builder.Services);
        WebApplication app = builder.Build();
        if (map is null)
        {
            app.MapMartechWebhooks();
        }
        else
        {
            map(app);
        }

        await app.StartAsync();
        return new WebhookTestApp(app, new Uri(app.Urls.First().TrimEnd('/') + "/"), recorder);
    }

    public Uri Url(string path) => new(BaseAddress, path.TrimStart('/'));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Events.Dispose();
    }
}

/// <summary>Every event handed to handlers, with its context, in order.</summary>
internal sealed class EventRecorder : IDisposable
{
    private readonly ConcurrentQueue<(MartechEvent Event, MartechEventContext Context)> _events = new();
    private readonly SemaphoreSlim _arrived = new(0);

    public Func<MartechEvent, Task>? OnEvent { get; set; }

    public void Dispose() => _arrived.Dispose();

    public IReadOnlyList<MartechEvent> All => [.. _events.Select(e => e.Event)];

    public IReadOnlyList<MartechEventContext> Contexts => [.. _events.Select(e => e.Context)];

    public async Task RecordAsync(MartechEvent e, MartechEventContext context)
    {
        if (OnEvent is { } before)
        {
            await before(e);
        }

        _events.Enqueue((e, context));
        _arrived.Release();
    }

    public async Task<IReadOnlyList<MartechEvent>> WaitForAsync(int count, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        while (_events.Count < count)
        {
            try
            {
                await _arrived.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Expected {count} events, got {_events.Count}: {string.Join(", ", _events.Select(e => e.Event.Id))}");
            }
        }

        return All;
    }
}
