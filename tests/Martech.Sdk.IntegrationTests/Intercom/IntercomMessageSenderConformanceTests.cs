using Martech.Sdk.Testing;
using Martech.Sdk.Testing.Conformance;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Martech.Sdk.IntegrationTests.Intercom;

/// <summary>The message-sender conformance suite: the real Intercom provider against the emulator over real sockets.</summary>
public sealed class IntercomMessageSenderConformanceTests(IntercomEmulatorFixture fixture, ITestOutputHelper output)
    : MessageSenderConformanceTests(output), IClassFixture<IntercomEmulatorFixture>
{
    private const string ContactId = "6762f0dd1bb69f9f2193bb83";
    private const string ConversationId = "1295";

    private ServiceProvider? _services;

    /// <summary>Intercom replies in conversations and messages contacts (users); it has no channels or phone numbers.</summary>
    protected override IReadOnlySet<MessageDestinationKind> SupportedDestinations { get; } =
        new HashSet<MessageDestinationKind> { MessageDestinationKind.Conversation, MessageDestinationKind.User };

    /// <summary>Intercom's thread is the conversation, not a thread in a channel: see
    /// <see cref="SendAsync_MessageThenReplyInItsConversation_SharesTheThreadId"/>.</summary>
    protected override bool SupportsThreads => false;

    protected override MessageDestination CreateDestination(MessageDestinationKind kind) => kind switch
    {
        MessageDestinationKind.User => MessageDestination.User(ContactId),
        MessageDestinationKind.Conversation => MessageDestination.Conversation(ConversationId),
        _ => base.CreateDestination(kind),
    };

    protected override Task<IMessageSender> CreateSenderAsync()
    {
        _services = fixture.CreateServices();
        fixture.Emulator.AddContact("ada@analytical.example", "Ada Lovelace", id: ContactId);
        fixture.Emulator.AddConversation(ContactId, ConversationId);
        return Task.FromResult(_services.GetRequiredKeyedService<IMessageSender>("Intercom"));
    }

    protected override Task<IReadOnlyList<DeliveredMessage>> GetDeliveredAsync() => Task.FromResult(fixture.Delivered());

    /// <summary>A message to a contact opens a conversation, returned as the thread; a reply to that conversation
    /// joins the same thread.</summary>
    [Fact]
    public async Task SendAsync_MessageThenReplyInItsConversation_SharesTheThreadId()
    {
        MessageSendResult first = await Sender.SendAsync(new OutgoingMessage { Destination = MessageDestination.User(ContactId), Text = "Your trial ends Friday." });
        Assert.False(string.IsNullOrEmpty(first.ThreadId), "A message to a contact returned no conversation id to reply in.");

        MessageSendResult reply = await Sender.SendAsync(new OutgoingMessage { Destination = MessageDestination.Conversation(first.ThreadId!), Text = "Any questions? — Grace" });

        Assert.Equal(SendStatus.Accepted, reply.Status);
        Assert.Equal(first.ThreadId, reply.ThreadId);
        Assert.NotEqual(first.MessageId, reply.MessageId);
        var delivered = await GetDeliveredAsync();
        Assert.Equal([first.MessageId, reply.MessageId], delivered.Select(d => d.MessageId));
        Assert.All(delivered, d => Assert.Equal(first.ThreadId, d.ThreadId));
    }

    public override async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        await base.DisposeAsync();
    }
}
