using System.Net;
using System.Text.Json.Nodes;
using Martech.Sdk.Intercom;

namespace Martech.Sdk.Providers.Tests.Intercom;

/// <summary>The exact requests <c>SendAsync</c> sends to Intercom, how it reads the answers, and the card's HTML.</summary>
public sealed class IntercomMessageSenderWireTests
{
    private const string ReplyAnswer = """
        {"type":"conversation","id":"1295","created_at":1663597223,"state":"open","open":true,
         "conversation_parts":{"type":"conversation_part.list","conversation_parts":[
           {"type":"conversation_part","id":"130","part_type":"comment","body":"<p>Earlier</p>"},
           {"type":"conversation_part","id":"131","part_type":"comment","body":"<p>Hi</p>","author":{"type":"admin","id":"991267"}}],
           "total_count":2}}
        """;

    private const string MessageAnswer = """
        {"type":"user_message","id":"403918330","created_at":1734537243,"body":"<p>Hi</p>","message_type":"inapp","conversation_id":"604"}
        """;

    internal static OutgoingMessage SampleMessage(MessageDestination destination) => Messaging.SampleCard.Message(destination);

    [Fact]
    public void Render_SampleCard_MatchesTheExpectedHtml()
    {
        string html = IntercomHtmlRenderer.Render(SampleMessage(MessageDestination.Conversation("1295")));

        Assert.Equal(IntercomWire.Fixture("sample-card.html").TrimEnd('\n'), html);
    }

    [Fact]
    public void Render_LineBreaks_KeepTheirShape()
    {
        var message = new OutgoingMessage
        {
            Destination = MessageDestination.Conversation("1"),
            Text = "Hi Ada,\r\nthanks for coming.\n\nSee you <soon>",
        };

        Assert.Equal("<p>Hi Ada,<br>thanks for coming.</p><p>See you &lt;soon&gt;</p>", IntercomHtmlRenderer.Render(message));
    }

    [Fact]
    public void Render_UserValues_AreHtmlEncoded()
    {
        var message = new OutgoingMessage
        {
            Destination = MessageDestination.Conversation("1"),
            Text = "<script>x</script>",
            Card = new MessageCard
            {
                Title = "A & B",
                Fields = { new MessageCardField("<b>", "\"q\"") },
                Links = { new MessageCardLink("<i>", new Uri("https://x.example/?a=1&b=2")) },
            },
        };

        Assert.Equal(
            "<p>&lt;script&gt;x&lt;/script&gt;</p><h3>A &amp; B</h3><p><b>&lt;b&gt;:</b> &quot;q&quot;</p><p><a href=\"https://x.example/?a=1&amp;b=2\">&lt;i&gt;</a></p>",
            IntercomHtmlRenderer.Render(message));
    }

    [Fact]
    public async Task SendAsync_Conversation_PostsTheExactReplyAndReturnsPartAndConversationIds()
    {
        await using var wire = IntercomWire.Create();
        wire.On(HttpMethod.Post, "https://api.intercom.io/conversations/1295/reply", HttpStatusCode.OK, ReplyAnswer);

        MessageSendResult result = await wire.Sender.SendAsync(new OutgoingMessage { Destination = MessageDestination.Conversation("1295"), Text = "Hi" });

        var request = Assert.Single(wire.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("https://api.intercom.io/conversations/1295/reply", request.Uri.ToString());
        Assert.Equal("Bearer " + IntercomWire.Token, request.Headers["Authorization"]);
        Assert.Equal("2.14", request.Headers["Intercom-Version"]);
        Assert.Equal("application/json", request.Headers["Accept"]);
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""{"message_type":"comment","type":"admin","admin_id":"991267","body":"<p>Hi</p>"}"""),
            JsonNode.Parse(request.Body)), request.Body);
        Assert.Equal(SendStatus.Accepted, result.Status);
        Assert.Equal("131", result.MessageId);
        Assert.Equal("1295", result.ThreadId);
    }

    [Fact]
    public async Task SendAsync_UserWithEmailTypeInEuRegion_PostsTheExactMessage()
    {
        await using var wire = IntercomWire.Create(o =>
        {
            o.Region = IntercomRegion.EU;
            o.UserMessageType = IntercomMessageType.Email;
            o.IntercomVersion = "2.11";
        });
        wire.On(HttpMethod.Post, "https://api.eu.intercom.io/messages", HttpStatusCode.OK, MessageAnswer);

        MessageSendResult result = await wire.Sender.SendAsync(SampleMessage(MessageDestination.User("6762f0dd1bb69f9f2193bb83")));

        var request = Assert.Single(wire.Requests);
        Assert.Equal("2.11", request.Headers["Intercom-Version"]);
        // Intercom requires subject and template with message_type email (create_message_request, anyOf "email").
        var expected = new JsonObject
        {
            ["message_type"] = "email",
            ["subject"] = "New lead: Ada Lovelace",
            ["body"] = IntercomWire.Fixture("sample-card.html").TrimEnd('\n'),
            ["template"] = "plain",
            ["from"] = new JsonObject { ["type"] = "admin", ["id"] = "991267" },
            ["to"] = new JsonObject { ["type"] = "user", ["id"] = "6762f0dd1bb69f9f2193bb83" },
        };
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(request.Body)), request.Body);
        Assert.Equal("403918330", result.MessageId);
        Assert.Equal("604", result.ThreadId);
    }

    [Fact]
    public async Task SendAsync_Channel_ThrowsNotSupportedBeforeAnyRequest()
    {
        await using var wire = IntercomWire.Create();

        var ex = await Assert.ThrowsAsync<NotSupportedException>(() =>
            wire.Sender.SendAsync(new OutgoingMessage { Destination = MessageDestination.Channel("C1"), Text = "Hi" }));

        Assert.Contains("Channel", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Intercom", ex.Message, StringComparison.Ordinal);
        Assert.Empty(wire.Requests);
    }

    [Fact]
    public async Task SendAsync_ErrorList_MapsCodeRequestIdAndFieldErrors()
    {
        await using var wire = IntercomWire.Create();
        wire.On(HttpMethod.Post, "https://api.intercom.io/conversations/1295/reply", HttpStatusCode.UnprocessableEntity, """
            {"type":"error.list","request_id":"b68959ea-6328-4f75-8f7b-4b2a9b5d4e12","errors":[{"code":"parameter_invalid","message":"Body is required","field":"body"}]}
            """);

        var ex = await Assert.ThrowsAnyAsync<MartechRequestException>(() =>
            wire.Sender.SendAsync(new OutgoingMessage { Destination = MessageDestination.Conversation("1295"), Text = "Hi" }));

        Assert.Equal("parameter_invalid", ex.ErrorCode);
        Assert.Equal("b68959ea-6328-4f75-8f7b-4b2a9b5d4e12", ex.RequestId);
        var field = Assert.Single(ex.FieldErrors);
        Assert.Equal("body", field.Field);
        Assert.Equal("parameter_invalid", field.Code);
        Assert.Contains("Body is required", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_MalformedErrorBody_StillGivesAClearError()
    {
        await using var wire = IntercomWire.Create();
        wire.On(HttpMethod.Post, "https://api.intercom.io/messages", HttpStatusCode.BadRequest, "not json");

        var ex = await Assert.ThrowsAnyAsync<MartechRequestException>(() =>
            wire.Sender.SendAsync(new OutgoingMessage { Destination = MessageDestination.User("u1"), Text = "Hi" }));

        Assert.Equal(HttpStatusCode.BadRequest, ex.StatusCode);
        Assert.Null(ex.ErrorCode);
    }

    [Fact]
    public async Task SendAsync_AcceptedWithoutAnId_MayHaveBeenSent_NotSentAgain()
    {
        await using var wire = IntercomWire.Create();
        wire.On(HttpMethod.Post, "https://api.intercom.io/messages", HttpStatusCode.OK, """{"type":"user_message","message_type":"inapp"}""");

        var ex = await Assert.ThrowsAsync<MartechTransportException>(() =>
            wire.Sender.SendAsync(new OutgoingMessage { Destination = MessageDestination.User("u1"), Text = "Hi" }));

        Assert.True(ex.MayHaveBeenProcessed);
        Assert.Contains("message id", ex.Message, StringComparison.Ordinal);
        Assert.Single(wire.Requests);
    }

    [Fact]
    public void Validate_MissingTokenAndAdmin_NamesBothSettings()
    {
        var messages = new IntercomOptions().Validate("Martech:Intercom").ToList();

        Assert.Contains(messages, m => m.StartsWith("Martech:Intercom:AccessToken", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("Martech:Intercom:AdminId", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetService_Metadata_NamesTheVendor()
    {
        await using var wire = IntercomWire.Create(name: "Support");

        var metadata = (MartechProviderMetadata?)wire.Sender.GetService(typeof(MartechProviderMetadata));

        Assert.Equal("Support", metadata!.Name);
        Assert.NotNull(wire.Sender.GetService(typeof(IntercomOptions)));
    }

    [Theory]
    [InlineData("..")]
    [InlineData(".")]
    public async Task SendAsync_DotSegmentConversationId_RefusedBeforeAnyRequest(string id)
    {
        await using var wire = IntercomWire.Create();

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => wire.Sender.SendAsync(new OutgoingMessage { Destination = MessageDestination.Conversation(id), Text = "Hi" }));

        Assert.Contains("is not an Intercom conversation id", ex.Message, StringComparison.Ordinal);
        Assert.Empty(wire.Requests);
    }
}
