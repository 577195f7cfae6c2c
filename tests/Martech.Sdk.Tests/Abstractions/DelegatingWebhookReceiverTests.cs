using Martech.Sdk.Tests.Abstractions.Fakes;

namespace Martech.Sdk.Tests.Abstractions;

public sealed class DelegatingWebhookReceiverTests : DelegatingTests<IWebhookReceiver, DelegatingWebhookReceiver, RecordingWebhookReceiver>
{
    [Fact]
    public async Task ReceiveAsync_ForwardsAndReturnsInnerResult()
    {
        var request = new WebhookRequest("POST", new Uri("https://hooks.example.com/x"), [], new byte[] { 1 });

        Assert.Same(Inner.Result, await Client.ReceiveAsync(request, Token));
        Assert.Equal([request, Token], Inner.Single(nameof(IWebhookReceiver.ReceiveAsync)).Arguments);
    }

    protected override DelegatingWebhookReceiver Wrap(IWebhookReceiver inner) => new Forwarding(inner);

    protected override async Task InvokeEveryMemberAsync(IWebhookReceiver client) =>
        await client.ReceiveAsync(new WebhookRequest("POST", new Uri("https://hooks.example.com/x"), [], ReadOnlyMemory<byte>.Empty), Token);

    private sealed class Forwarding(IWebhookReceiver inner) : DelegatingWebhookReceiver(inner);
}
