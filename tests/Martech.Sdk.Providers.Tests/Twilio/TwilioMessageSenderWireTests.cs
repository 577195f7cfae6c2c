using System.Net;
using Martech.Sdk.Twilio;

namespace Martech.Sdk.Providers.Tests.Twilio;

/// <summary>The exact requests <c>SendAsync</c> sends to Twilio and how it reads the documented answers.</summary>
public sealed class TwilioMessageSenderWireTests
{
    // Twilio's documented 201 answer to CreateMessage (the message resource).
    internal const string Created = """
        {"account_sid":"ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","api_version":"2010-04-01","body":"Hi there","date_created":"Thu, 24 Aug 2023 05:01:45 +0000",
         "date_sent":null,"date_updated":"Thu, 24 Aug 2023 05:01:45 +0000","direction":"outbound-api","error_code":null,"error_message":null,
         "from":"+15005550006","num_media":"0","num_segments":"1","price":null,"price_unit":null,"messaging_service_sid":null,
         "sid":"SMaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","status":"queued",
         "subresource_uris":{"media":"/2010-04-01/Accounts/ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Messages/SMaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Media.json"},
         "to":"+15558675310","uri":"/2010-04-01/Accounts/ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Messages/SMaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.json"}
        """;

    internal static MessageDestination Phone(string number = "+15558675310") => MessageDestination.Phone(PhoneNumber.Parse(number));

    [Fact]
    public async Task SendAsync_Text_PostsTheExactFormAndReturnsTheSid()
    {
        await using var wire = TwilioWire.Create();
        wire.OnSend(HttpStatusCode.Created, Created);

        MessageSendResult result = await wire.Sender.SendAsync(new OutgoingMessage { Destination = Phone(), Text = "Hi there" });

        TwilioCapturedRequest request = wire.Single();
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal(TwilioWire.MessagesUrl, request.Uri.ToString());
        request.AssertTwilioHeaders();
        request.AssertForm(("To", "+15558675310"), ("From", TwilioWire.From), ("Body", "Hi there"));
        Assert.Equal(SendStatus.Accepted, result.Status);
        Assert.Equal("SMaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", result.MessageId);
        Assert.Null(result.ThreadId);
        Assert.Null(result.Withheld);
    }

    [Fact]
    public async Task SendAsync_EveryOption_SendsServiceSidCallbackAndWhatsAppPrefixes()
    {
        await using var wire = TwilioWire.Create(o =>
        {
            o.MessagingServiceSid = "MG0123456789abcdef0123456789abcdef";
            o.StatusCallback = new Uri("https://hooks.example.com/twilio/status?tenant=a b");
            o.WhatsApp = true;
        });
        wire.OnSend(HttpStatusCode.Created, Created);

        await wire.Sender.SendAsync(new OutgoingMessage { Destination = Phone(), Text = "Ünïcode & ampersand = ok" });

        wire.Single().AssertForm(
            ("To", "whatsapp:+15558675310"),
            ("From", "whatsapp:" + TwilioWire.From),
            ("MessagingServiceSid", "MG0123456789abcdef0123456789abcdef"),
            ("Body", "Ünïcode & ampersand = ok"),
            ("StatusCallback", "https://hooks.example.com/twilio/status?tenant=a%20b"));
    }

    [Fact]
    public async Task SendAsync_MessagingServiceOnly_SendsNoFrom()
    {
        await using var wire = TwilioWire.Create(o =>
        {
            o.From = null;
            o.MessagingServiceSid = "MG0123456789abcdef0123456789abcdef";
        });
        wire.OnSend(HttpStatusCode.Created, Created);

        await wire.Sender.SendAsync(new OutgoingMessage { Destination = Phone(), Text = "Hi" });

        wire.Single().AssertForm(("To", "+15558675310"), ("MessagingServiceSid", "MG0123456789abcdef0123456789abcdef"), ("Body", "Hi"));
    }

    [Fact]
    public async Task SendAsync_SampleCard_SendsTheRenderedPlainText()
    {
        await using var wire = TwilioWire.Create();
        wire.OnSend(HttpStatusCode.Created, Created);

        await wire.Sender.SendAsync(TwilioSmsRendererTests.SampleMessage(Phone()));

        string body = Assert.Single(wire.Single().Form, f => f.Key == "Body").Value;
        Assert.Equal(TwilioSmsRendererTests.ExpectedSample(), body);
    }

    [Theory]
    [InlineData(MessageDestinationKind.Channel)]
    [InlineData(MessageDestinationKind.User)]
    [InlineData(MessageDestinationKind.Conversation)]
    public async Task SendAsync_NotAPhoneNumber_ThrowsNotSupportedNamingKindAndVendorBeforeAnyCall(MessageDestinationKind kind)
    {
        await using var wire = TwilioWire.Create();
        MessageDestination destination = kind switch
        {
            MessageDestinationKind.Channel => MessageDestination.Channel("C1"),
            MessageDestinationKind.User => MessageDestination.User("U1"),
            _ => MessageDestination.Conversation("c1"),
        };

        var ex = await Assert.ThrowsAsync<NotSupportedException>(() => wire.Sender.SendAsync(new OutgoingMessage { Destination = destination, Text = "Hi" }));

        Assert.Contains(kind.ToString(), ex.Message, StringComparison.Ordinal);
        Assert.Contains("Twilio", ex.Message, StringComparison.Ordinal);
        Assert.Empty(wire.Requests);
    }

    [Fact]
    public async Task SendAsync_NoTextNorCard_ThrowsArgumentExceptionBeforeAnyCall()
    {
        await using var wire = TwilioWire.Create();

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => wire.Sender.SendAsync(new OutgoingMessage { Destination = Phone() }));

        Assert.Equal("Text", ex.ParamName);
        Assert.Empty(wire.Requests);
    }

    [Fact]
    public async Task SendAsync_WhatsApp_MaxSegmentsDoesNotApply_WholeTextSent()
    {
        await using var wire = TwilioWire.Create(o =>
        {
            o.MaxSegments = 1;
            o.WhatsApp = true;
        });
        wire.OnSend(HttpStatusCode.Created, Created);
        string text = string.Join('\n', Enumerable.Range(1, 40).Select(i => $"Line {i:00}: lead update"));

        await wire.Sender.SendAsync(new OutgoingMessage { Destination = Phone(), Text = text });

        Assert.Equal(text, Assert.Single(wire.Single().Form, f => f.Key == "Body").Value);
    }

    [Fact]
    public async Task SendAsync_TooLongForMaxSegments_RefusesBeforeAnyCall()
    {
        await using var wire = TwilioWire.Create(o => o.MaxSegments = 10);
        var message = new OutgoingMessage { Destination = Phone(), Text = new string('a', 2000) };

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => wire.Sender.SendAsync(message));

        Assert.Contains("needs 14 segments in GSM-7", ex.Message, StringComparison.Ordinal);
        Assert.Contains("MaxSegments allows 10", ex.Message, StringComparison.Ordinal);
        Assert.Empty(wire.Requests);
    }

    [Fact]
    public async Task SendAsync_TooLongWithTruncate_SendsTruncatedBodyAndReportsTheCut()
    {
        await using var wire = TwilioWire.Create(o =>
        {
            o.MaxSegments = 2;
            o.OverLimit = OverLimitBehavior.Truncate;
        });
        wire.OnSend(HttpStatusCode.Created, Created);
        string text = string.Join('\n', Enumerable.Range(1, 40).Select(i => $"Line {i:00}: lead update"));

        MessageSendResult result = await wire.Sender.SendAsync(new OutgoingMessage { Destination = Phone(), Text = text });

        string body = Assert.Single(wire.Single().Form, f => f.Key == "Body").Value;
        Assert.EndsWith("\n...", body, StringComparison.Ordinal);
        Assert.True(body.Length <= 306, $"A 2-segment GSM-7 body holds 306 characters; sent {body.Length}.");
        Assert.StartsWith(body[..^4], text, StringComparison.Ordinal);
        string truncation = Assert.Single(result.Truncations);
        Assert.StartsWith($"SMS body: {text.Length} characters", truncation, StringComparison.Ordinal);
        Assert.Contains($"cut to {body.Length} characters (2 GSM-7 segments)", truncation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_WithinLimits_ReportsNoTruncation()
    {
        await using var wire = TwilioWire.Create(o => o.OverLimit = OverLimitBehavior.Truncate);
        wire.OnSend(HttpStatusCode.Created, Created);

        MessageSendResult result = await wire.Sender.SendAsync(new OutgoingMessage { Destination = Phone(), Text = "Hi" });

        Assert.Empty(result.Truncations);
    }

    [Theory]
    [InlineData("Hi\0there", "U+0000 NULL at index 2")]
    [InlineData("Hi\u0007", "U+0007 control character at index 2")]
    [InlineData("Hi\u001b[31m", "U+001B ESCAPE at index 2")]
    public async Task SendAsync_ControlCharacterInText_RefusesBeforeAnyCall(string text, string expected)
    {
        await using var wire = TwilioWire.Create();

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => wire.Sender.SendAsync(new OutgoingMessage { Destination = Phone(), Text = text }));

        Assert.Contains("OutgoingMessage.Text contains " + expected, ex.Message, StringComparison.Ordinal);
        Assert.Empty(wire.Requests);
    }

    [Fact]
    public async Task SendAsync_CreatedWithoutSid_MayHaveBeenSent_NotSentAgain()
    {
        await using var wire = TwilioWire.Create();
        wire.OnSend(HttpStatusCode.Created, """{"status":"queued"}""");

        var ex = await Assert.ThrowsAsync<MartechTransportException>(() => wire.Sender.SendAsync(new OutgoingMessage { Destination = Phone(), Text = "Hi" }));

        Assert.Contains("no sid", ex.Message, StringComparison.Ordinal);
        Assert.True(ex.MayHaveBeenProcessed);
        Assert.Equal("messages.send", ex.Operation);
        Assert.Single(wire.Requests);
    }

    [Fact]
    public async Task SendAsync_CancelledToken_ThrowsBeforeAnyCall()
    {
        await using var wire = TwilioWire.Create();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            wire.Sender.SendAsync(new OutgoingMessage { Destination = Phone(), Text = "Hi" }, new CancellationToken(canceled: true)));

        Assert.Empty(wire.Requests);
    }

    [Fact]
    public void SpecCheck_UnknownParameterOrMissingTo_Fails()
    {
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => TwilioCapturedRequest.AssertMatchesCreateMessageSpec([new("To", "+1"), new("Sender", "+2"), new("Body", "b")]));
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => TwilioCapturedRequest.AssertMatchesCreateMessageSpec([new("From", "+2"), new("Body", "b")]));
    }
}
