using Martech.Sdk.Testing;
using Martech.Sdk.Testing.Conformance;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Martech.Sdk.IntegrationTests.Slack;

/// <summary>The <see cref="IMessageSender"/> conformance suite, run against the Slack provider and its emulator over
/// real sockets.</summary>
public sealed class SlackMessageSenderConformanceTests(SlackEmulatorFixture fixture, ITestOutputHelper output)
    : MessageSenderConformanceTests(output), IClassFixture<SlackEmulatorFixture>
{
    private ServiceProvider? _services;

    /// <summary>Slack posts to channels, to users (in the bot's direct message with them) and to conversations (group
    /// DMs); it has no phone numbers.</summary>
    protected override IReadOnlySet<MessageDestinationKind> SupportedDestinations { get; } =
        new HashSet<MessageDestinationKind> { MessageDestinationKind.Channel, MessageDestinationKind.User, MessageDestinationKind.Conversation };

    /// <summary>Replies go in a thread with <c>thread_ts</c>.</summary>
    protected override bool SupportsThreads => true;

    protected override MessageDestination CreateDestination(MessageDestinationKind kind) => kind switch
    {
        MessageDestinationKind.Channel => MessageDestination.Channel(SlackEmulatorFixture.ChannelId),
        MessageDestinationKind.User => MessageDestination.User(SlackEmulatorFixture.UserId),
        MessageDestinationKind.Conversation => MessageDestination.Conversation(SlackEmulatorFixture.GroupId),
        _ => base.CreateDestination(kind),
    };

    protected override Task<IMessageSender> CreateSenderAsync()
    {
        _services = fixture.CreateServices();
        return Task.FromResult(_services.GetRequiredKeyedService<IMessageSender>("Slack"));
    }

    protected override Task<IReadOnlyList<DeliveredMessage>> GetDeliveredAsync() => Task.FromResult(fixture.Delivered());

    public override async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        await base.DisposeAsync();
    }
}
