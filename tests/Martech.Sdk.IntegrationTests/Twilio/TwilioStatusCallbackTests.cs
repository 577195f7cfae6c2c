using Martech.Sdk.Testing;
using Martech.Sdk.Twilio;
using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk.IntegrationTests.Twilio;

/// <summary>
/// Status callbacks end to end over real sockets: the Twilio provider sends through the emulator with a
/// <c>StatusCallback</c> on a loopback endpoint, the emulator posts signed callbacks there (each twice, as Twilio
/// redelivers), and the provider's own receiver verifies and maps them.
/// </summary>
public sealed class TwilioStatusCallbackTests
{
    private const string From = "+15005550006";
    private const string Delivered = "+14155550123";
    private const string Undelivered = "+14155550199";

    [Fact]
    public async Task SendAsync_WithStatusCallback_SignedCallbacksArriveAsTypedStatusEvents()
    {
        await using var emulator = new TwilioEmulator();
        await emulator.StartAsync();
        await using var endpoint = await LoopbackWebhookEndpoint.StartAsync();
        var hook = new Uri(endpoint.BaseAddress, "webhooks/twilio?tenant=acme");
        emulator.Webhooks.Url = new Uri(endpoint.BaseAddress, "unused-fallback");
        emulator.Webhooks.Redeliveries = 1;
        emulator.Webhooks.UndeliveredNumbers.Add(Undelivered);
        await using ServiceProvider services = Services(emulator, hook);
        endpoint.Receiver = services.GetRequiredKeyedService<IWebhookReceiver>("Twilio");
        IMessageSender sender = services.GetRequiredKeyedService<IMessageSender>("Twilio");

        MessageSendResult first = await sender.SendAsync(Text(Delivered));
        MessageSendResult second = await sender.SendAsync(Text(Undelivered));
        await emulator.WhenWebhooksIdleAsync(TimeSpan.FromSeconds(30));

        Assert.Empty(endpoint.Rejections);
        Assert.All(endpoint.Urls, url => Assert.Equal(hook, url));
        Assert.Equal(12, emulator.WebhookDeliveries.Count);
        Assert.All(emulator.WebhookDeliveries, d => Assert.Equal(200, d.StatusCode));
        var events = endpoint.Events.Select(e => Assert.IsType<MessageStatusEvent>(e)).ToList();
        Assert.Equal(12, events.Count);

        // Each callback arrived twice with the same id: a dedupe store keeps one of each.
        var byId = events.GroupBy(e => e.Id).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal(6, byId.Count);
        Assert.All(byId.Values, copies => Assert.Equal(2, copies.Count));
        Assert.Equal(
            [$"{first.MessageId}:queued", $"{first.MessageId}:sent", $"{first.MessageId}:delivered", $"{second.MessageId}:queued", $"{second.MessageId}:sent", $"{second.MessageId}:undelivered"],
            events.Select(e => e.Id).Distinct());

        MessageStatusEvent delivered = byId[$"{first.MessageId}:delivered"][0];
        Assert.Equal((MessageDeliveryStatus.Delivered, Delivered, Delivered, "Twilio"), (delivered.Status, delivered.To, delivered.Phone, delivered.Provider));
        Assert.Null(delivered.ErrorCode);
        MessageStatusEvent failed = byId[$"{second.MessageId}:undelivered"][0];
        Assert.Equal((MessageDeliveryStatus.Undelivered, "30003", second.MessageId), (failed.Status, failed.ErrorCode, failed.MessageId));
        Assert.Equal(emulator.AccountSid, failed.Raw.GetProperty("AccountSid").GetString());
    }

    [Fact]
    public async Task SendAsync_ReceiverWithAnotherToken_RejectsEveryCallbackWith401()
    {
        await using var emulator = new TwilioEmulator();
        await emulator.StartAsync();
        await using var endpoint = await LoopbackWebhookEndpoint.StartAsync();
        var hook = new Uri(endpoint.BaseAddress, "webhooks/twilio");
        emulator.Webhooks.Url = hook;
        await using ServiceProvider services = Services(emulator, statusCallback: null, o => o.Webhooks.AuthToken = "not-the-account-token");
        endpoint.Receiver = services.GetRequiredKeyedService<IWebhookReceiver>("Twilio");

        await services.GetRequiredKeyedService<IMessageSender>("Twilio").SendAsync(Text(Delivered));
        await emulator.WhenWebhooksIdleAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(3, emulator.WebhookDeliveries.Count);
        Assert.All(emulator.WebhookDeliveries, d => Assert.Equal(401, d.StatusCode));
        Assert.Empty(endpoint.Events);
        Assert.All(endpoint.Rejections, r => Assert.Equal(WebhookRejectionReason.InvalidSignature, r.Reason));
    }

    private static OutgoingMessage Text(string to) => new() { Destination = MessageDestination.Phone(PhoneNumber.Parse(to)), Text = "Your demo is confirmed for 3pm." };

    private static ServiceProvider Services(TwilioEmulator emulator, Uri? statusCallback, Action<TwilioOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddMartech().AddTwilio(configure: o =>
        {
            o.AccountSid = emulator.AccountSid;
            o.AuthToken = emulator.AuthToken;
            o.From = From;
            o.BaseAddress = emulator.BaseAddress;
            o.StatusCallback = statusCallback;
            configure?.Invoke(o);
        });
        return services.BuildServiceProvider();
    }
}
