using System.Net;
using System.Text;
using Martech.Sdk.Teams;

namespace Martech.Sdk.Providers.Tests.Teams;

/// <summary>The exact requests <c>SendAsync</c> sends to a Workflows webhook and how it reads the answers.</summary>
public sealed class TeamsMessageSenderWireTests
{
    private static OutgoingMessage Text(string channel, string text = "Hello team") =>
        new() { Destination = MessageDestination.Channel(channel), Text = text };

    [Fact]
    public async Task SendAsync_SampleCard_PostsExactBodyToTheChannelWebhook()
    {
        await using var wire = TeamsWire.Create();

        MessageSendResult result = await wire.Sender.SendAsync(TeamsWire.SampleMessage(MessageDestination.Channel("#new-leads")));

        var (request, body) = wire.Single();
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal(new Uri(TeamsWire.LeadsUrl), request.RequestUri);
        Assert.Equal(TeamsWire.LeadsUrl.Replace(":443", string.Empty, StringComparison.Ordinal), request.RequestUri!.AbsoluteUri);
        Assert.Equal("application/json", request.Content!.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", request.Content.Headers.ContentType.CharSet);
        Assert.Null(request.Headers.Authorization);
        TeamsWire.AssertJson(TeamsWire.ExpectedSampleCard, body);
        Assert.Equal(SendStatus.Accepted, result.Status);
        Assert.StartsWith("teams-", result.MessageId, StringComparison.Ordinal);
        Assert.Null(result.ThreadId);
        Assert.Null(result.Withheld);
    }

    [Fact]
    public async Task SendAsync_ChannelNamesCompareWithoutCase_PostsToThatChannel()
    {
        await using var wire = TeamsWire.Create();

        await wire.Sender.SendAsync(Text("SALES"));

        Assert.Equal(new Uri(TeamsWire.SalesUrl), wire.Single().Request.RequestUri);
    }

    [Fact]
    public async Task SendAsync_DefaultAlias_PostsToDefaultChannel()
    {
        await using var wire = TeamsWire.Create(o => o.DefaultChannel = "sales");

        await wire.Sender.SendAsync(Text(TeamsOptions.DefaultChannelAlias));

        Assert.Equal(new Uri(TeamsWire.SalesUrl), wire.Single().Request.RequestUri);
    }

    [Fact]
    public async Task SendAsync_RunIdHeader_IsTheMessageId()
    {
        await using var wire = TeamsWire.Create();
        wire.Respond = _ =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.Accepted);
            response.Headers.Add("x-ms-workflow-run-id", "08584712345678901234CU00");
            return response;
        };

        MessageSendResult result = await wire.Sender.SendAsync(Text("sales"));

        Assert.Equal("08584712345678901234CU00", result.MessageId);
    }

    [Fact]
    public async Task SendAsync_TwoSends_DistinctGeneratedIds()
    {
        await using var wire = TeamsWire.Create();

        MessageSendResult first = await wire.Sender.SendAsync(Text("sales"));
        MessageSendResult second = await wire.Sender.SendAsync(Text("sales"));

        Assert.NotEqual(first.MessageId, second.MessageId);
    }

    [Fact]
    public async Task SendAsync_LegacyConnectorAnswersOne_Accepted()
    {
        await using var wire = TeamsWire.Create();
        wire.Respond = _ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("1") };

        MessageSendResult result = await wire.Sender.SendAsync(Text("sales"));

        Assert.Equal(SendStatus.Accepted, result.Status);
    }

    [Fact]
    public async Task SendAsync_LegacyThrottlingInBody_ThrowsRateLimited()
    {
        await using var wire = TeamsWire.Create();
        wire.Respond = _ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("Microsoft Teams endpoint returned HTTP error 429") };

        var ex = await Assert.ThrowsAsync<MartechRateLimitedException>(() => wire.Sender.SendAsync(Text("sales")));

        Assert.Equal(HttpStatusCode.TooManyRequests, ex.StatusCode);
        Assert.Equal("Teams", ex.Provider);
    }

    [Fact]
    public async Task SendAsync_429WithRetryAfter_ThrowsRateLimitedWithRetryAfter()
    {
        await using var wire = TeamsWire.Create();
        wire.Respond = _ =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests)
            {
                Content = new StringContent("""{"error":{"code":"WorkflowRequestsThrottled","message":"Throttled."}}""", Encoding.UTF8, "application/json"),
            };
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(7));
            return response;
        };

        var ex = await Assert.ThrowsAsync<MartechRateLimitedException>(() => wire.Sender.SendAsync(Text("sales")));

        Assert.Equal(TimeSpan.FromSeconds(7), ex.RetryAfter);
        Assert.Equal("WorkflowRequestsThrottled", ex.ErrorCode);
    }

    [Fact]
    public async Task SendAsync_WorkflowNotFound_ThrowsNotFoundWithCodeAndNoSecret()
    {
        await using var wire = TeamsWire.Create();
        wire.Respond = _ => new HttpResponseMessage(HttpStatusCode.NotFound)
        {
            Content = new StringContent("""{"error":{"code":"WorkflowNotFound","message":"The workflow '0a1b2c3d' could not be found."}}""", Encoding.UTF8, "application/json"),
        };

        var ex = await Assert.ThrowsAsync<MartechNotFoundException>(() => wire.Sender.SendAsync(Text("#new-leads")));

        Assert.Equal("WorkflowNotFound", ex.ErrorCode);
        Assert.Contains("could not be found", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(TeamsWire.Sig, ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_BadSignature_ThrowsAuthentication()
    {
        await using var wire = TeamsWire.Create();
        wire.Respond = _ => new HttpResponseMessage(HttpStatusCode.Unauthorized)
        {
            Content = new StringContent("""{"error":{"code":"DirectApiInvalidAuthorizationSignature","message":"The provided authorization signature is not valid."}}""", Encoding.UTF8, "application/json"),
        };

        var ex = await Assert.ThrowsAsync<MartechAuthenticationException>(() => wire.Sender.SendAsync(Text("sales")));

        Assert.Equal("DirectApiInvalidAuthorizationSignature", ex.ErrorCode);
    }

    [Fact]
    public async Task SendAsync_PlainTextErrorBody_ThrowsWithExcerpt()
    {
        await using var wire = TeamsWire.Create();
        wire.Respond = _ => new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = new StringContent("Summary or Text is required.") };

        var ex = await Assert.ThrowsAsync<MartechRequestException>(() => wire.Sender.SendAsync(Text("sales")));

        Assert.Equal(HttpStatusCode.BadRequest, ex.StatusCode);
        Assert.Contains("Summary or Text is required.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_MalformedJsonErrorBody_ThrowsWithExcerpt()
    {
        await using var wire = TeamsWire.Create();
        wire.Respond = _ => new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = new StringContent("{\"error\":") };

        var ex = await Assert.ThrowsAsync<MartechRequestException>(() => wire.Sender.SendAsync(Text("sales")));

        Assert.Null(ex.ErrorCode);
        Assert.Contains("{\"error\":", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_UnexpectedSuccessText_ThrowsRequestException()
    {
        await using var wire = TeamsWire.Create();
        wire.Respond = _ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("Webhook message delivery failed with error: Forbidden") };

        var ex = await Assert.ThrowsAsync<MartechRequestException>(() => wire.Sender.SendAsync(Text("sales")));

        Assert.Contains("Webhook message delivery failed", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(MessageDestinationKind.User)]
    [InlineData(MessageDestinationKind.Conversation)]
    [InlineData(MessageDestinationKind.PhoneNumber)]
    public async Task SendAsync_NonChannelDestination_ThrowsNotSupportedBeforeAnyCall(MessageDestinationKind kind)
    {
        await using var wire = TeamsWire.Create();
        MessageDestination destination = kind switch
        {
            MessageDestinationKind.User => MessageDestination.User("29:1a2b"),
            MessageDestinationKind.Conversation => MessageDestination.Conversation("19:abc@thread.tacv2"),
            _ => MessageDestination.Phone(PhoneNumber.Parse("+14155550123")),
        };

        var ex = await Assert.ThrowsAsync<NotSupportedException>(() => wire.Sender.SendAsync(new OutgoingMessage { Destination = destination, Text = "Hi" }));

        Assert.Contains(kind.ToString(), ex.Message, StringComparison.Ordinal);
        Assert.Contains("Teams", ex.Message, StringComparison.Ordinal);
        Assert.Empty(wire.Requests);
    }

    [Fact]
    public async Task SendAsync_ThreadReply_ThrowsNotSupportedBeforeAnyCall()
    {
        await using var wire = TeamsWire.Create();

        await Assert.ThrowsAsync<NotSupportedException>(() => wire.Sender.SendAsync(new OutgoingMessage { Destination = MessageDestination.Channel("sales", "1712345"), Text = "Reply" }));

        Assert.Empty(wire.Requests);
    }

    [Fact]
    public async Task SendAsync_UnknownChannel_ThrowsArgumentNamingTheSetting()
    {
        await using var wire = TeamsWire.Create();

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => wire.Sender.SendAsync(Text("#marketing")));

        Assert.Contains("Martech:Teams:Channels:#marketing", ex.Message, StringComparison.Ordinal);
        Assert.Empty(wire.Requests);
    }

    [Fact]
    public async Task SendAsync_DefaultAliasWithoutDefaultChannel_ThrowsArgument()
    {
        await using var wire = TeamsWire.Create();

        await Assert.ThrowsAsync<ArgumentException>(() => wire.Sender.SendAsync(Text(TeamsOptions.DefaultChannelAlias)));

        Assert.Empty(wire.Requests);
    }

    [Theory]
    [InlineData("Deal\u2028won", "MessageCard.Title contains U+2028 LINE SEPARATOR at index 4")]
    [InlineData("Deal\0won", "MessageCard.Title contains U+0000 NULL at index 4")]
    [InlineData("Deal\r\nwon", "MessageCard.Title contains U+000D CARRIAGE RETURN at index 4")]
    public async Task SendAsync_LineBreakInCardTitle_ThrowsArgumentBeforeAnyCall(string title, string expected)
    {
        await using var wire = TeamsWire.Create();
        var message = new OutgoingMessage { Destination = MessageDestination.Channel("sales"), Card = new MessageCard { Title = title } };

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => wire.Sender.SendAsync(message));

        Assert.StartsWith(expected, ex.Message, StringComparison.Ordinal);
        Assert.Empty(wire.Requests);
    }

    [Fact]
    public async Task SendAsync_PayloadOver28KB_ThrowsArgumentBeforeAnyCall()
    {
        await using var wire = TeamsWire.Create();

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => wire.Sender.SendAsync(Text("sales", new string('x', 29 * 1024))));

        Assert.Contains("28672", ex.Message, StringComparison.Ordinal);
        Assert.Empty(wire.Requests);
    }

    [Fact]
    public async Task SendAsync_InvalidCard_ThrowsArgumentBeforeAnyCall()
    {
        await using var wire = TeamsWire.Create();

        await Assert.ThrowsAnyAsync<ArgumentException>(() => wire.Sender.SendAsync(new OutgoingMessage
        {
            Destination = MessageDestination.Channel("sales"),
            Card = new MessageCard { Title = "T", Links = { new MessageCardLink("Open", new Uri("ftp://files.example/x")) } },
        }));

        Assert.Empty(wire.Requests);
    }

    [Fact]
    public async Task SendAsync_NullMessage_ThrowsArgumentNull()
    {
        await using var wire = TeamsWire.Create();

        await Assert.ThrowsAsync<ArgumentNullException>(() => wire.Sender.SendAsync(null!));
    }
}
