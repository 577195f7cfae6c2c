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
/// A tiny application endpoint on 127.0.0.1 (port 0) that does what a user's webhook endpoint does: reads the raw
/// request, hands it to a provider's <see cref="IWebhookReceiver"/> and answers what the receiver says (200, or the
/// rejection's status). Records every event and every answer, and every raw body, so tests can replay one.
/// </summary>
/// <remarks>Used by the Mailgun and Postmark emulator callback tests; it belongs in a shared test folder once one
/// exists for webhook helpers.</remarks>
internal sealed class LoopbackWebhookEndpoint : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly List<MartechEvent> _events = [];
    private readonly List<(int Status, WebhookRejectionReason? Reason)> _answers = [];
    private readonly List<byte[]> _bodies = [];
    private readonly IWebhookReceiver _receiver;
    private WebApplication? _app;

    private LoopbackWebhookEndpoint(IWebhookReceiver receiver) => _receiver = receiver;

    /// <summary>The endpoint's URL, for the emulator's <c>Webhooks.Url</c>.</summary>
    public Uri Url { get; private set; } = null!;

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

    public IReadOnlyList<(int Status, WebhookRejectionReason? Reason)> Answers
    {
        get
        {
            lock (_gate)
            {
                return [.. _answers];
            }
        }
    }

    public IReadOnlyList<byte[]> Bodies
    {
        get
        {
            lock (_gate)
            {
                return [.. _bodies];
            }
        }
    }

    public static async Task<LoopbackWebhookEndpoint> StartAsync(IWebhookReceiver receiver, string path = "/webhooks/email")
    {
        var endpoint = new LoopbackWebhookEndpoint(receiver);
        WebApplicationBuilder builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http1));
        builder.Services.AddSingleton<IHostLifetime, QuietLifetime>();
        WebApplication app = builder.Build();
        app.Run(endpoint.HandleAsync);
        await app.StartAsync();
        endpoint._app = app;
        string address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        endpoint.Url = new Uri(new Uri(address), path);
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

    private async Task HandleAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        byte[] body = buffer.ToArray();
        var url = new Uri(Url, context.Request.Path + context.Request.QueryString);
        var headers = context.Request.Headers.Select(h => new KeyValuePair<string, string>(h.Key, h.Value.ToString()));
        var request = new WebhookRequest(context.Request.Method, url, headers, body) { RemoteAddress = context.Connection.RemoteIpAddress };
        int status;
        WebhookRejectionReason? reason = null;
        IReadOnlyList<MartechEvent> events = [];
        try
        {
            WebhookReceiveResult result = await _receiver.ReceiveAsync(request, context.RequestAborted);
            events = result.Events;
            status = result.Response.StatusCode;
        }
        catch (WebhookVerificationException ex)
        {
            status = ex.StatusCode;
            reason = ex.Reason;
        }

        lock (_gate)
        {
            _events.AddRange(events);
            _answers.Add((status, reason));
            _bodies.Add(body);
        }

        context.Response.StatusCode = status;
    }

    private sealed class QuietLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
