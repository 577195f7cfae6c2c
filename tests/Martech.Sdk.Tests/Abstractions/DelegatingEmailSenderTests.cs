using Martech.Sdk.Tests.Abstractions.Fakes;

namespace Martech.Sdk.Tests.Abstractions;

public sealed class DelegatingEmailSenderTests : DelegatingTests<IEmailSender, DelegatingEmailSender, RecordingEmailSender>
{
    [Fact]
    public async Task SendAsync_ForwardsAndReturnsInnerResult()
    {
        var message = new EmailMessage();

        Assert.Same(Inner.Result, await Client.SendAsync(message, Token));
        Assert.Equal([message, Token], Inner.Single(nameof(IEmailSender.SendAsync)).Arguments);
    }

    [Fact]
    public async Task SendManyAsync_ForwardsAndReturnsInnerResult()
    {
        EmailMessage[] messages = [new EmailMessage(), new EmailMessage()];
        var options = new BulkOptions { MaxConcurrency = 2 };

        Assert.Same(Inner.BulkResult, await Client.SendManyAsync(messages, options, Token));
        Assert.Equal([messages, options, Token], Inner.Single(nameof(IEmailSender.SendManyAsync)).Arguments);
    }

    protected override DelegatingEmailSender Wrap(IEmailSender inner) => new Forwarding(inner);

    protected override async Task InvokeEveryMemberAsync(IEmailSender client)
    {
        await client.SendAsync(new EmailMessage(), Token);
        await client.SendManyAsync([], null, Token);
    }

    private sealed class Forwarding(IEmailSender inner) : DelegatingEmailSender(inner);
}
