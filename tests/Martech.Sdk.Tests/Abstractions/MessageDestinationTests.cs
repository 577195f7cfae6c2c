namespace Martech.Sdk.Tests.Abstractions;

public class MessageDestinationTests
{
    [Fact]
    public void Channel_WithThread_KeepsKindIdAndThread()
    {
        var destination = MessageDestination.Channel(" C0123 ", "1712345678.000100");

        Assert.Equal(MessageDestinationKind.Channel, destination.Kind);
        Assert.Equal("C0123", destination.Id);
        Assert.Equal("1712345678.000100", destination.ThreadId);
        Assert.Equal("Channel:C0123/1712345678.000100", destination.ToString());
    }

    [Fact]
    public void Channel_WithoutThread_HasNoThread()
    {
        var destination = MessageDestination.Channel("#marketing-ops");

        Assert.Null(destination.ThreadId);
        Assert.Equal("Channel:#marketing-ops", destination.ToString());
    }

    [Fact]
    public void User_And_Conversation_SetTheirKinds()
    {
        Assert.Equal(MessageDestinationKind.User, MessageDestination.User("U42").Kind);
        Assert.Equal("U42", MessageDestination.User("U42").Id);
        Assert.Equal(MessageDestinationKind.Conversation, MessageDestination.Conversation("conv-9").Kind);
        Assert.Equal("Conversation:conv-9", MessageDestination.Conversation("conv-9").ToString());
    }

    [Fact]
    public void Phone_UsesE164Number()
    {
        var destination = MessageDestination.Phone(PhoneNumber.Parse("+1 (415) 555-0123"));

        Assert.Equal(MessageDestinationKind.PhoneNumber, destination.Kind);
        Assert.Equal("+14155550123", destination.Id);
    }

    [Fact]
    public void Phone_EmptyNumber_ThrowsArgumentException()
    {
        var ex = Assert.Throws<ArgumentException>(() => MessageDestination.Phone(default));

        Assert.Equal("number", ex.ParamName);
    }

    [Theory]
    [InlineData("channel", "")]
    [InlineData("channel", "   ")]
    [InlineData("channel", "C1\r\nX: y")]
    [InlineData("user", "")]
    [InlineData("user", "U1\n")]
    [InlineData("conversation", " ")]
    [InlineData("conversation", "c\01")]
    public void Factories_BlankOrLineBreakId_ThrowArgumentExceptionNamingId(string kind, string id)
    {
        Func<MessageDestination> make = kind switch
        {
            "channel" => () => MessageDestination.Channel(id),
            "user" => () => MessageDestination.User(id),
            _ => () => MessageDestination.Conversation(id),
        };

        var ex = Assert.Throws<ArgumentException>(make);

        Assert.Equal("id", ex.ParamName);
    }

    [Fact]
    public void Factories_NullId_ThrowArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => MessageDestination.Channel(null!));
        Assert.Throws<ArgumentNullException>(() => MessageDestination.User(null!));
        Assert.Throws<ArgumentNullException>(() => MessageDestination.Conversation(null!));
    }

    [Fact]
    public void Equality_IsByValue()
    {
        Assert.Equal(MessageDestination.Channel("C1", "t"), MessageDestination.Channel("C1", "t"));
        Assert.NotEqual(MessageDestination.Channel("C1"), MessageDestination.User("C1"));
        Assert.NotEqual(MessageDestination.Channel("C1"), MessageDestination.Channel("C1") with { ThreadId = "t" });
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("1700000000.000100\r\nX-Injected: 1")]
    public void ThreadId_BlankOrWithLineBreak_ThrowsNamingIt(string threadId)
    {
        var viaFactory = Assert.ThrowsAny<ArgumentException>(() => MessageDestination.Channel("C1", threadId));
        var viaWith = Assert.ThrowsAny<ArgumentException>(() => MessageDestination.Conversation("c1") with { ThreadId = threadId });

        Assert.Equal("ThreadId", viaFactory.ParamName);
        Assert.Equal("ThreadId", viaWith.ParamName);
    }

    [Fact]
    public void ThreadId_Trimmed_AndNullClearsIt()
    {
        MessageDestination reply = MessageDestination.Channel("C1", " 1700000000.000100 ");

        Assert.Equal("1700000000.000100", reply.ThreadId);
        Assert.Null((reply with { ThreadId = null }).ThreadId);
    }

    [Theory]
    [InlineData("#sales", MessageDestinationKind.Channel, "sales", null)]
    [InlineData("channel:C0123", MessageDestinationKind.Channel, "C0123", null)]
    [InlineData(" Channel : C0123/171.1 ", MessageDestinationKind.Channel, "C0123", "171.1")]
    [InlineData("user:U42", MessageDestinationKind.User, "U42", null)]
    [InlineData("CONVERSATION:c-9", MessageDestinationKind.Conversation, "c-9", null)]
    [InlineData("phone:+4915112345678", MessageDestinationKind.PhoneNumber, "+4915112345678", null)]
    [InlineData("PhoneNumber:+4915112345678", MessageDestinationKind.PhoneNumber, "+4915112345678", null)]
    public void Parse_ReadsEveryConfiguredForm(string text, MessageDestinationKind kind, string id, string? thread)
    {
        MessageDestination destination = MessageDestination.Parse(text);

        Assert.Equal((kind, id, thread), (destination.Kind, destination.Id, destination.ThreadId));
        Assert.Equal(destination, MessageDestination.Parse(destination.ToString()));
    }

    [Theory]
    [InlineData("", "is not a destination")]
    [InlineData("sales", "is not a destination")]
    [InlineData("#", "is not a destination")]
    [InlineData("channel:", "is not a destination")]
    [InlineData("channel:C1/", "a thread after '/' an id too")]
    [InlineData("room:42", "has the unknown destination kind 'room'")]
    [InlineData("phone:12", "is not a destination")]
    public void Parse_RefusesWhatIsNotADestination_ShowingTheForms(string text, string problem)
    {
        var ex = Assert.Throws<ArgumentException>(() => MessageDestination.Parse(text));

        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
        Assert.Equal("text", ex.ParamName);
        Assert.False(MessageDestination.TryParse(text, out _, out string? error));
        Assert.NotNull(error);
    }
}
