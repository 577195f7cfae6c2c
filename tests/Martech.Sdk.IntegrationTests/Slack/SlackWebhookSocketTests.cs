using System.Collections.Concurrent;
using System.Net;
using Martech.Sdk.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Martech.Sdk.IntegrationTests.Slack;

/// <summary>The Slack receiver behind a real loopback endpoint, called by <see cref="SlackEmulator"/> over real sockets
/// with requests it signs itself: the URL verification handshake, a message event and its redelivery, a slash
/// command, and a wrong signing secret.</summary>
public sealed class SlackWebhookSocketTests : IAsyncLifetime
{
    private const string ChannelId = "C0LEADS";
    private SlackEmulator Slack { get; } = new();
    private readonly ConcurrentQueue<MartechEvent> _received = new();
    private ServiceProvider _services = null!;
    private WebApplication _app = null!;
    private Uri _url = null!;

    public async Task InitializeAsync()
    {
        await Slack.StartAsync();
        Slack.AddChannel("new-leads", id: ChannelId);
        var services = new ServiceCollection();
        services.AddMartech().AddSlack(configure: o =>
        {
            o.BotToken = Slack.BotToken;
            o.BaseAddress = Slack.BaseAddress;
            o.Webhooks.SigningSecret = SlackEmulator.DefaultSigningSecret;
        });
        _services = services.BuildServiceProvider();
        IWebhookReceiver receiver = _services.GetRequiredKeyedService<IWebhookReceiver>("Slack");

        WebApplicationBuilder builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http1));
        builder.Services.AddSingleton<IHostLifetime, QuietLifetime>();
        _app = builder.Build();
        _app.Run(context => ReceiveAsync(context, receiver));
        await _app.StartAsync();
        string bound = _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        _url = new Uri(bound.TrimEnd('/') + "/webhooks/slack");
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _services.DisposeAsync();
        await Slack.DisposeAsync();
    }

    [Fact]
    public async Task PostUrlVerificationAsync_SignedChallenge_IsAnsweredWithTheChallenge()
    {
        SlackEmulatorDelivery delivery = await Slack.PostUrlVerificationAsync(_url, "chal-123");

        Assert.Equal((200, "text/plain", "chal-123"), (delivery.StatusCode, delivery.ContentType, delivery.Body));
        Assert.Empty(_received);
    }

    [Fact]
    public async Task PostEventAsync_MessageAndItsRedelivery_ArriveAsOneMessageIdTwice()
    {
        SlackEmulatorDelivery first = await Slack.PostEventAsync(_url, "Hi! I'd like a *demo*", "new-leads", "U0ADA");
        SlackEmulatorDelivery retry = await Slack.RedeliverEventAsync(_url, first.EventId!, retryNumber: 1);

        Assert.Equal((200, 200), (first.StatusCode, retry.StatusCode));
        MartechEvent[] events = [.. _received];
        Assert.Equal(2, events.Length);
        var message = Assert.IsType<MessageReceivedEvent>(events[0]);
        Assert.Equal(first.EventId, message.Id);
        Assert.Equal(MessageDestination.Channel(ChannelId), message.Conversation);
        Assert.Equal(("U0ADA", "Hi! I'd like a *demo*"), (message.From, message.Text));
        Assert.Equal(SlackEmulator.TeamId, message.Raw.GetProperty("team_id").GetString());

        // Same event_id, so the inbox's dedupe recognises the redelivery.
        Assert.Equal(message, events[1]);
    }

    [Fact]
    public async Task PostEventAsync_ThreadReply_CarriesTheThread()
    {
        await Slack.PostEventAsync(_url, "On it", ChannelId, "U0GRACE", threadTs: "1700000000.000100");

        var reply = Assert.IsType<MessageReceivedEvent>(Assert.Single(_received));
        Assert.Equal(MessageDestination.Channel(ChannelId, "1700000000.000100"), reply.Conversation);
    }

    [Fact]
    public async Task PostSlashCommandAsync_Form_ArrivesAsTheCommandLine()
    {
        SlackEmulatorDelivery delivery = await Slack.PostSlashCommandAsync(_url, "/lead", "add ada@example.com \"Ada Lovelace\"", "new-leads", "U0ADA");

        Assert.Equal(200, delivery.StatusCode);
        var command = Assert.IsType<MessageReceivedEvent>(Assert.Single(_received));
        Assert.Equal(delivery.EventId, command.Id);
        Assert.Equal("/lead add ada@example.com \"Ada Lovelace\"", command.Text);
        Assert.Equal(MessageDestination.Channel(ChannelId), command.Conversation);
    }

    [Fact]
    public async Task PostEventAsync_OtherSigningSecret_IsRefusedWith401()
    {
        Slack.SigningSecret = "another0app0signing0secret000000";

        SlackEmulatorDelivery delivery = await Slack.PostEventAsync(_url, "forged", ChannelId, "U0EVE");

        Assert.Equal(401, delivery.StatusCode);
        Assert.Empty(_received);
    }

    private async Task ReceiveAsync(HttpContext context, IWebhookReceiver receiver)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var headers = context.Request.Headers.Select(h => new KeyValuePair<string, string>(h.Key, h.Value.ToString()));
        var request = new WebhookRequest(context.Request.Method, new Uri(_url, context.Request.Path + context.Request.QueryString), headers, buffer.ToArray());
        try
        {
            WebhookReceiveResult result = await receiver.ReceiveAsync(request, context.RequestAborted);
            foreach (MartechEvent e in result.Events)
            {
                _received.Enqueue(e);
            }

            context.Response.StatusCode = result.Response.StatusCode;
            if (result.Response.Body is { } body)
            {
                context.Response.ContentType = result.Response.ContentType;
                await context.Response.WriteAsync(body, context.RequestAborted);
            }
        }
        catch (WebhookVerificationException ex)
        {
            context.Response.StatusCode = ex.StatusCode;
        }
    }

    private sealed class QuietLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
