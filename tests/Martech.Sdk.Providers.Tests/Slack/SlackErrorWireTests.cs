using System.Net;
using Martech.Sdk.Slack;

namespace Martech.Sdk.Providers.Tests.Slack;

/// <summary>Slack's failure shapes: HTTP 429 with <c>Retry-After</c> and <c>ratelimited</c>, <c>ok:false</c> with details
/// (<c>missing_scope</c>, <c>invalid_blocks</c>); 5xx and broken bodies are in <see cref="SlackBodyReadingWireTests"/>.</summary>
public sealed class SlackErrorWireTests
{
    private static OutgoingMessage Hi => new() { Destination = MessageDestination.Channel("C0123LEADS"), Text = "hi" };

    [Fact]
    public async Task SendAsync_429WithRetryAfter_WaitsRetryAfterThenPostsOnce()
    {
        await using var wire = SlackWire.Create();
        int calls = 0;
        wire.Respond = _ => ++calls == 1 ? SlackWire.RateLimited(3) : SlackWire.Json("""{"ok":true,"channel":"C0123LEADS","ts":"1700000000.000200"}""");

        MessageSendResult result = await wire.Sender.SendAsync(Hi);

        Assert.Equal("1700000000.000200", result.MessageId);
        Assert.Equal(2, wire.Requests.Count);
        Assert.Contains(TimeSpan.FromSeconds(3), wire.Clock.Requested);
        Assert.Equal(wire.Requests.First().Body, wire.Requests.Last().Body);
    }

    [Fact]
    public async Task SendAsync_429WithoutRetries_ThrowsRateLimitedWithRetryAfterAndCode()
    {
        await using var wire = SlackWire.Create(o => o.Resilience.MaxRetryAttempts = 0);
        wire.Respond = _ => SlackWire.RateLimited(30);

        var ex = await Assert.ThrowsAsync<MartechRateLimitedException>(() => wire.Sender.SendAsync(Hi));

        Assert.Equal(HttpStatusCode.TooManyRequests, ex.StatusCode);
        Assert.Equal("ratelimited", ex.ErrorCode);
        Assert.Equal(TimeSpan.FromSeconds(30), ex.RetryAfter);
        Assert.DoesNotContain(SlackWire.Token, ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_RetryAfterBeyondTheCap_ThrowsAtOnce()
    {
        await using var wire = SlackWire.Create(o => o.Resilience.MaxRetryAfter = TimeSpan.FromSeconds(10));
        wire.Respond = _ => SlackWire.RateLimited(120);

        var ex = await Assert.ThrowsAsync<MartechRateLimitedException>(() => wire.Sender.SendAsync(Hi));

        Assert.Equal(TimeSpan.FromSeconds(120), ex.RetryAfter);
        Assert.Single(wire.Requests);
    }

    [Fact]
    public async Task ListConversationsAsync_429_RetriesThePage()
    {
        await using var wire = SlackWire.Create();
        int calls = 0;
        wire.Respond = _ => ++calls == 1 ? SlackWire.RateLimited(1) : SlackWire.Json("""{"ok":true,"channels":[{"id":"C1"}],"response_metadata":{"next_cursor":""}}""");

        var ids = new List<string>();
        await foreach (SlackConversation c in wire.Conversations.ListConversationsAsync())
        {
            ids.Add(c.Id);
        }

        Assert.Equal(["C1"], ids);
        Assert.Equal(2, wire.Requests.Count);
    }

    [Fact]
    public async Task SendAsync_OkFalseRateLimitedWithRetryAfterHeader_CarriesRetryAfter()
    {
        await using var wire = SlackWire.Create();
        wire.Respond = _ =>
        {
            HttpResponseMessage response = SlackWire.Json("""{"ok":false,"error":"rate_limited"}""");
            response.Headers.Add("Retry-After", "4");
            return response;
        };

        var ex = await Assert.ThrowsAsync<MartechRateLimitedException>(() => wire.Sender.SendAsync(Hi));

        Assert.Equal(TimeSpan.FromSeconds(4), ex.RetryAfter);
        Assert.Single(wire.Requests);
    }

    [Fact]
    public async Task SendAsync_MissingScope_AuthenticationNamingTheScopes()
    {
        await using var wire = SlackWire.Create();
        wire.Respond = _ => SlackWire.Json("""{"ok":false,"error":"missing_scope","needed":"chat:write","provided":"channels:read"}""");

        var ex = await Assert.ThrowsAsync<MartechAuthenticationException>(() => wire.Sender.SendAsync(Hi));

        Assert.Equal("missing_scope", ex.ErrorCode);
        Assert.Contains("needed: chat:write", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_InvalidBlocks_MessageCarriesSlacksExplanation()
    {
        await using var wire = SlackWire.Create();
        wire.Respond = _ => SlackWire.Json("""{"ok":false,"error":"invalid_blocks","response_metadata":{"messages":["[ERROR] must be less than 151 characters [json-pointer:/blocks/0/text/text]"]}}""");

        var ex = await Assert.ThrowsAsync<MartechRequestException>(() => wire.Sender.SendAsync(Hi));

        Assert.Equal("invalid_blocks", ex.ErrorCode);
        Assert.Contains("/blocks/0/text/text", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_OkWithoutTs_IsNotSuccess_AndNotSentAgain()
    {
        await using var wire = SlackWire.Create();
        wire.Respond = _ => SlackWire.Json("""{"ok":true,"channel":"C0123LEADS"}""");

        var ex = await Assert.ThrowsAsync<MartechTransportException>(() => wire.Sender.SendAsync(Hi));

        Assert.Contains("ts", ex.Message, StringComparison.Ordinal);
        Assert.True(ex.MayHaveBeenProcessed);
        Assert.Equal("chat.postMessage", ex.Operation);
        Assert.Single(wire.Requests);
    }

    [Theory]
    [InlineData("channels", "Types")]
    [InlineData("public_channel,groups", "groups")]
    public async Task ListConversationsAsync_UnknownType_ThrowsBeforeAnyCall(string types, string named)
    {
        await using var wire = SlackWire.Create();

        var ex = Assert.Throws<ArgumentException>(() => wire.Conversations.ListConversationsAsync(new SlackConversationListOptions { Types = types }));

        Assert.Contains(named, ex.Message, StringComparison.Ordinal);
        Assert.Empty(wire.Requests);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public async Task ListConversationsAsync_LimitOutOfRange_ThrowsBeforeAnyCall(int limit)
    {
        await using var wire = SlackWire.Create();

        var ex = Assert.Throws<ArgumentException>(() => wire.Conversations.ListConversationsAsync(new SlackConversationListOptions { Limit = limit }));

        Assert.Contains("Limit", ex.Message, StringComparison.Ordinal);
    }
}
