using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Martech.Sdk.IntegrationTests;

/// <summary>
/// A tiny Kestrel app on 127.0.0.1 (port chosen by the OS) that hands every request, as received (raw target, headers,
/// body bytes, client address), straight to one provider's <see cref="IWebhookReceiver"/> and answers what it says: the
/// receiver alone, without the inbox, for emulator callback tests. <c>WebhookTestApp</c> is the whole
/// application (MapMartechWebhooks, store, handlers). Records every event, answer, body, URL and rejection.
/// </summary>
internal sealed class LoopbackWebhookEndpoint : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly List<MartechEvent> _events = [];
    private readonly List<(int Status, WebhookRejectionReason? Reason)> _answers = [];
    private readonly List<byte[]> _bodies = [];
    private readonly List<Uri> _urls = [];
    private readonly List<WebhookVerificationException> _rejections = [];
    private WebApplication? _app;

    private LoopbackWebhookEndpoint(IWebhookReceiver? receiver) => Receiver = receiver;

    /// <summary>The receiver requests go to; may be set after start, once the provider (which needs the URL) is built.</summary>
    public IWebhookReceiver? Receiver { get; set; }

    /// <summary>The app's address, ending with <c>/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The endpoint's URL (the base address and the path given at start), for an emulator's <c>Webhooks.Url</c>.</summary>
    public Uri Url { get; private set; } = null!;

    public IReadOnlyList<MartechEvent> Events => Snapshot(_events);

    public IReadOnlyList<(int Status, WebhookRejectionReason? Reason)> Answers => Snapshot(_answers);

    public IReadOnlyList<byte[]> Bodies => Snapshot(_bodies);

    /// <summary>The URL of every request, as the caller wrote it (the raw request target).</summary>
    public IReadOnlyList<Uri> Urls => Snapshot(_urls);

    public IReadOnlyList<WebhookVerificationException> Rejections => Snapshot(_rejections);

    public static async Task<LoopbackWebhookEndpoint> StartAsync(IWebhookReceiver? receiver = null, string path = "/webhooks/email")
    {
        var endpoint = new LoopbackWebhookEndpoint(receiver);
        WebApplicationBuilder builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http1));
        builder.Services.AddSingleton<IHostLifetime, QuietLifetime>();
        WebApplication app = builder.Build();
        app.Run(endpoint.HandleAsync);
        await app.StartAsync();
        endpoint._app = app;
        string bound = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        endpoint.BaseAddress = new Uri(bound.TrimEnd('/') + "/");
        endpoint.Url = new Uri(endpoint.BaseAddress, path.TrimStart('/'));
        return endpoint;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private IReadOnlyList<T> Snapshot<T>(List<T> list)
    {
        lock (_gate)
        {
            return [.. list];
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        byte[] body = buffer.ToArray();

        // The URL as the caller wrote it: the raw request target, not the decoded path.
        string target = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        var url = new Uri($"{context.Request.Scheme}://{context.Request.Host}{target}");
        var headers = context.Request.Headers.SelectMany(h => h.Value.Select(v => new KeyValuePair<string, string>(h.Key, v ?? string.Empty)));
        var request = new WebhookRequest(context.Request.Method, url, headers, body) { RemoteAddress = context.Connection.RemoteIpAddress };
        IWebhookReceiver receiver = Receiver ?? throw new InvalidOperationException("No receiver set.");
        lock (_gate)
        {
            _urls.Add(url);
            _bodies.Add(body);
        }

        try
        {
            WebhookReceiveResult result = await receiver.ReceiveAsync(request, context.RequestAborted);
            lock (_gate)
            {
                _events.AddRange(result.Events);
                _answers.Add((result.Response.StatusCode, null));
            }

            context.Response.StatusCode = result.Response.StatusCode;
            if (result.Response.Body is { } text)
            {
                context.Response.ContentType = result.Response.ContentType;
                await context.Response.WriteAsync(text, context.RequestAborted);
            }
        }
        catch (WebhookVerificationException ex)
        {
            lock (_gate)
            {
                _rejections.Add(ex);
                _answers.Add((ex.StatusCode, ex.Reason));
            }

            context.Response.StatusCode = ex.StatusCode;
        }
    }

    private sealed class QuietLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
