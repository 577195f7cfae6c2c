using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Web;
using Martech.Sdk.Slack;

namespace Martech.Sdk.Providers.Tests.Slack;

/// <summary>The requests the Slack provider sends, checked against the Slack Web API OpenAPI file, and the file's own
/// response examples fed back to the provider.</summary>
public sealed class SlackOpenApiWireTests
{
    public static TheoryData<string> PostMessageErrorCodes() => [.. SlackOpenApi.ErrorCodes("/chat.postMessage", "post")];

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public async Task SendAsync_Body_EveryFieldIsADocumentedChatPostMessageParameter(bool card, bool thread)
    {
        await using var wire = SlackWire.Create();
        var parameters = SlackOpenApi.Parameters("/chat.postMessage", "post");
        MessageDestination destination = MessageDestination.Channel("C0123LEADS", thread ? "1699999999.000001" : null);
        OutgoingMessage message = card ? Messaging.SampleCard.Message(destination) : new OutgoingMessage { Destination = destination, Text = "hi" };

        await wire.Sender.SendAsync(message);

        Assert.Contains("application/json", SlackOpenApi.Operation("/chat.postMessage", "post")["consumes"]!.AsArray().Select(c => (string?)c));
        JsonObject body = JsonNode.Parse(Assert.Single(wire.Requests).Body)!.AsObject();
        foreach (KeyValuePair<string, JsonNode?> property in body)
        {
            Assert.True(parameters.TryGetValue(property.Key, out var parameter), $"'{property.Key}' is not a documented chat.postMessage parameter.");
            Assert.Equal("formData", parameter.In);
            JsonValueKind expected = (property.Key, parameter.Type) switch
            {
                ("blocks", _) => JsonValueKind.Array, // documented as a JSON-encoded string for form posts; a JSON body carries the array
                (_, "boolean") => property.Value!.GetValueKind() is JsonValueKind.False ? JsonValueKind.False : JsonValueKind.True,
                _ => JsonValueKind.String,
            };
            Assert.Equal(expected, property.Value!.GetValueKind());
        }

        foreach (var (name, parameter) in parameters.Where(p => p.Value.Required))
        {
            Assert.True(body.ContainsKey(name), $"The required parameter '{name}' is missing.");
        }

        Assert.Equal(thread, body.ContainsKey("thread_ts"));
        Assert.Equal(card, body.ContainsKey("blocks"));
    }

    [Fact]
    public async Task SendAsync_AuthorizationHeader_StandsForTheDocumentedTokenParameter()
    {
        await using var wire = SlackWire.Create();

        await wire.Sender.SendAsync(new OutgoingMessage { Destination = MessageDestination.Channel("C0123LEADS"), Text = "hi" });

        JsonNode token = SlackOpenApi.Operation("/chat.postMessage", "post")["parameters"]!.AsArray().Single(p => (string?)p!["name"] == "token")!;
        Assert.Equal("header", (string?)token["in"]);
        HttpRequestMessage request = Assert.Single(wire.Requests).Request;
        Assert.Equal("Bearer", request.Headers.Authorization!.Scheme);
        Assert.Equal(SlackWire.Token, request.Headers.Authorization.Parameter);
    }

    [Fact]
    public async Task ListConversationsAsync_Query_EveryParameterIsDocumentedAndTyped()
    {
        await using var wire = SlackWire.Create();
        var parameters = SlackOpenApi.Parameters("/conversations.list", "get");
        var pages = new Queue<string>(
        [
            """{"ok":true,"channels":[{"id":"C1","name":"a"}],"response_metadata":{"next_cursor":"dGVhbTpDMg=="}}""",
            """{"ok":true,"channels":[{"id":"C2","name":"b"}],"response_metadata":{"next_cursor":""}}""",
        ]);
        wire.Respond = _ => SlackWire.Json(pages.Dequeue());

        await foreach (SlackConversation unused in wire.Conversations.ListConversationsAsync(new SlackConversationListOptions { Types = "public_channel,im", ExcludeArchived = true, Limit = 500 }))
        {
        }

        Assert.Equal(2, wire.Requests.Count);
        foreach ((HttpRequestMessage request, _) in wire.Requests)
        {
            Assert.Equal(HttpMethod.Get, request.Method);
            var query = HttpUtility.ParseQueryString(request.RequestUri!.Query);
            foreach (string name in query.AllKeys!)
            {
                Assert.True(parameters.TryGetValue(name!, out var parameter), $"'{name}' is not a documented conversations.list parameter.");
                Assert.Equal("query", parameter.In);
                string value = query[name]!;
                switch (parameter.Type)
                {
                    case "integer":
                        Assert.True(int.TryParse(value, out _), $"{name}={value} is not an integer.");
                        break;
                    case "boolean":
                        Assert.Contains(value, new[] { "true", "false" });
                        break;
                    default:
                        Assert.Equal("string", parameter.Type);
                        break;
                }
            }
        }

        Assert.Equal("dGVhbTpDMg==", HttpUtility.ParseQueryString(wire.Requests.Last().Request.RequestUri!.Query)["cursor"]);
    }

    [Fact]
    public async Task SendAsync_DocumentedSuccessExample_ReturnsItsTs()
    {
        await using var wire = SlackWire.Create();
        string example = SlackOpenApi.Example("/chat.postMessage", "post", "200");
        wire.Respond = _ => SlackWire.Json(example);

        MessageSendResult result = await wire.Sender.SendAsync(new OutgoingMessage { Destination = MessageDestination.Channel("C1H9RESGL"), Text = "Here's a message for you" });

        Assert.Equal((string?)JsonNode.Parse(example)!["ts"], result.MessageId);
        Assert.Equal(SendStatus.Accepted, result.Status);
    }

    [Fact]
    public async Task SendAsync_DocumentedErrorExample_ThrowsWithItsCode()
    {
        await using var wire = SlackWire.Create();
        string example = SlackOpenApi.Example("/chat.postMessage", "post", "default");
        wire.Respond = _ => SlackWire.Json(example);

        var ex = await Assert.ThrowsAsync<MartechRequestException>(() => wire.Sender.SendAsync(new OutgoingMessage { Destination = MessageDestination.Channel("C1H9RESGL"), Text = "hi" }));

        Assert.Equal((string?)JsonNode.Parse(example)!["error"], ex.ErrorCode);
    }

    [Theory]
    [MemberData(nameof(PostMessageErrorCodes))]
    public async Task SendAsync_EveryDocumentedErrorCode_MapsToTheRightException(string code)
    {
        await using var wire = SlackWire.Create();
        wire.Respond = _ => SlackWire.Json($$"""{"ok":false,"error":"{{code}}"}""");

        var ex = await Assert.ThrowsAnyAsync<MartechRequestException>(() => wire.Sender.SendAsync(new OutgoingMessage { Destination = MessageDestination.Channel("C0123LEADS"), Text = "hi" }));

        Type expected = code switch
        {
            "channel_not_found" => typeof(MartechNotFoundException),
            "not_authed" or "invalid_auth" or "account_inactive" => typeof(MartechAuthenticationException),
            "rate_limited" => typeof(MartechRateLimitedException),
            _ => typeof(MartechRequestException),
        };
        Assert.Equal(expected, ex.GetType());
        Assert.Equal(code, ex.ErrorCode);
        Assert.Equal(HttpStatusCode.OK, ex.StatusCode);
        Assert.Single(wire.Requests); // an ok:false answer is final: never resent
    }

    [Fact]
    public async Task ListConversationsAsync_DocumentedExample_ReadsChannels()
    {
        await using var wire = SlackWire.Create();
        string example = SlackOpenApi.Example("/conversations.list", "get", "200");
        wire.Respond = _ => SlackWire.Json(example);

        await using var pages = wire.Conversations.ListConversationsAsync().AsPages().GetAsyncEnumerator();
        Assert.True(await pages.MoveNextAsync());

        Assert.Equal(["C012AB3CD", "C061EG9T2"], pages.Current.Items.Select(c => c.Id));
        Assert.Equal(["general", "random"], pages.Current.Items.Select(c => c.Name));
        Assert.Equal("dGVhbTpDMDYxRkE1UEI=", pages.Current.ContinuationToken);
    }

    [Fact]
    public async Task ListConversationsAsync_DocumentedErrorExample_ThrowsAuthentication()
    {
        await using var wire = SlackWire.Create();
        wire.Respond = _ => SlackWire.Json(SlackOpenApi.Example("/conversations.list", "get", "default"));

        var ex = await Assert.ThrowsAsync<MartechAuthenticationException>(async () =>
        {
            await foreach (SlackConversation unused in wire.Conversations.ListConversationsAsync())
            {
            }
        });

        Assert.Equal("invalid_auth", ex.ErrorCode);
    }
}
