using Martech.Sdk.Testing;

namespace Martech.Sdk.Tests.InMemory;

public class InMemoryMessageSenderTests
{
    private readonly InMemoryHarness _h = new();

    [Fact]
    public async Task SendAsync_TextToChannel_AcceptedStartsThreadAndRecords()
    {
        MessageSendResult result = await _h.Messages.SendAsync(new OutgoingMessage { Destination = MessageDestination.Channel("C-sales"), Text = "New MQL: Ada" });

        Assert.Equal(SendStatus.Accepted, result.Status);
        Assert.Equal("msg_1", result.MessageId);
        Assert.Equal("msg_1", result.ThreadId);
        SentMessage sent = Assert.Single(_h.Store.SentMessages);
        Assert.Equal("New MQL: Ada", sent.RenderedText);
        Assert.Equal(ManualTimeProvider.DefaultStart, sent.SentAt);
        Assert.Equal(MessageDestinationKind.Channel, sent.Message.Destination.Kind);
    }

    [Fact]
    public async Task SendAsync_ReplyInThread_KeepsTheThreadId()
    {
        MessageSendResult result = await _h.Messages.SendAsync(new OutgoingMessage { Destination = MessageDestination.Channel("C-sales", "1700000000.000100"), Text = "Following up" });

        Assert.Equal("1700000000.000100", result.ThreadId);
        Assert.NotEqual(result.ThreadId, result.MessageId);
    }

    [Fact]
    public async Task SendAsync_EveryDestinationKind_Accepted()
    {
        MessageDestination[] destinations =
        [
            MessageDestination.Channel("C1"),
            MessageDestination.User("U1"),
            MessageDestination.Conversation("conv-1"),
            MessageDestination.Phone(PhoneNumber.Parse("+14155550100")),
        ];

        foreach (var destination in destinations)
        {
            var result = await _h.Messages.SendAsync(new OutgoingMessage { Destination = destination, Text = "hi" });
            Assert.Equal(SendStatus.Accepted, result.Status);
        }

        Assert.Equal(destinations.Select(d => d.Kind), _h.Store.SentMessages.Select(m => m.Message.Destination.Kind));
        Assert.Equal(["msg_1", "msg_2", "msg_3", "msg_4"], _h.Store.SentMessages.Select(m => m.MessageId));
    }

    [Fact]
    public async Task SendAsync_TextAndCard_RenderedTextJoinsThemWithABlankLine()
    {
        var card = new MessageCard
        {
            Title = "SLA at risk",
            Text = "Lead Ada untouched for 3h",
            Fields = [new MessageCardField("Owner", "Grace")],
            Links = [new MessageCardLink("Open", new Uri("https://crm.example/leads/1"))],
            Severity = CardSeverity.Warning,
        };

        await _h.Messages.SendAsync(new OutgoingMessage { Destination = MessageDestination.Channel("C1"), Text = "Heads up", Card = card });
        await _h.Messages.SendAsync(new OutgoingMessage { Destination = MessageDestination.Channel("C1"), Card = card });

        var sent = _h.Store.SentMessages;
        Assert.Equal("Heads up\n\n" + card.ToPlainText(), sent[0].RenderedText);
        Assert.Equal(card.ToPlainText(), sent[1].RenderedText);
        Assert.Equal("SLA at risk\nLead Ada untouched for 3h\nOwner: Grace\nOpen: https://crm.example/leads/1", sent[1].RenderedText);
    }

    [Fact]
    public async Task SendAsync_CallerChangesCardAfterSending_RecordKeepsWhatWasSent()
    {
        var card = new MessageCard { Title = "Report", Fields = [new MessageCardField("Opens", "12")] };

        await _h.Messages.SendAsync(new OutgoingMessage { Destination = MessageDestination.User("U1"), Card = card });
        card.Fields.Add(new MessageCardField("Clicks", "3"));

        Assert.Single(Assert.Single(_h.Store.SentMessages).Message.Card!.Fields);
    }

    [Fact]
    public async Task SendAsync_InvalidMessage_ThrowsBeforeAnythingIsRecorded()
    {
        var ex = await Assert.ThrowsAsync<ArgumentException>(() =>
            _h.Messages.SendAsync(new OutgoingMessage { Destination = MessageDestination.Channel("C1"), Text = " " }));
        await Assert.ThrowsAsync<ArgumentException>(() => _h.Messages.SendAsync(new OutgoingMessage
        {
            Destination = MessageDestination.Channel("C1"),
            Card = new MessageCard { Title = "t", Links = [new MessageCardLink("bad", new Uri("ftp://files.example/x"))] },
        }));
        await Assert.ThrowsAsync<ArgumentNullException>(() => _h.Messages.SendAsync(null!));

        Assert.Contains("Text or a Card", ex.Message, StringComparison.Ordinal);
        Assert.Empty(_h.Store.SentMessages);
    }

    [Fact]
    public async Task SendAsync_CancelledToken_ThrowsWithoutRecording()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            _h.Messages.SendAsync(new OutgoingMessage { Destination = MessageDestination.Channel("C1"), Text = "hi" }, cts.Token));

        Assert.Empty(_h.Store.SentMessages);
    }
}
