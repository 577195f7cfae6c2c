using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Martech.Sdk.Testing;

namespace Martech.Sdk.IntegrationTests.Slack;

/// <summary>The <see cref="SlackEmulator"/> speaks the Slack Web API wire format to any HTTP client.</summary>
public sealed class SlackEmulatorTests : IClassFixture<SlackEmulatorFixture>, IDisposable
{
    private readonly SlackEmulatorFixture _fixture;
    private readonly HttpClient _client;

    public SlackEmulatorTests(SlackEmulatorFixture fixture)
    {
        _fixture = fixture;
        fixture.Emulator.Reset();
        _client = new HttpClient { BaseAddress = fixture.Emulator.BaseAddress };
    }

    private SlackEmulator Emulator => _fixture.Emulator;

    public void Dispose() => _client.Dispose();

    private async Task<(HttpResponseMessage Response, JsonObject Body)> SendAsync(HttpMethod method, string path, HttpContent? content = null, string? token = SlackEmulator.DefaultBotToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        HttpResponseMessage response = await _client.SendAsync(request);
        return (response, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }

    private static StringContent Json(string json, string contentType = "application/json; charset=utf-8")
    {
        var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

    [Fact]
    public async Task PostMessage_Json_AnswersTsAndChannelAndRecordsTheMessage()
    {
        Emulator.AddChannel("leads", id: "C0LEADS");

        var (response, body) = await SendAsync(HttpMethod.Post, "chat.postMessage", Json("""{"channel":"C0LEADS","text":"Hi &lt;there&gt;","blocks":[{"type":"header","text":{"type":"plain_text","text":"Title"}}]}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((bool)body["ok"]!);
        Assert.Equal("C0LEADS", (string?)body["channel"]);
        string ts = (string)body["ts"]!;
        Assert.Matches(@"^\d+\.\d{6}$", ts);
        Assert.Equal(ts, (string?)body["message"]!["ts"]);
        Assert.Null(body["warning"]);
        SlackEmulatedMessage message = Assert.Single(Emulator.Messages);
        Assert.Equal(ts, message.Ts);
        Assert.Equal("Title\nHi <there>", message.Content);
        Assert.Null(message.ThreadTs);
    }

    [Fact]
    public async Task PostMessage_FormWithTokenParameterAndChannelName_IsAccepted()
    {
        Emulator.AddChannel("leads", id: "C0LEADS");

        var (_, body) = await SendAsync(
            HttpMethod.Post,
            "chat.postMessage",
            Form(("token", SlackEmulator.DefaultBotToken), ("channel", "#leads"), ("text", "hello"), ("blocks", """[{"type":"section","text":{"type":"mrkdwn","text":"body"}}]""")),
            token: null);

        Assert.True((bool)body["ok"]!, body.ToJsonString());
        Assert.Equal("C0LEADS", (string?)body["channel"]);
        SlackEmulatedMessage message = Assert.Single(Emulator.Messages);
        Assert.Equal("#leads", message.RequestedChannel);
        Assert.Equal("body\nhello", message.Content);
        Assert.False(message.Parameters.ContainsKey("token"));
    }

    [Fact]
    public async Task PostMessage_JsonWithoutCharset_WarnsMissingCharset()
    {
        Emulator.AddChannel("leads", id: "C0LEADS");

        var (_, body) = await SendAsync(HttpMethod.Post, "chat.postMessage", Json("""{"channel":"C0LEADS","text":"hi"}""", "application/json"));

        Assert.True((bool)body["ok"]!);
        Assert.Equal("missing_charset", (string?)body["warning"]);
    }

    [Theory]
    [InlineData(null, "not_authed")]
    [InlineData("xoxb-wrong", "invalid_auth")]
    public async Task PostMessage_BadToken_Http200OkFalse(string? token, string error)
    {
        Emulator.AddChannel("leads", id: "C0LEADS");

        var (response, body) = await SendAsync(HttpMethod.Post, "chat.postMessage", Json("""{"channel":"C0LEADS","text":"hi"}"""), token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False((bool)body["ok"]!);
        Assert.Equal(error, (string?)body["error"]);
        Assert.Empty(Emulator.Messages);
    }

    [Fact]
    public async Task PostMessage_TokenInJsonBody_IsNotAuthed()
    {
        Emulator.AddChannel("leads", id: "C0LEADS");

        var (_, body) = await SendAsync(HttpMethod.Post, "chat.postMessage", Json($$"""{"token":"{{SlackEmulator.DefaultBotToken}}","channel":"C0LEADS","text":"hi"}"""), token: null);

        Assert.Equal("not_authed", (string?)body["error"]);
    }

    [Theory]
    [InlineData("""{"channel":"C0NOPE","text":"hi"}""", "channel_not_found")]
    [InlineData("""{"channel":"C0LEADS"}""", "no_text")]
    [InlineData("""{"channel":"C0LEADS","text":"  ","blocks":[]}""", "no_text")]
    [InlineData("""{"channel":"C0OLD","text":"hi"}""", "is_archived")]
    [InlineData("""{"channel":"C0OUTSIDE","text":"hi"}""", "not_in_channel")]
    [InlineData("""{"channel":"C0LEADS","text":"hi","thread_ts":"1.000001"}""", "thread_not_found")]
    [InlineData("""{"channel":"C0LEADS","text":"hi","blocks":{"type":"header"}}""", "invalid_blocks")]
    [InlineData("""[1,2]""", "json_not_object")]
    [InlineData("""{"channel":""", "invalid_json")]
    public async Task PostMessage_Invalid_AnswersSlackError(string json, string error)
    {
        Emulator.AddChannel("leads", id: "C0LEADS");
        Emulator.AddChannel("old", isArchived: true, id: "C0OLD");
        Emulator.AddChannel("outside", isMember: false, id: "C0OUTSIDE");

        var (response, body) = await SendAsync(HttpMethod.Post, "chat.postMessage", Json(json));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False((bool)body["ok"]!);
        Assert.Equal(error, (string?)body["error"]);
        Assert.Empty(Emulator.Messages);
    }

    [Fact]
    public async Task PostMessage_TextOverLimit_MsgTooLong()
    {
        Emulator.AddChannel("leads", id: "C0LEADS");
        string json = new JsonObject { ["channel"] = "C0LEADS", ["text"] = new string('x', SlackEmulator.MaxTextLength + 1) }.ToJsonString();

        var (_, body) = await SendAsync(HttpMethod.Post, "chat.postMessage", Json(json));

        Assert.Equal("msg_too_long", (string?)body["error"]);
    }

    [Fact]
    public async Task PostMessage_BlocksOverLimits_InvalidBlocksWithMessages()
    {
        Emulator.AddChannel("leads", id: "C0LEADS");
        var fields = new JsonArray([.. Enumerable.Range(0, 11).Select(i => (JsonNode)new JsonObject { ["type"] = "mrkdwn", ["text"] = $"f{i}" })]);
        var blocks = new JsonArray(
            new JsonObject { ["type"] = "header", ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = new string('h', 151) } },
            new JsonObject { ["type"] = "section", ["fields"] = fields });
        string json = new JsonObject { ["channel"] = "C0LEADS", ["text"] = "hi", ["blocks"] = blocks }.ToJsonString();

        var (_, body) = await SendAsync(HttpMethod.Post, "chat.postMessage", Json(json));

        Assert.Equal("invalid_blocks", (string?)body["error"]);
        var messages = body["response_metadata"]!["messages"]!.AsArray().Select(m => (string)m!).ToList();
        Assert.Contains(messages, m => m.Contains("/blocks/0/text/text", StringComparison.Ordinal) && m.Contains("151", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("/blocks/1/fields", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PostMessage_ThreadReplies_JoinTheParentThread()
    {
        Emulator.AddChannel("leads", id: "C0LEADS");
        var (_, parent) = await SendAsync(HttpMethod.Post, "chat.postMessage", Json("""{"channel":"C0LEADS","text":"parent"}"""));
        string parentTs = (string)parent["ts"]!;

        var (_, reply) = await SendAsync(HttpMethod.Post, "chat.postMessage", Json($$"""{"channel":"C0LEADS","text":"reply","thread_ts":"{{parentTs}}"}"""));
        var (_, nested) = await SendAsync(HttpMethod.Post, "chat.postMessage", Json($$"""{"channel":"C0LEADS","text":"nested","thread_ts":"{{(string)reply["ts"]!}}"}"""));

        Assert.Equal(parentTs, (string?)reply["message"]!["thread_ts"]);
        Assert.Equal(parentTs, (string?)nested["message"]!["thread_ts"]);
        Assert.Equal([null, parentTs, parentTs], Emulator.Messages.Select(m => m.ThreadTs));
        Assert.Equal(3, Emulator.Messages.Select(m => m.Ts).Distinct().Count());
    }

    [Fact]
    public async Task PostMessage_ToKnownUser_PostsInTheDirectMessage()
    {
        Emulator.AddUser("U0ADA");

        var (_, first) = await SendAsync(HttpMethod.Post, "chat.postMessage", Json("""{"channel":"U0ADA","text":"one"}"""));
        var (_, second) = await SendAsync(HttpMethod.Post, "chat.postMessage", Json("""{"channel":"U0ADA","text":"two"}"""));

        string dm = (string)first["channel"]!;
        Assert.StartsWith("D", dm, StringComparison.Ordinal);
        Assert.Equal(dm, (string?)second["channel"]);
        SlackEmulatedConversation im = Assert.Single(Emulator.Conversations);
        Assert.Equal("im", im.Type);
        Assert.Equal("U0ADA", im.User);
    }

    [Fact]
    public async Task ConversationsList_PagesWithOpaqueCursorsUntilEmptyNextCursor()
    {
        for (int i = 0; i < 5; i++)
        {
            Emulator.AddChannel($"c{i}");
        }

        var ids = new List<string>();
        string? cursor = null;
        int pages = 0;
        do
        {
            string path = "conversations.list?limit=2" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor));
            var (_, body) = await SendAsync(HttpMethod.Get, path);
            Assert.True((bool)body["ok"]!);
            ids.AddRange(body["channels"]!.AsArray().Select(c => (string)c!["id"]!));
            cursor = (string?)body["response_metadata"]!["next_cursor"];
            pages++;
        }
        while (!string.IsNullOrEmpty(cursor));

        Assert.Equal(3, pages);
        Assert.Equal(Emulator.Conversations.Select(c => c.Id), ids);
    }

    [Fact]
    public async Task ConversationsList_TypesAndExcludeArchived_Filter()
    {
        Emulator.AddChannel("public", id: "C0PUB");
        Emulator.AddChannel("secret", isPrivate: true, id: "C0PRIV");
        Emulator.AddChannel("old", isArchived: true, id: "C0OLD");
        Emulator.AddConversation(new SlackEmulatedConversation { Id = "D0ADA", Type = "im", User = "U0ADA" });

        var (_, defaults) = await SendAsync(HttpMethod.Get, "conversations.list");
        var (_, filtered) = await SendAsync(HttpMethod.Get, "conversations.list?types=public_channel,private_channel,im&exclude_archived=true");

        Assert.Equal(["C0PUB", "C0OLD"], defaults["channels"]!.AsArray().Select(c => (string)c!["id"]!));
        Assert.Equal(["C0PUB", "C0PRIV", "D0ADA"], filtered["channels"]!.AsArray().Select(c => (string)c!["id"]!));
        Assert.True((bool)filtered["channels"]![1]!["is_private"]!);
        Assert.Equal("U0ADA", (string?)filtered["channels"]![2]!["user"]);
        Assert.Equal(string.Empty, (string?)filtered["response_metadata"]!["next_cursor"]);
    }

    [Theory]
    [InlineData("conversations.list?limit=0", "invalid_limit")]
    [InlineData("conversations.list?limit=1001", "invalid_limit")]
    [InlineData("conversations.list?cursor=bm90LWEtY3Vyc29y", "invalid_cursor")]
    [InlineData("conversations.list?types=channels", "invalid_types")]
    public async Task ConversationsList_BadParameters_AnswerSlackError(string path, string error)
    {
        var (_, body) = await SendAsync(HttpMethod.Get, path);

        Assert.False((bool)body["ok"]!);
        Assert.Equal(error, (string?)body["error"]);
    }

    [Fact]
    public async Task ConversationsList_TokenInQuery_IsAccepted()
    {
        var (_, body) = await SendAsync(HttpMethod.Get, "conversations.list?token=" + SlackEmulator.DefaultBotToken, token: null);

        Assert.True((bool)body["ok"]!);
    }

    [Fact]
    public async Task MethodTier_OverLimit_429WithRetryAfterAndRatelimitedNotProcessed()
    {
        Emulator.AddChannel("leads", id: "C0LEADS");
        Emulator.AddChannel("sales", id: "C0SALES");
        Emulator.SetMethodTier("chat.postMessage", new SlackEmulatorRateTier(1, TimeSpan.FromMinutes(1), perChannel: true));

        var (first, _) = await SendAsync(HttpMethod.Post, "chat.postMessage", Json("""{"channel":"C0LEADS","text":"one"}"""));
        var (second, body) = await SendAsync(HttpMethod.Post, "chat.postMessage", Json("""{"channel":"C0LEADS","text":"two"}"""));
        var (otherChannel, _) = await SendAsync(HttpMethod.Post, "chat.postMessage", Json("""{"channel":"C0SALES","text":"three"}"""));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.InRange(second.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
        Assert.Equal("ratelimited", (string?)body["error"]);
        Assert.Equal(HttpStatusCode.OK, otherChannel.StatusCode);
        Assert.Equal(["one", "three"], Emulator.Messages.Select(m => m.Text));
    }

    [Fact]
    public async Task UsePublishedTiers_ConversationsListIsTier2()
    {
        Emulator.UsePublishedTiers();

        for (int i = 0; i < 20; i++)
        {
            var (ok, _) = await SendAsync(HttpMethod.Get, "conversations.list");
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        var (limited, body) = await SendAsync(HttpMethod.Get, "conversations.list");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("ratelimited", (string?)body["error"]);
        Assert.Equal(SlackEmulatorRateTier.Tier2, Emulator.MethodTiers["conversations.list"]);
    }

    [Fact]
    public async Task KitRateLimitAndFaults_AnswerInSlackShape()
    {
        Emulator.AddChannel("leads", id: "C0LEADS");
        Emulator.Faults.Next(1, EmulatorFault.TooManyRequests(TimeSpan.FromSeconds(3)));
        Emulator.Faults.Next(1, EmulatorFault.ServerError(503));

        var (throttled, throttledBody) = await SendAsync(HttpMethod.Post, "chat.postMessage", Json("""{"channel":"C0LEADS","text":"hi"}"""));
        var (failed, failedBody) = await SendAsync(HttpMethod.Post, "chat.postMessage", Json("""{"channel":"C0LEADS","text":"hi"}"""));

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(3), throttled.Headers.RetryAfter!.Delta);
        Assert.Equal("ratelimited", (string?)throttledBody["error"]);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.False((bool)failedBody["ok"]!);
        Assert.Empty(Emulator.Messages);
    }
}
