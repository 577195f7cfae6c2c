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
}
