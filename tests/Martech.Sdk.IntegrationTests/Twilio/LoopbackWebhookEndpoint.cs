using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk.IntegrationTests.Twilio;

/// <summary>
/// A tiny Kestrel app on 127.0.0.1 (port chosen by the OS) that hands every request, as received (raw target, headers,
/// body bytes), to a provider's <see cref="IWebhookReceiver"/> and answers what it says: the stand-in for an
/// application's webhook endpoint.
/// </summary>
internal sealed class LoopbackWebhookEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Lock _gate = new();
    private readonly List<MartechEvent> _events = [];
    private readonly List<WebhookVerificationException> _rejections = [];
    private readonly List<Uri> _urls = [];

    private LoopbackWebhookEndpoint(WebApplication app) => _app = app;

    /// <summary>The receiver requests go to; set it once the provider is built (its URL is needed first).</summary>
    public IWebhookReceiver? Receiver { get; set; }

    public Uri BaseAddress { get; private set; } = null!;

    public IReadOnlyList<MartechEvent> Events
    {
        get
        {
            lock (_gate)
            {
                return [.. _events];
            }
        }
    }

    /// <summary>The URL of every request received, in order.</summary>
    public IReadOnlyList<Uri> Urls
    {
        get
        {
            lock (_gate)
            {
                return [.. _urls];
            }
        }
    }

    public IReadOnlyList<WebhookVerificationException> Rejections
    {
        get
        {
            lock (_gate)
            {
                return [.. _rejections];
            }
        }
    }

    public static async Task<LoopbackWebhookEndpoint> StartAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        WebApplication app = builder.Build();
        var endpoint = new LoopbackWebhookEndpoint(app);
        app.Run(endpoint.HandleAsync);
        await app.StartAsync();
        string bound = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        endpoint.BaseAddress = new Uri(bound.TrimEnd('/') + "/");
        return endpoint;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);

        // The URL as the caller wrote it: the raw request target, not the decoded path.
        string target = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        var url = new Uri($"{context.Request.Scheme}://{context.Request.Host}{target}");
        var headers = context.Request.Headers.Select(h => new KeyValuePair<string, string>(h.Key, h.Value.ToString()));
        var request = new WebhookRequest(context.Request.Method, url, headers, body.ToArray());
        lock (_gate)
        {
            _urls.Add(url);
        }

        IWebhookReceiver receiver = Receiver ?? throw new InvalidOperationException("No receiver set.");
        try
        {
            WebhookReceiveResult result = await receiver.ReceiveAsync(request, context.RequestAborted);
            lock (_gate)
            {
                _events.AddRange(result.Events);
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
            }

            context.Response.StatusCode = ex.StatusCode;
        }
    }
}
