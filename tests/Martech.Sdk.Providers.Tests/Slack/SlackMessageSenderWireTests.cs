using System.Collections.Concurrent;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using Martech.Sdk.Slack;
using Microsoft.Extensions.DependencyInjection;
using RichardSzalay.MockHttp;

namespace Martech.Sdk.Providers.Tests.Slack;

public sealed class SlackMessageSenderWireTests
{
    private const string Token = "xoxb-SECRET-123456789";

    // The form parameters the Slack OpenAPI file (slack-web-openapi-v2.json) documents for chat.postMessage, with their types.
    // blocks is documented as a string (a JSON-encoded array in form posts); the JSON body carries the array itself.
    private static readonly Dictionary<string, string> DocumentedParameters = new()
    {
        ["as_user"] = "string", ["attachments"] = "string", ["blocks"] = "string", ["channel"] = "string", ["icon_emoji"] = "string",
        ["icon_url"] = "string", ["link_names"] = "boolean", ["mrkdwn"] = "boolean", ["parse"] = "string", ["reply_broadcast"] = "boolean",
        ["text"] = "string", ["thread_ts"] = "string", ["unfurl_links"] = "boolean", ["unfurl_media"] = "boolean", ["username"] = "string",
    };

    private readonly ConcurrentQueue<(HttpRequestMessage Request, string Body)> _requests = new();

    private Func<HttpResponseMessage> Respond { get; set; } = () => Json("""{"ok":true,"channel":"C0123LEADS","ts":"1700000000.000100"}""");

    [Fact]
    public async Task SendAsync_SampleCard_PostsExactChatPostMessage()
    {
        IMessageSender sender = Create();

        MessageSendResult result = await sender.SendAsync(SampleMessage(MessageDestination.Channel("C0123LEADS")));

        (HttpRequestMessage request, string body) = Assert.Single(_requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("https://slack.com/api/chat.postMessage", request.RequestUri!.AbsoluteUri);
        Assert.Equal("Bearer", request.Headers.Authorization!.Scheme);
        Assert.Equal(Token, request.Headers.Authorization.Parameter);
        Assert.Equal("application/json", request.Content!.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", request.Content.Headers.ContentType.CharSet);
        string expected = File.ReadAllText(Path.Combine(Path.GetDirectoryName(ThisFile())!, "sample-card.expected.json"));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(body)), body);
        Assert.Equal("1700000000.000100", result.MessageId);
        Assert.Equal("1700000000.000100", result.ThreadId);
        Assert.Equal(SendStatus.Accepted, result.Status);
    }

    [Fact]
    public async Task SendAsync_ThreadReply_SendsDocumentedParametersOnly()
    {
        IMessageSender sender = Create();

        MessageSendResult result = await sender.SendAsync(SampleMessage(MessageDestination.Channel("C0123LEADS", "1699999999.000001")));

        JsonObject body = JsonNode.Parse(Assert.Single(_requests).Body)!.AsObject();
        Assert.Equal("1699999999.000001", (string?)body["thread_ts"]);
        foreach (KeyValuePair<string, JsonNode?> property in body)
        {
            Assert.True(DocumentedParameters.TryGetValue(property.Key, out string? type), $"'{property.Key}' is not a documented chat.postMessage parameter.");
            if (property.Key != "blocks")
            {
                Assert.Equal(type == "string" ? System.Text.Json.JsonValueKind.String : System.Text.Json.JsonValueKind.True, property.Value!.GetValueKind());
            }
            else
            {
                Assert.Equal(System.Text.Json.JsonValueKind.Array, property.Value!.GetValueKind());
            }
        }

        Assert.Equal("1699999999.000001", result.ThreadId);
    }

    [Fact]
    public async Task SendAsync_UserDestination_ChannelIsTheUserId()
    {
        IMessageSender sender = Create();

        await sender.SendAsync(new OutgoingMessage { Destination = MessageDestination.User("U042ADA"), Text = "hi" });

        JsonObject body = JsonNode.Parse(Assert.Single(_requests).Body)!.AsObject();
        Assert.Equal("U042ADA", (string?)body["channel"]);
        Assert.Equal("hi", (string?)body["text"]);
        Assert.Null(body["blocks"]);
    }

    [Theory]
    [InlineData("channel_not_found", typeof(MartechNotFoundException))]
    [InlineData("invalid_auth", typeof(MartechAuthenticationException))]
    [InlineData("not_authed", typeof(MartechAuthenticationException))]
    [InlineData("account_inactive", typeof(MartechAuthenticationException))]
    [InlineData("rate_limited", typeof(MartechRateLimitedException))]
    [InlineData("msg_too_long", typeof(MartechRequestException))]
    public async Task SendAsync_OkFalse_ThrowsMappedExceptionWithCodeAndNoToken(string error, Type expected)
    {
        IMessageSender sender = Create();
        Respond = () => Json($$"""{"ok":false,"error":"{{error}}"}""");

        MartechRequestException ex = await Assert.ThrowsAnyAsync<MartechRequestException>(() => sender.SendAsync(SampleMessage(MessageDestination.Channel("C0123LEADS"))));

        Assert.Equal(expected, ex.GetType());
        Assert.Equal(error, ex.ErrorCode);
        Assert.Contains(error, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, ex.Message, StringComparison.Ordinal);
        Assert.Single(_requests);
    }

    [Fact]
    public async Task SendAsync_PhoneDestination_ThrowsNotSupportedBeforeAnyRequest()
    {
        IMessageSender sender = Create();

        NotSupportedException ex = await Assert.ThrowsAsync<NotSupportedException>(() =>
            sender.SendAsync(new OutgoingMessage { Destination = MessageDestination.Phone(PhoneNumber.Parse("+14155550100")), Text = "hi" }));

        Assert.Contains("Phone", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Slack", ex.Message, StringComparison.Ordinal);
        Assert.Empty(_requests);
    }

    [Fact]
    public async Task GetService_Options_ReturnsSlackOptions()
    {
        IMessageSender sender = Create();

        Assert.Equal(Token, ((SlackOptions)sender.GetService(typeof(SlackOptions))!).BotToken);
        Assert.Equal("Slack", ((MartechProviderMetadata)sender.GetService(typeof(MartechProviderMetadata))!).Name);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task ListConversationsAsync_ThreePages_FollowsNextCursorUntilEmpty()
    {
        IMessageSender sender = Create();
        var pages = new Queue<string>(
        [
            """{"ok":true,"channels":[{"id":"C1","name":"leads","is_private":false,"is_archived":false}],"response_metadata":{"next_cursor":"dGVhbTpDMg=="}}""",
            """{"ok":true,"channels":[{"id":"C2","name":"sales","is_private":true}],"response_metadata":{"next_cursor":"dGVhbTpDMw=="}}""",
            """{"ok":true,"channels":[{"id":"C3","name":"old","is_archived":true}],"response_metadata":{"next_cursor":""}}""",
        ]);
        Respond = () => Json(pages.Dequeue());
        var conversations = (ISlackConversations)sender.GetService(typeof(ISlackConversations))!;

        var items = new List<SlackConversation>();
        await foreach (SlackConversation conversation in conversations.ListConversationsAsync(new SlackConversationListOptions { Types = "public_channel,private_channel", Limit = 200 }))
        {
            items.Add(conversation);
        }

        Assert.Equal(["C1", "C2", "C3"], items.Select(c => c.Id));
        Assert.True(items[1].IsPrivate);
        Assert.True(items[2].IsArchived);
        Assert.Equal(
            [
                "https://slack.com/api/conversations.list?types=public_channel%2Cprivate_channel&limit=200",
                "https://slack.com/api/conversations.list?types=public_channel%2Cprivate_channel&limit=200&cursor=dGVhbTpDMg%3D%3D",
                "https://slack.com/api/conversations.list?types=public_channel%2Cprivate_channel&limit=200&cursor=dGVhbTpDMw%3D%3D",
            ],
            _requests.Select(r => r.Request.RequestUri!.AbsoluteUri));
        Assert.All(_requests, r => Assert.Equal(HttpMethod.Get, r.Request.Method));
    }

    [Fact]
    public async Task ListConversationsAsync_OkFalse_ThrowsAuthentication()
    {
        IMessageSender sender = Create();
        Respond = () => Json("""{"ok":false,"error":"invalid_auth"}""");
        var conversations = (ISlackConversations)sender.GetService(typeof(ISlackConversations))!;

        MartechAuthenticationException ex = await Assert.ThrowsAsync<MartechAuthenticationException>(async () =>
        {
            await foreach (SlackConversation unused in conversations.ListConversationsAsync())
            {
            }
        });

        Assert.Equal("invalid_auth", ex.ErrorCode);
    }

    [Fact]
    public void Validate_MissingToken_NamesTheSetting()
    {
        string message = Assert.Single(new SlackOptions().Validate("Martech:Slack"));

        Assert.Contains("Martech:Slack:BotToken", message, StringComparison.Ordinal);
    }

    private static OutgoingMessage SampleMessage(MessageDestination destination) => Messaging.SampleCard.Message(destination);

    private static HttpResponseMessage Json(string json) => new(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    private static string ThisFile([CallerFilePath] string path = "") => path;

    private IMessageSender Create()
    {
        var mock = new MockHttpMessageHandler();
        mock.When("*").Respond(async request =>
        {
            string body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync();
            _requests.Enqueue((request, body));
            return Respond();
        });
        var services = new ServiceCollection();
        services.AddMartech().AddSlack(configure: o =>
        {
            o.BotToken = Token;
            o.RateLimitPermits = 10_000;
            o.PostMessagePerSecond = 10_000;
            o.ConversationsListPerMinute = 600_000;
        });
        services.AddHttpClient("Slack").ConfigurePrimaryHttpMessageHandler(() => mock);
        return services.BuildServiceProvider().GetRequiredKeyedService<IMessageSender>("Slack");
    }
}
