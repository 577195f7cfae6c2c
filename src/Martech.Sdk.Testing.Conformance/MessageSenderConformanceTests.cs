using System.Diagnostics.CodeAnalysis;
using Xunit;
using Xunit.Abstractions;
using static Martech.Sdk.Testing.Conformance.ConformanceHelpers;

namespace Martech.Sdk.Testing.Conformance;

/// <summary>
/// The conformance suite for <see cref="IMessageSender"/>: the behaviour its contract promises, which every chat or
/// SMS provider must show. A provider is done when its derived class passes.
/// </summary>
/// <remarks>
/// <para>Derive a public class in a test project and override two hooks: <see cref="CreateSenderAsync"/> returns a
/// fresh sender of the provider under test that has delivered nothing, and <see cref="GetDeliveredAsync"/> returns
/// what the vendor behind it (the in-memory store or the vendor emulator) has received since. xunit creates one
/// instance per test and calls <see cref="InitializeAsync"/> first. Release what the factory created in an override
/// of <see cref="ConformanceSuite.DisposeAsync"/>.</para>
/// <para>Declare the kinds of destination the vendor reaches in <see cref="SupportedDestinations"/>: a send to any
/// other kind must throw <see cref="NotSupportedException"/>, as the contract says. Override
/// <see cref="CreateDestination"/> where the vendor needs ids in its own format.</para>
/// </remarks>
[SuppressMessage("Naming", "CA1707:Identifiers should not contain underscores", Justification = "Test names read Member_Scenario_Expectation.")]
[SuppressMessage("Reliability", "CA2007:Consider calling ConfigureAwait on the awaited task", Justification = "Test methods run under xunit, which forbids ConfigureAwait(false) in tests (xUnit1030).")]
public abstract class MessageSenderConformanceTests : ConformanceSuite
{
    private static readonly MessageDestinationKind[] AllKinds =
        [MessageDestinationKind.Channel, MessageDestinationKind.User, MessageDestinationKind.Conversation, MessageDestinationKind.PhoneNumber];

    private IMessageSender? _sender;

    /// <summary>Creates the suite.</summary>
    /// <param name="output">Where tests that do not apply to the provider record why; optional.</param>
    protected MessageSenderConformanceTests(ITestOutputHelper? output = null)
        : base(output)
    {
    }

    /// <summary>The sender under test, created for this test by <see cref="CreateSenderAsync"/>.</summary>
    /// <exception cref="InvalidOperationException"><see cref="InitializeAsync"/> has not run.</exception>
    protected IMessageSender Sender => _sender ?? throw new InvalidOperationException("The sender is created in InitializeAsync, which has not run.");

    /// <summary>The kinds of destination the vendor can send to; sends to the others must throw
    /// <see cref="NotSupportedException"/>. The default value is every kind.</summary>
    protected virtual IReadOnlySet<MessageDestinationKind> SupportedDestinations { get; } = new HashSet<MessageDestinationKind>(AllKinds);

    /// <summary>Whether a message to a channel starts a thread that later messages can reply in. The default value is
    /// whether <see cref="SupportedDestinations"/> holds <see cref="MessageDestinationKind.Channel"/>; when
    /// <see langword="false"/>, the thread test does not apply.</summary>
    protected virtual bool SupportsThreads => SupportedDestinations.Contains(MessageDestinationKind.Channel);

    /// <summary>Creates a fresh sender of the provider under test, which has delivered nothing; called once before
    /// each test.</summary>
    /// <returns>The sender.</returns>
    protected abstract Task<IMessageSender> CreateSenderAsync();

    /// <summary>Returns every message the vendor behind the sender from the last <see cref="CreateSenderAsync"/> call
    /// has received, in the order received.</summary>
    /// <returns>The delivered messages.</returns>
    protected abstract Task<IReadOnlyList<DeliveredMessage>> GetDeliveredAsync();

    /// <summary>Creates a destination of a kind for the suite to send to; override where the vendor needs ids in its
    /// own format.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>A channel <c>conformance-alerts</c>, user <c>U0CONFORMANCE</c>, conversation
    /// <c>conversation-conformance-1</c> or phone number <c>+14155550123</c>.</returns>
    protected virtual MessageDestination CreateDestination(MessageDestinationKind kind) => kind switch
    {
        MessageDestinationKind.Channel => MessageDestination.Channel("conformance-alerts"),
        MessageDestinationKind.User => MessageDestination.User("U0CONFORMANCE"),
        MessageDestinationKind.Conversation => MessageDestination.Conversation("conversation-conformance-1"),
        MessageDestinationKind.PhoneNumber => MessageDestination.Phone(PhoneNumber.Parse("+14155550123")),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown destination kind."),
    };

    /// <summary>Creates the sender for this test.</summary>
    /// <returns>A task that completes when the sender is ready.</returns>
    public override async Task InitializeAsync() =>
        _sender = await CreateSenderAsync() ?? throw new InvalidOperationException("CreateSenderAsync returned null.");

    /// <summary>Text to a channel is accepted with a message id and delivered once (or, where the vendor has no
    /// channels, throws <see cref="NotSupportedException"/>).</summary>
    /// <returns>A task.</returns>
    [Fact]
    public Task SendAsync_TextToChannel_AcceptedWithMessageId() => AssertSendsTextToAsync(MessageDestinationKind.Channel);

    /// <summary>Text to a user is accepted with a message id and delivered once (or, where the vendor cannot message
    /// users, throws <see cref="NotSupportedException"/>).</summary>
    /// <returns>A task.</returns>
    [Fact]
    public Task SendAsync_TextToUser_AcceptedWithMessageId() => AssertSendsTextToAsync(MessageDestinationKind.User);

    /// <summary>Text to a conversation is accepted with a message id and delivered once (or, where the vendor has no
    /// conversations, throws <see cref="NotSupportedException"/>).</summary>
    /// <returns>A task.</returns>
    [Fact]
    public Task SendAsync_TextToConversation_AcceptedWithMessageId() => AssertSendsTextToAsync(MessageDestinationKind.Conversation);

    /// <summary>Text to a phone number is accepted with a message id and delivered once (or, where the vendor cannot
    /// send SMS, throws <see cref="NotSupportedException"/>).</summary>
    /// <returns>A task.</returns>
    [Fact]
    public Task SendAsync_TextToPhoneNumber_AcceptedWithMessageId() => AssertSendsTextToAsync(MessageDestinationKind.PhoneNumber);

    /// <summary>A card is accepted and its title, text and fields reach the vendor.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task SendAsync_Card_AcceptedAndRendered()
    {
        var message = new OutgoingMessage
        {
            Destination = DefaultDestination(),
            Card = new MessageCard
            {
                Title = "SLA breached: lead 42",
                Text = "No sales touch within 4 business hours.",
                Fields = { new MessageCardField("Owner", "Grace Hopper") },
                Links = { new MessageCardLink("Open lead", new Uri("https://crm.example.com/leads/42")) },
                Severity = CardSeverity.Critical,
            },
        };

        MessageSendResult result = await Sender.SendAsync(message);

        Assert.Equal(SendStatus.Accepted, result.Status);
        Assert.False(string.IsNullOrEmpty(result.MessageId));
        DeliveredMessage delivered = Assert.Single(await GetDeliveredAsync());
        Assert.Equal(result.MessageId, delivered.MessageId);
        Assert.Contains("SLA breached: lead 42", delivered.Content, StringComparison.Ordinal);
        Assert.Contains("No sales touch within 4 business hours.", delivered.Content, StringComparison.Ordinal);
        Assert.Contains("Grace Hopper", delivered.Content, StringComparison.Ordinal);
    }

    /// <summary>An invalid message is an <see cref="ArgumentException"/> before any call, and nothing is delivered.</summary>
    /// <param name="flaw">What is wrong with the message.</param>
    /// <returns>A task.</returns>
    [Theory]
    [InlineData("NeitherTextNorCard")]
    [InlineData("WhiteSpaceTextOnly")]
    [InlineData("CardWithoutTitle")]
    [InlineData("CardFieldWithoutLabel")]
    [InlineData("CardLinkNotAbsoluteHttp")]
    [InlineData("NoDestination")]
    public async Task SendAsync_InvalidMessage_ThrowsArgumentExceptionAndDeliversNothing(string flaw)
    {
        OutgoingMessage message = InvalidMessage(flaw);

        await Assert.ThrowsAnyAsync<ArgumentException>(() => Sender.SendAsync(message));

        Assert.Empty(await GetDeliveredAsync());
    }

    /// <summary>A card without a title is an <see cref="ArgumentException"/>, even with text beside it.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task SendAsync_CardWithoutTitle_ThrowsArgumentException()
    {
        var message = new OutgoingMessage
        {
            Destination = DefaultDestination(),
            Text = "A lead needs attention.",
            Card = new MessageCard { Title = "", Text = "No title above me." },
        };

        await Assert.ThrowsAnyAsync<ArgumentException>(() => Sender.SendAsync(message));

        Assert.Empty(await GetDeliveredAsync());
    }

    /// <summary>Sending <see langword="null"/> is an <see cref="ArgumentNullException"/>.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task SendAsync_NullMessage_ThrowsArgumentNullException()
    {
        await Assert.ThrowsAnyAsync<ArgumentNullException>(() => Sender.SendAsync(null!));
    }

    /// <summary>A message to a channel returns the thread it started, and a reply in that thread joins it.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task SendAsync_ReplyInThread_ReturnsSameThreadId()
    {
        if (!SupportsThreads)
        {
            NotApplicable("the vendor has no threads (SupportsThreads is false).");
            return;
        }

        MessageDestination channel = CreateDestination(MessageDestinationKind.Channel);
        MessageSendResult first = await Sender.SendAsync(new OutgoingMessage { Destination = channel, Text = "New MQL: Ada Lovelace" });
        Assert.False(string.IsNullOrEmpty(first.ThreadId), "A message to a channel returned no thread id to reply in.");

        MessageSendResult reply = await Sender.SendAsync(new OutgoingMessage { Destination = channel with { ThreadId = first.ThreadId }, Text = "Taking it. — Grace" });

        Assert.Equal(SendStatus.Accepted, reply.Status);
        Assert.Equal(first.ThreadId, reply.ThreadId);
        Assert.NotEqual(first.MessageId, reply.MessageId);
        var delivered = await GetDeliveredAsync();
        Assert.Equal(2, delivered.Count);
        Assert.Equal(first.ThreadId, Assert.Single(delivered, d => d.MessageId == reply.MessageId).ThreadId);
    }

    /// <summary>Where the vendor has no threads, a destination that names one is refused with
    /// <see cref="NotSupportedException"/> for every kind it supports, and nothing is delivered: the reply is not
    /// silently posted somewhere else.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task SendAsync_ThreadWhereTheVendorHasNone_ThrowsNotSupportedAndDeliversNothing()
    {
        if (SupportsThreads)
        {
            NotApplicable("the vendor has threads (SupportsThreads is true).");
            return;
        }

        foreach (MessageDestinationKind kind in AllKinds.Where(SupportedDestinations.Contains))
        {
            var message = new OutgoingMessage { Destination = CreateDestination(kind) with { ThreadId = "1700000000.000100" }, Text = "Taking it. — Grace" };

            await Assert.ThrowsAnyAsync<NotSupportedException>(() => Sender.SendAsync(message));
        }

        Assert.Empty(await GetDeliveredAsync());
    }

    /// <summary>Sending with a cancelled token throws <see cref="OperationCanceledException"/> and delivers nothing.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task SendAsync_CancelledToken_ThrowsAndDeliversNothing()
    {
        var message = new OutgoingMessage { Destination = DefaultDestination(), Text = "Hello" };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Sender.SendAsync(message, Cancelled));

        Assert.Empty(await GetDeliveredAsync());
    }

    /// <summary><see cref="IMessageSender.GetService"/> names the provider instance behind the client with a
    /// <see cref="MartechProviderMetadata"/>.</summary>
    [Fact]
    public void GetService_ProviderMetadata_NamesTheInstance()
    {
        var metadata = Assert.IsType<MartechProviderMetadata>(Sender.GetService(typeof(MartechProviderMetadata)));
        Assert.False(string.IsNullOrWhiteSpace(metadata.Name));
        Assert.False(string.IsNullOrWhiteSpace(metadata.ProviderType));
    }

    /// <summary><see cref="IMessageSender.GetService"/> returns the sender for its own interface.</summary>
    [Fact]
    public void GetService_MessageSenderType_ReturnsSender()
    {
        Assert.IsAssignableFrom<IMessageSender>(Sender.GetService(typeof(IMessageSender)));
    }

    private async Task AssertSendsTextToAsync(MessageDestinationKind kind)
    {
        MessageDestination destination = CreateDestination(kind);
        Assert.Equal(kind, destination.Kind);
        var message = new OutgoingMessage { Destination = destination, Text = $"Conformance check: {kind}" };
        if (!SupportedDestinations.Contains(kind))
        {
            await Assert.ThrowsAnyAsync<NotSupportedException>(() => Sender.SendAsync(message));
            Assert.Empty(await GetDeliveredAsync());
            return;
        }

        MessageSendResult result = await Sender.SendAsync(message);

        Assert.Equal(SendStatus.Accepted, result.Status);
        Assert.False(string.IsNullOrEmpty(result.MessageId));
        Assert.Null(result.Withheld);
        DeliveredMessage delivered = Assert.Single(await GetDeliveredAsync());
        Assert.Equal(result.MessageId, delivered.MessageId);
        Assert.Equal(kind, delivered.Kind);
        Assert.Equal(destination.Id, delivered.DestinationId);
        Assert.Contains($"Conformance check: {kind}", delivered.Content, StringComparison.Ordinal);
    }

    private MessageDestination DefaultDestination()
    {
        foreach (MessageDestinationKind kind in AllKinds)
        {
            if (SupportedDestinations.Contains(kind))
            {
                return CreateDestination(kind);
            }
        }

        throw new InvalidOperationException("SupportedDestinations is empty; a message sender must reach at least one kind of destination.");
    }

    private OutgoingMessage InvalidMessage(string flaw) => flaw switch
    {
        "NeitherTextNorCard" => new OutgoingMessage { Destination = DefaultDestination() },
        "WhiteSpaceTextOnly" => new OutgoingMessage { Destination = DefaultDestination(), Text = "  " },
        "CardWithoutTitle" => new OutgoingMessage { Destination = DefaultDestination(), Card = new MessageCard { Title = " ", Text = "Body" } },
        "CardFieldWithoutLabel" => new OutgoingMessage
        {
            Destination = DefaultDestination(),
            Card = new MessageCard { Title = "Lead assigned", Fields = { new MessageCardField("", "Grace Hopper") } },
        },
        "CardLinkNotAbsoluteHttp" => new OutgoingMessage
        {
            Destination = DefaultDestination(),
            Card = new MessageCard { Title = "Lead assigned", Links = { new MessageCardLink("Open", new Uri("javascript:alert(1)")) } },
        },
        "NoDestination" => new OutgoingMessage { Destination = null!, Text = "Hello" },
        _ => throw new ArgumentOutOfRangeException(nameof(flaw), flaw, "Unknown flaw."),
    };
}
