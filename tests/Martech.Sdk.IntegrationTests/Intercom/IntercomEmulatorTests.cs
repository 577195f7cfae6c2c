using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Martech.Sdk.Testing;

namespace Martech.Sdk.IntegrationTests.Intercom;

/// <summary>The Intercom emulator's own wire behaviour, driven with a raw <see cref="HttpClient"/>.</summary>
public sealed class IntercomEmulatorTests(IntercomEmulatorFixture fixture) : IClassFixture<IntercomEmulatorFixture>
{
    private IntercomEmulator Emulator => fixture.Emulator;

    private async Task<(HttpResponseMessage Response, JsonNode? Body)> SendAsync(HttpMethod method, string path, string? json = null, string? token = null, string? version = "2.14")
    {
        using var client = new HttpClient { BaseAddress = Emulator.BaseAddress };
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token ?? Emulator.AccessToken);
        if (version is not null)
        {
            request.Headers.Add("Intercom-Version", version);
        }

        HttpResponseMessage response = await client.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();
        return (response, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    private static void AssertError(JsonNode? body, string code, string? message = null)
    {
        Assert.Equal("error.list", (string?)body!["type"]);
        Assert.True(Guid.TryParse((string?)body["request_id"], out _));
        JsonNode error = Assert.Single(body["errors"]!.AsArray())!;
        Assert.Equal(code, (string?)error["code"]);
        if (message is not null)
        {
            Assert.Equal(message, (string?)error["message"]);
        }
    }

    private void Reset()
    {
        fixture.CreateServices().Dispose();
    }

    [Fact]
    public async Task AnyRoute_WrongToken_Answers401UnauthorizedErrorList()
    {
        Reset();
        Emulator.AddConversation("c1", "7");

        var (response, body) = await SendAsync(HttpMethod.Post, "conversations/7/reply", """{"message_type":"comment","type":"admin","admin_id":"991267","body":"Hi"}""", token: "nope");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        AssertError(body, "unauthorized", "Access Token Invalid");
        Assert.Empty(Emulator.Replies);
    }

    [Fact]
    public async Task AnyRoute_MissingOrUnknownVersion_Answers400UnlessNotRequired()
    {
        Reset();

        var (missing, missingBody) = await SendAsync(HttpMethod.Get, "contacts", version: null);
        var (unknown, unknownBody) = await SendAsync(HttpMethod.Get, "contacts", version: "9.9");
        Emulator.RequireIntercomVersion = false;
        var (lenient, _) = await SendAsync(HttpMethod.Get, "contacts", version: null);

        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        AssertError(missingBody, "bad_request");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        AssertError(unknownBody, "bad_request");
        Assert.Equal(HttpStatusCode.OK, lenient.StatusCode);
    }

    [Fact]
    public async Task Reply_Admin_AnswersConversationWithTheNewPartAndRecordsTheVersion()
    {
        Reset();
        Emulator.AddConversation("6762f0dd1bb69f9f2193bb83", "1295");

        var (response, body) = await SendAsync(HttpMethod.Post, "conversations/1295/reply", """{"message_type":"comment","type":"admin","admin_id":"991267","body":"<p>Hi</p>"}""", version: "2.13");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        IntercomEmulatedReply reply = Assert.Single(Emulator.Replies);
        Assert.Equal("conversation", (string?)body!["type"]);
        Assert.Equal("1295", (string?)body["id"]);
        JsonNode part = Assert.Single(body["conversation_parts"]!["conversation_parts"]!.AsArray())!;
        Assert.Equal(reply.PartId, (string?)part["id"]);
        Assert.Equal("<p>Hi</p>", (string?)part["body"]);
        Assert.Equal("admin", (string?)part["author"]!["type"]);
        Assert.Equal("2.13", reply.IntercomVersion);
        Assert.Equal("991267", reply.AuthorId);
    }

    [Theory]
    [InlineData("""{"message_type":"comment","type":"admin","admin_id":"991267","body":"Hi"}""", "404", 404, "not_found")]
    [InlineData("""{"message_type":"comment","type":"admin","admin_id":"5","body":"Hi"}""", "1295", 404, "admin_not_found")]
    [InlineData("""{"message_type":"comment","type":"admin","body":"Hi"}""", "1295", 400, "parameter_not_found")]
    [InlineData("""{"message_type":"comment","type":"admin","admin_id":"991267"}""", "1295", 400, "parameter_invalid")]
    [InlineData("""{"message_type":"shout","type":"admin","admin_id":"991267","body":"Hi"}""", "1295", 400, "parameter_invalid")]
    [InlineData("""{"message_type":"note","type":"user","intercom_user_id":"c1","body":"Hi"}""", "1295", 400, "parameter_invalid")]
    [InlineData("not json", "1295", 400, "parameter_invalid")]
    public async Task Reply_Invalid_AnswersTheErrorList(string json, string conversationId, int status, string code)
    {
        Reset();
        Emulator.AddConversation("c1", "1295");

        var (response, body) = await SendAsync(HttpMethod.Post, $"conversations/{conversationId}/reply", json);

        Assert.Equal(status, (int)response.StatusCode);
        AssertError(body, code);
        Assert.Empty(Emulator.Replies);
    }

    [Fact]
    public async Task CreateMessage_AdminToUser_OpensAConversationAndAnswersTheMessage()
    {
        Reset();
        IntercomEmulatedContact contact = Emulator.AddContact("ada@analytical.example");

        var (response, body) = await SendAsync(HttpMethod.Post, "messages",
            $$$"""{"message_type":"email","subject":"Hello","body":"<p>Hi</p>","template":"plain","from":{"type":"admin","id":991267},"to":{"type":"user","id":"{{{contact.Id}}}"}}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        IntercomEmulatedMessage message = Assert.Single(Emulator.Messages);
        IntercomEmulatedConversation conversation = Assert.Single(Emulator.Conversations);
        Assert.Equal("user_message", (string?)body!["type"]);
        Assert.Equal(message.Id, (string?)body["id"]);
        Assert.Equal(conversation.Id, (string?)body["conversation_id"]);
        Assert.Equal("Hello", (string?)body["subject"]);
        Assert.Equal("991267", message.FromAdminId);
        Assert.Equal([new IntercomEmulatedRecipient("user", contact.Id)], message.To);
        Assert.Equal([contact.Id], conversation.ContactIds);
        Assert.Equal(message.Id, conversation.MessageId);
    }

    [Fact]
    public async Task CreateMessage_EmailWithoutSubject_Answers422AsDocumented()
    {
        Reset();
        IntercomEmulatedContact contact = Emulator.AddContact("ada@analytical.example");

        var (response, body) = await SendAsync(HttpMethod.Post, "messages",
            $$"""{"from":{"type":"admin","id":"991267"},"to":{"type":"user","id":"{{contact.Id}}"},"message_type":"email","body":"hey there"}""");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        AssertError(body, "parameter_not_found", "No subject supplied for email message");
        Assert.Empty(Emulator.Messages);
    }

    [Fact]
    public async Task CreateMessage_NoBody_Answers400AsDocumented()
    {
        Reset();
        IntercomEmulatedContact contact = Emulator.AddContact("ada@analytical.example");

        var (response, body) = await SendAsync(HttpMethod.Post, "messages",
            $$"""{"from":{"type":"admin","id":"991267"},"to":{"type":"user","id":"{{contact.Id}}"},"message_type":"inapp","body":null,"subject":"heyy"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        AssertError(body, "parameter_invalid", "Body is required");
    }

    [Fact]
    public async Task CreateMessage_UnknownContact_Answers404NotFound()
    {
        Reset();

        var (response, body) = await SendAsync(HttpMethod.Post, "messages",
            """{"from":{"type":"admin","id":"991267"},"to":{"type":"user","id":"6762f23b1bb69f9f2193bc1a"},"message_type":"inapp","body":"Hi"}""");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        AssertError(body, "not_found", "Resource Not Found");
        Assert.Empty(Emulator.Conversations);
    }

    [Fact]
    public async Task ListContacts_FivePerTwo_PagesWithOpaqueCursorsUntilNextIsAbsent()
    {
        Reset();
        var added = Enumerable.Range(1, 5).Select(i => Emulator.AddContact($"c{i}@x.example").Id).ToList();

        var ids = new List<string>();
        var pageNumbers = new List<int>();
        string? cursor = null;
        do
        {
            string path = "contacts?per_page=2" + (cursor is null ? string.Empty : "&starting_after=" + Uri.EscapeDataString(cursor));
            var (response, body) = await SendAsync(HttpMethod.Get, path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("list", (string?)body!["type"]);
            Assert.Equal(5, (int?)body["total_count"]);
            Assert.Equal(3, (int?)body["pages"]!["total_pages"]);
            pageNumbers.Add((int)body["pages"]!["page"]!);
            ids.AddRange(body["data"]!.AsArray().Select(c => (string)c!["id"]!));
            cursor = (string?)body["pages"]!["next"]?["starting_after"];
        }
        while (cursor is not null);

        Assert.Equal(added, ids);
        Assert.Equal([1, 2, 3], pageNumbers);
    }

    [Theory]
    [InlineData("contacts?per_page=151", "per_page")]
    [InlineData("contacts?per_page=0", "per_page")]
    [InlineData("contacts?starting_after=bm90LWEtY3Vyc29y", "starting_after")]
    public async Task ListContacts_InvalidPaging_Answers400ParameterInvalid(string path, string field)
    {
        Reset();

        var (response, body) = await SendAsync(HttpMethod.Get, path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        AssertError(body, "parameter_invalid");
        Assert.Equal(field, (string?)body!["errors"]![0]!["field"]);
    }

    [Fact]
    public async Task SearchContacts_GroupedFilters_MatchesAndPagesThroughPagination()
    {
        Reset();
        Emulator.AddContact("ada@analytical.example", "Ada", role: "user");
        Emulator.AddContact("grace@navy.example", "Grace", role: "lead");
        Emulator.AddContact("ADA@analytical.example", "Ada again", role: "lead");
        Emulator.AddContact("charles@analytical.example", "Charles", role: "user");
        const string Query = """
            "query":{"operator":"AND","value":[
              {"field":"email_domain","operator":"=","value":"analytical.example"},
              {"operator":"OR","value":[{"field":"name","operator":"^","value":"ada"},{"field":"role","operator":"IN","value":["lead"]}]}]}
            """;

        var (first, firstBody) = await SendAsync(HttpMethod.Post, "contacts/search", "{" + Query + ""","pagination":{"per_page":1}}""");
        string cursor = (string)firstBody!["pages"]!["next"]!["starting_after"]!;
        var (second, secondBody) = await SendAsync(HttpMethod.Post, "contacts/search", "{" + Query + $$$""","pagination":{"per_page":1,"starting_after":"{{{cursor}}}"}}""");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(2, (int?)firstBody["total_count"]);
        Assert.Equal("Ada", (string?)firstBody["data"]![0]!["name"]);
        Assert.Equal("Ada again", (string?)secondBody!["data"]![0]!["name"]);
        Assert.Null(secondBody["pages"]!["next"]);
    }

    [Theory]
    [InlineData("""{"pagination":{"per_page":5}}""", "parameter_not_found")]
    [InlineData("""{"query":{"field":"favourite_colour","operator":"=","value":"red"}}""", "parameter_invalid")]
    [InlineData("""{"query":{"field":"email","operator":">","value":"a"}}""", "parameter_invalid")]
    [InlineData("""{"query":{"field":"created_at","operator":">=","value":"1306054154"}}""", "parameter_invalid")]
    [InlineData("""{"query":{"operator":"AND","value":[{"operator":"OR","value":[{"operator":"AND","value":[{"field":"id","operator":"=","value":"x"}]}]}]}}""", "parameter_invalid")]
    [InlineData("""{"query":{"field":"email","operator":"=","value":"a@x.example"},"pagination":{"per_page":500}}""", "parameter_invalid")]
    public async Task SearchContacts_InvalidQuery_Answers400(string json, string code)
    {
        Reset();

        var (response, body) = await SendAsync(HttpMethod.Post, "contacts/search", json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        AssertError(body, code);
    }

    [Fact]
    public async Task RateLimit_Exceeded_Answers429WithIntercomHeadersAndNoRetryAfter()
    {
        Reset();
        Emulator.RateLimit = new EmulatorRateLimit { PermitLimit = 1, Window = TimeSpan.FromSeconds(10) };

        var (ok, _) = await SendAsync(HttpMethod.Get, "contacts");
        DateTimeOffset before = DateTimeOffset.UtcNow;
        var (limited, body) = await SendAsync(HttpMethod.Get, "contacts");

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("0", ok.Headers.GetValues("X-RateLimit-Remaining").Single());
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Null(limited.Headers.RetryAfter);
        Assert.Equal("1", limited.Headers.GetValues("X-RateLimit-Limit").Single());
        Assert.Equal("0", limited.Headers.GetValues("X-RateLimit-Remaining").Single());
        long reset = long.Parse(limited.Headers.GetValues("X-RateLimit-Reset").Single(), CultureInfo.InvariantCulture);
        Assert.InRange(reset, before.ToUnixTimeSeconds(), before.AddSeconds(11).ToUnixTimeSeconds());
        AssertError(body, "rate_limit_exceeded", "Exceeded rate limit of 1 in 10_seconds");
    }

    [Fact]
    public async Task RateLimit_UnauthenticatedRequest_GetsNoRateLimitHeaders()
    {
        Reset();
        Emulator.RateLimit = new EmulatorRateLimit { PermitLimit = 5, Window = TimeSpan.FromSeconds(10) };

        var (response, _) = await SendAsync(HttpMethod.Get, "contacts", token: "nope");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(response.Headers.Contains("X-RateLimit-Limit"));
    }

    [Fact]
    public async Task TooManyRequestsFault_WithoutRateLimit_StillSendsIntercomHeaders()
    {
        Reset();
        Emulator.SendRetryAfter = true;
        Emulator.Faults.Next(1, EmulatorFault.TooManyRequests(TimeSpan.FromSeconds(3)));

        var (response, body) = await SendAsync(HttpMethod.Get, "contacts");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(3), response.Headers.RetryAfter?.Delta);
        Assert.Equal("167", response.Headers.GetValues("X-RateLimit-Limit").Single());
        Assert.Equal("0", response.Headers.GetValues("X-RateLimit-Remaining").Single());
        AssertError(body, "rate_limit_exceeded");
    }

    [Fact]
    public async Task ServerErrorFault_AnswersAnErrorList()
    {
        Reset();
        Emulator.Faults.Next(1, EmulatorFault.ServerError(503));

        var (response, body) = await SendAsync(HttpMethod.Get, "contacts");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        AssertError(body, "server_error");
    }

    [Fact]
    public void AddContact_TakenIdOrBadRole_Throws()
    {
        Reset();
        Emulator.AddContact("a@x.example", id: "c1");

        Assert.Throws<ArgumentException>(() => Emulator.AddContact("b@x.example", id: "c1"));
        Assert.Throws<ArgumentException>(() => Emulator.AddContact("b@x.example", role: "visitor"));
        Assert.Single(Emulator.Contacts);
    }
}
