using Martech.Sdk.Tests.Abstractions.Fakes;

namespace Martech.Sdk.Tests.Abstractions;

public sealed class DelegatingMessageSenderTests : DelegatingTests<IMessageSender, DelegatingMessageSender, RecordingMessageSender>
{
    [Fact]
    public async Task SendAsync_ForwardsAndReturnsInnerResult()
    {
        var message = new OutgoingMessage { Destination = MessageDestination.User("U1"), Text = "hi" };

        Assert.Same(Inner.Result, await Client.SendAsync(message, Token));
        Assert.Equal([message, Token], Inner.Single(nameof(IMessageSender.SendAsync)).Arguments);
    }

    protected override DelegatingMessageSender Wrap(IMessageSender inner) => new Forwarding(inner);

    protected override async Task InvokeEveryMemberAsync(IMessageSender client) =>
        await client.SendAsync(new OutgoingMessage { Destination = MessageDestination.User("U1"), Text = "hi" }, Token);

    private sealed class Forwarding(IMessageSender inner) : DelegatingMessageSender(inner);
}
