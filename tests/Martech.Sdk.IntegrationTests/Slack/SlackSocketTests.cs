using System.Net;
using System.Text.Json.Nodes;
using Martech.Sdk.Slack;
using Martech.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk.IntegrationTests.Slack;

/// <summary>The Slack provider against its emulator over real sockets: the sample card as Slack receives it, thread
/// replies, <c>ok:false</c> mapping, 429 with Retry-After, cards at Block Kit limits, conversations.list streaming
/// across pages, and cancellation.</summary>
public sealed class SlackSocketTests : IClassFixture<SlackEmulatorFixture>, IAsyncLifetime
{
    private readonly SlackEmulatorFixture _fixture;
    private ServiceProvider _services = null!;

    public SlackSocketTests(SlackEmulatorFixture fixture) => _fixture = fixture;

    private SlackEmulator Emulator => _fixture.Emulator;

    private IMessageSender Sender => _services.GetRequiredKeyedService<IMessageSender>("Slack");

    private ISlackConversations Conversations => (ISlackConversations)Sender.GetService(typeof(ISlackConversations))!;

    public Task InitializeAsync()
    {
        _services = _fixture.CreateServices();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    private static OutgoingMessage Text(string text, string? threadTs = null) =>
        new() { Destination = MessageDestination.Channel(SlackEmulatorFixture.ChannelId, threadTs), Text = text };

    private async Task RebuildAsync(Action<SlackOptions> configure)
    {
        await _services.DisposeAsync();
        _services = _fixture.CreateServices(configure);
    }

    [Fact]
    public async Task SendAsync_SampleCard_EmulatorAcceptsBlocksAndAnswersTs()
    {
        var message = new OutgoingMessage
        {
            Destination = MessageDestination.Channel(SlackEmulatorFixture.ChannelId),
            Text = "New lead: Ada Lovelace (Analytical Engines)",
            Card = new MessageCard
            {
                Title = "New lead: Ada Lovelace",
                Text = "CTO, Analytical Engines",
                Fields = { new MessageCardField("Email", "ada@analytical.example"), new MessageCardField("Source", "webinar"), new MessageCardField("Lead id", "l_42") },
                Links = { new MessageCardLink("Open in CRM", new Uri("https://crm.example/leads/l_42")) },
                Severity = CardSeverity.Warning,
            },
        };

        MessageSendResult result = await Sender.SendAsync(message);

        SlackEmulatedMessage received = Assert.Single(Emulator.Messages);
        Assert.Equal(received.Ts, result.MessageId);
        Assert.Equal(received.Ts, result.ThreadId);
        Assert.Equal(SlackEmulatorFixture.ChannelId, received.Channel);
        Assert.Equal(
            "New lead: Ada Lovelace\nCTO, Analytical Engines\n*Email*\nada@analytical.example\n*Source*\nwebinar\n*Lead id*\nl_42\n:warning: Severity: *Warning*\nOpen in CRM: https://crm.example/leads/l_42\nNew lead: Ada Lovelace (Analytical Engines)",
            received.Content);
        Assert.Equal(["channel", "text", "blocks"], received.Parameters.Keys);
        RecordedRequest request = Assert.Single(Emulator.RequestLog.Requests);
        Assert.Equal("application/json; charset=utf-8", request.ContentType);
        Assert.Equal("Bearer " + Emulator.BotToken, request.GetHeader("Authorization"));
    }

    [Fact]
    public async Task SendAsync_ThreadReply_PostsThreadTsAndReturnsTheThread()
    {
        MessageSendResult parent = await Sender.SendAsync(Text("New MQL: Ada Lovelace"));

        MessageSendResult reply = await Sender.SendAsync(Text("Taking it. — Grace", parent.ThreadId));

        Assert.Equal(parent.MessageId, reply.ThreadId);
        Assert.NotEqual(parent.MessageId, reply.MessageId);
        Assert.Equal(parent.MessageId, Emulator.Messages[1].ThreadTs);
        Assert.Equal(parent.MessageId, Emulator.Messages[1].Parameters["thread_ts"]);
    }

    [Fact]
    public async Task SendAsync_ToUser_PostsInTheDirectMessage()
    {
        MessageSendResult result = await Sender.SendAsync(new OutgoingMessage { Destination = MessageDestination.User(SlackEmulatorFixture.UserId), Text = "Your lead is waiting" });

        SlackEmulatedMessage received = Assert.Single(Emulator.Messages);
        Assert.Equal(result.MessageId, received.Ts);
        Assert.Equal(SlackEmulatorFixture.UserId, received.RequestedChannel);
        Assert.StartsWith("D", received.Channel, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_UnknownChannel_ThrowsNotFoundWithSlackCode()
    {
        var ex = await Assert.ThrowsAsync<MartechNotFoundException>(() => Sender.SendAsync(new OutgoingMessage { Destination = MessageDestination.Channel("C0MISSING"), Text = "hi" }));

        Assert.Equal("channel_not_found", ex.ErrorCode);
        Assert.Equal(HttpStatusCode.OK, ex.StatusCode);
        Assert.Single(Emulator.RequestLog.Requests); // ok:false is not retried
    }

    [Fact]
    public async Task SendAsync_WrongToken_ThrowsAuthenticationWithoutTheToken()
    {
        await RebuildAsync(o => o.BotToken = "xoxb-not-the-right-one");

        var ex = await Assert.ThrowsAsync<MartechAuthenticationException>(() => Sender.SendAsync(Text("hi")));

        Assert.Equal("invalid_auth", ex.ErrorCode);
        Assert.DoesNotContain("xoxb-not-the-right-one", ex.ToString(), StringComparison.Ordinal);
        Assert.Empty(Emulator.Messages);
    }

    [Fact]
    public async Task SendAsync_ArchivedChannel_ThrowsRequestExceptionIsArchived()
    {
        Emulator.AddChannel("old", isArchived: true, id: "C0OLD");

        var ex = await Assert.ThrowsAsync<MartechRequestException>(() => Sender.SendAsync(new OutgoingMessage { Destination = MessageDestination.Channel("C0OLD"), Text = "hi" }));

        Assert.Equal("is_archived", ex.ErrorCode);
    }

    [Fact]
    public async Task SendAsync_TooManyRequestsWithRetryAfter_WaitsThenPostsOnce()
    {
        Emulator.SetMethodTier("chat.postMessage", SlackEmulatorRateTier.PostMessage);
        await Sender.SendAsync(Text("first"));

        MessageSendResult second = await Sender.SendAsync(Text("second"));

        var posts = Emulator.RequestLog.RequestsTo("POST", "/chat.postMessage");
        Assert.Equal([200, 429, 200], posts.Select(p => p.StatusCode));
        Assert.True(posts[2].ArrivedAt - posts[1].ArrivedAt >= TimeSpan.FromSeconds(0.9), "The retry did not wait for Retry-After.");
        Assert.Equal(["first", "second"], Emulator.Messages.Select(m => m.Text));
        Assert.Equal(second.MessageId, Emulator.Messages[1].Ts);
    }

    [Fact]
    public async Task SendAsync_RateLimitedBeyondRetries_ThrowsRateLimitedWithRetryAfter()
    {
        await RebuildAsync(o => o.Resilience.MaxRetryAttempts = 0);
        Emulator.Faults.Next(1, EmulatorFault.TooManyRequests(TimeSpan.FromSeconds(7)));

        var ex = await Assert.ThrowsAsync<MartechRateLimitedException>(() => Sender.SendAsync(Text("hi")));

        Assert.Equal("ratelimited", ex.ErrorCode);
        Assert.Equal(TimeSpan.FromSeconds(7), ex.RetryAfter);
        Assert.Empty(Emulator.Messages);
    }

    [Fact]
    public async Task SendAsync_CardBeyondBlockKitLimits_RefusedBeforeAnyRequest()
    {
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => Sender.SendAsync(new OutgoingMessage { Destination = MessageDestination.Channel(SlackEmulatorFixture.ChannelId), Card = BeyondBlockKitLimits() }));

        Assert.Contains("MessageCard.Title is 409 characters, over a Slack header's 150", ex.Message, StringComparison.Ordinal);
        Assert.Empty(Emulator.RequestLog.Requests);
        Assert.Empty(Emulator.Messages);
    }

    [Fact]
    public async Task SendAsync_CardBeyondBlockKitLimitsWithTruncate_IsAcceptedBySlackAndReportsTheCuts()
    {
        await RebuildAsync(o => o.OverLimit = OverLimitBehavior.Truncate);

        MessageSendResult result = await Sender.SendAsync(new OutgoingMessage { Destination = MessageDestination.Channel(SlackEmulatorFixture.ChannelId), Card = BeyondBlockKitLimits() });

        SlackEmulatedMessage received = Assert.Single(Emulator.Messages);
        JsonArray blocks = JsonNode.Parse(received.BlocksJson!)!.AsArray();
        Assert.InRange(blocks.Count, 2, 50);
        Assert.Equal(23, blocks.Where(b => (string?)b!["type"] == "section" && b["fields"] is not null).Sum(b => b!["fields"]!.AsArray().Count));
        Assert.Equal(30, blocks.Where(b => (string?)b!["type"] == "actions").Sum(b => b!["elements"]!.AsArray().Count));
        Assert.Contains("&lt;@U1&gt; &amp; co", received.BlocksJson, StringComparison.Ordinal);
        Assert.Contains("Line 0: a < b & c > d", received.Content, StringComparison.Ordinal);
        Assert.Contains(result.Truncations, t => t.StartsWith("MessageCard.Title is 409 characters", StringComparison.Ordinal));
        Assert.Contains(result.Truncations, t => t.StartsWith("MessageCard.Fields[0] is ", StringComparison.Ordinal));
        Assert.Contains(result.Truncations, t => t.StartsWith("MessageCard.Links[29].Text is 100 characters", StringComparison.Ordinal));
    }

    private static MessageCard BeyondBlockKitLimits()
    {
        var card = new MessageCard
        {
            Title = new string('T', 400) + " & <more>",
            Text = string.Join('\n', Enumerable.Range(0, 600).Select(i => $"Line {i}: a < b & c > d")),
            Severity = CardSeverity.Critical,
        };
        for (int i = 0; i < 23; i++)
        {
            card.Fields.Add(new MessageCardField($"Field {i}", i == 0 ? new string('v', 5000) : $"<@U{i}> & co"));
        }

        for (int i = 0; i < 30; i++)
        {
            card.Links.Add(new MessageCardLink(new string('L', 100), new Uri($"https://crm.example/leads/{i}")));
        }

        return card;
    }

    [Fact]
    public async Task ListConversationsAsync_SeveralPages_StreamsEveryConversationOnce()
    {
        for (int i = 0; i < 7; i++)
        {
            Emulator.AddChannel($"team-{i}", isPrivate: i % 2 == 1, isArchived: i == 6);
        }

        var items = new List<SlackConversation>();
        await foreach (SlackConversation conversation in Conversations.ListConversationsAsync(new SlackConversationListOptions { Types = "public_channel,private_channel", ExcludeArchived = true, Limit = 2 }))
        {
            items.Add(conversation);
        }

        Assert.Equal([SlackEmulatorFixture.ChannelName, "team-0", "team-1", "team-2", "team-3", "team-4", "team-5"], items.Select(c => c.Name));
        Assert.Equal(4, Emulator.RequestLog.RequestsTo("GET", "/conversations.list").Count);
        Assert.True(items.Single(c => c.Name == "team-1").IsPrivate);
        Assert.All(Emulator.RequestLog.Requests, r => Assert.Equal("2", r.GetQuery("limit")));
    }

    [Fact]
    public async Task ListConversationsAsync_AsPages_ResumesFromAContinuationToken()
    {
        for (int i = 0; i < 4; i++)
        {
            Emulator.AddChannel($"team-{i}");
        }

        string? token = null;
        await foreach (Page<SlackConversation> page in Conversations.ListConversationsAsync().AsPages(pageSizeHint: 2))
        {
            token = page.ContinuationToken;
            break;
        }

        var rest = new List<string?>();
        await foreach (Page<SlackConversation> page in Conversations.ListConversationsAsync().AsPages(token, 2))
        {
            rest.AddRange(page.Items.Select(c => c.Name));
        }

        Assert.Equal(["team-1", "team-2", "team-3"], rest);
    }

    [Fact]
    public async Task ListConversationsAsync_Cancelled_AsksForNoFurtherPage()
    {
        for (int i = 0; i < 6; i++)
        {
            Emulator.AddChannel($"team-{i}");
        }

        using var cts = new CancellationTokenSource();
        var seen = new List<string>();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (SlackConversation conversation in Conversations.ListConversationsAsync(new SlackConversationListOptions { Limit = 2 }).WithCancellation(cts.Token))
            {
                seen.Add(conversation.Id);
                await cts.CancelAsync();
            }
        });

        Assert.Equal(2, seen.Count); // the page in hand is delivered; no further page is asked for
        Assert.Single(Emulator.RequestLog.Requests);
    }

    [Fact]
    public async Task SendAsync_CancelledWhileWaitingForRetryAfter_ThrowsAndPostsNothing()
    {
        Emulator.Faults.Next(1, EmulatorFault.TooManyRequests(TimeSpan.FromSeconds(30)));
        using var cts = new CancellationTokenSource();
        Task<MessageSendResult> send = Sender.SendAsync(Text("hi"), cts.Token);
        await WaitForAnsweredRequestAsync();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => send);

        Assert.Empty(Emulator.Messages);
        Assert.Single(Emulator.RequestLog.Requests);
    }

    // Polls (bounded) until the emulator has answered the first request, so the client is inside its Retry-After wait.
    private async Task WaitForAnsweredRequestAsync()
    {
        for (int i = 0; i < 1000 && (Emulator.RequestLog.Count == 0 || Emulator.RequestLog.Requests[0].StatusCode is null); i++)
        {
            await Task.Delay(10);
        }

        Assert.Equal(429, Emulator.RequestLog.Requests[0].StatusCode);
    }
}
