namespace Martech.Sdk.Tests.Abstractions;

public class OutgoingMessageTests
{
    private static readonly MessageDestination Channel = MessageDestination.Channel("C1");

    [Fact]
    public void Validate_TextOnly_Passes()
    {
        new OutgoingMessage { Destination = Channel, Text = "Lead assigned" }.Validate();
    }

    [Fact]
    public void Validate_CardOnly_Passes()
    {
        new OutgoingMessage { Destination = Channel, Card = ValidCard() }.Validate();
    }

    [Fact]
    public void Defaults_AreTransactional()
    {
        var message = new OutgoingMessage { Destination = Channel, Text = "x" };

        Assert.Equal(SendPurpose.Transactional, message.Purpose);
        Assert.Null(message.ContactId);
    }

    [Fact]
    public void Validate_NoDestination_ThrowsNamingIt()
    {
        var ex = Assert.Throws<ArgumentException>(() => new OutgoingMessage { Destination = null!, Text = "x" }.Validate());

        Assert.Equal("Destination", ex.ParamName);
        Assert.Contains("OutgoingMessage.Destination is required", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Validate_NoTextAndNoCard_ThrowsNamingText(string? text)
    {
        var ex = Assert.Throws<ArgumentException>(() => new OutgoingMessage { Destination = Channel, Text = text }.Validate());

        Assert.Equal("Text", ex.ParamName);
        Assert.Contains("needs Text or a Card", ex.Message, StringComparison.Ordinal);
    }

    // Each scenario breaks one rule of an otherwise valid card.
    private static readonly Dictionary<string, Func<MessageCard>> BadCards = new(StringComparer.Ordinal)
    {
        ["blank title"] = () => new MessageCard { Title = " " },
        ["empty title"] = () => new MessageCard { Title = "" },
        ["null field"] = () => new MessageCard { Title = "t", Fields = { null! } },
        ["field without label"] = () => new MessageCard { Title = "t", Fields = { new MessageCardField("ok", "1"), new MessageCardField(" ", "2") } },
        ["null link"] = () => new MessageCard { Title = "t", Links = { null! } },
        ["link without text"] = () => new MessageCard { Title = "t", Links = { new MessageCardLink("", new Uri("https://example.com")) } },
        ["link without url"] = () => new MessageCard { Title = "t", Links = { new MessageCardLink("Open", null!) } },
        ["relative link"] = () => new MessageCard { Title = "t", Links = { new MessageCardLink("Open", new Uri("/leads/1", UriKind.Relative)) } },
        ["ftp link"] = () => new MessageCard { Title = "t", Links = { new MessageCardLink("Open", new Uri("ftp://example.com/file")) } },
        ["javascript link"] = () => new MessageCard { Title = "t", Links = { new MessageCardLink("Open", new Uri("javascript:alert(1)")) } },
    };

    [Theory]
    [InlineData("blank title", "Title", "MessageCard.Title is required")]
    [InlineData("empty title", "Title", "MessageCard.Title is required")]
    [InlineData("null field", "Fields", "MessageCard.Fields[0] needs a label")]
    [InlineData("field without label", "Fields", "MessageCard.Fields[1] needs a label")]
    [InlineData("null link", "Links", "MessageCard.Links[0] needs text and an absolute http or https URL")]
    [InlineData("link without text", "Links", "MessageCard.Links[0] needs text")]
    [InlineData("link without url", "Links", "MessageCard.Links[0] needs text and an absolute http or https URL")]
    [InlineData("relative link", "Links", "absolute http or https URL")]
    [InlineData("ftp link", "Links", "absolute http or https URL")]
    [InlineData("javascript link", "Links", "absolute http or https URL")]
    public void Validate_InvalidCard_ThrowsNamingTheField(string scenario, string paramName, string reason)
    {
        var message = new OutgoingMessage { Destination = Channel, Text = "fallback", Card = BadCards[scenario]() };

        var ex = Assert.Throws<ArgumentException>(message.Validate);

        Assert.Equal(paramName, ex.ParamName);
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_HttpLink_Passes()
    {
        var card = new MessageCard { Title = "t", Links = { new MessageCardLink("Open", new Uri("http://intranet.example/lead/1")) } };

        new OutgoingMessage { Destination = Channel, Card = card }.Validate();
    }

    [Fact]
    public void ToPlainText_RendersTitleTextFieldsAndLinks()
    {
        string text = ValidCard().ToPlainText();

        Assert.Equal(
            "SLA at risk\nLead L-42 has 30 minutes left.\nOwner: Grace\nDue: 14:00\nOpen lead: https://crm.example.com/leads/42",
            text);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void ToPlainText_NoText_SkipsTheTextLine(string? body)
    {
        var card = new MessageCard { Title = "Title", Text = body, Fields = { new MessageCardField("A", "1") } };

        Assert.Equal("Title\nA: 1", card.ToPlainText());
    }

    [Fact]
    public void ToPlainText_TitleOnly_IsTheTitle()
    {
        Assert.Equal("Just a title", new MessageCard { Title = "Just a title" }.ToPlainText());
    }

    [Fact]
    public void Card_DefaultsToInfoSeverity()
    {
        Assert.Equal(CardSeverity.Info, new MessageCard { Title = "t" }.Severity);
    }

    private static MessageCard ValidCard() => new()
    {
        Title = "SLA at risk",
        Text = "Lead L-42 has 30 minutes left.",
        Severity = CardSeverity.Warning,
        Fields = { new MessageCardField("Owner", "Grace"), new MessageCardField("Due", "14:00") },
        Links = { new MessageCardLink("Open lead", new Uri("https://crm.example.com/leads/42")) },
    };
}
