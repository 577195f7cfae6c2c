using System.Net;
using System.Text.Json.Nodes;
using Martech.Sdk.Intercom;

namespace Martech.Sdk.Providers.Tests.Intercom;

/// <summary>
/// The provider against the Intercom 2.14 specification (../shared/vendors/specs/intercom-2.14.yaml): request bodies
/// checked against the schemas and examples of <c>replyConversation</c>, <c>createMessage</c> and
/// <c>SearchContacts</c>, and the documented error responses mapped to the SDK's exceptions.
/// </summary>
public sealed class IntercomSpecWireTests
{
    private const string ReplyAnswer = """
        {"type":"conversation","id":"525","conversation_parts":{"type":"conversation_part.list","conversation_parts":[
          {"type":"conversation_part","id":"133","part_type":"comment","body":"<p>Hi</p>","author":{"type":"admin","id":"991267"}}],"total_count":1}}
        """;

    private const string MessageAnswer = """{"type":"user_message","id":"403918396","created_at":1734537780,"body":"heyy","message_type":"inapp","conversation_id":"613"}""";

    // components/schemas/admin_reply_conversation_request: properties and required.
    private static readonly string[] AdminReplyProperties = ["message_type", "type", "body", "admin_id", "created_at", "reply_options", "attachment_urls", "attachment_files"];
    private static readonly string[] AdminReplyRequired = ["message_type", "type", "admin_id"];

    // components/schemas/create_message_request: properties, and required per anyOf branch.
    private static readonly string[] MessageProperties = ["message_type", "subject", "body", "template", "from", "to", "cc", "bcc", "created_at", "create_conversation_without_contact_reply"];
    private static readonly string[] InAppRequired = ["message_type", "body", "from", "to"];
    private static readonly string[] EmailRequired = ["message_type", "subject", "body", "template", "from", "to"];

    [Fact]
    public async Task SendAsync_Conversation_BodyMatchesAdminReplySchemaAndExample()
    {
        await using var wire = IntercomWire.Create();
        wire.On(HttpMethod.Post, "https://api.intercom.io/conversations/525/reply", HttpStatusCode.OK, ReplyAnswer);

        await wire.Sender.SendAsync(new OutgoingMessage { Destination = MessageDestination.Conversation("525"), Text = "Hi" });

        JsonObject body = Body(wire);
        AssertSchema(body, AdminReplyProperties, AdminReplyRequired);
        Assert.Contains((string?)body["message_type"], new[] { "comment", "note", "quick_reply" });
        Assert.Equal("admin", (string?)body["type"]);
        Assert.Equal("String", JsonValueKind(body["admin_id"])); // schema: admin_id is a string

        // The "admin_note_reply" example carries exactly these properties (its message_type is note; ours, comment).
        JsonObject example = JsonNode.Parse("""{"message_type":"note","type":"admin","admin_id":991267696,"body":"<html>…</html>"}""")!.AsObject();
        Assert.Equal(example.Select(p => p.Key).Order(), body.Select(p => p.Key).Order());
    }

    [Fact]
    public async Task SendAsync_UserInApp_BodyMatchesCreateMessageSchemaAndExample()
    {
        await using var wire = IntercomWire.Create();
        wire.On(HttpMethod.Post, "https://api.intercom.io/messages", HttpStatusCode.OK, MessageAnswer);

        MessageSendResult result = await wire.Sender.SendAsync(new OutgoingMessage { Destination = MessageDestination.User("6762f23b1bb69f9f2193bc1a"), Text = "heyy" });

        JsonObject body = Body(wire);
        AssertSchema(body, MessageProperties, InAppRequired);

        // The "no_body_supplied_for_message" example (an in-app message from an admin to a user), with its body given.
        JsonNode expected = JsonNode.Parse("""
            {"from":{"type":"admin","id":"991267"},"to":{"type":"user","id":"6762f23b1bb69f9f2193bc1a"},"message_type":"inapp","body":"<p>heyy</p>"}
            """)!;
        Assert.True(JsonNode.DeepEquals(expected, body), body.ToJsonString());
        Assert.Equal("403918396", result.MessageId);
        Assert.Equal("613", result.ThreadId);
    }

    [Fact]
    public async Task SendAsync_UserEmail_SendsEveryPropertyTheEmailBranchRequires()
    {
        await using var wire = IntercomWire.Create(o =>
        {
            o.UserMessageType = IntercomMessageType.Email;
            o.EmailTemplate = "personal";
        });
        wire.On(HttpMethod.Post, "https://api.intercom.io/messages", HttpStatusCode.OK, MessageAnswer);

        await wire.Sender.SendAsync(new OutgoingMessage { Destination = MessageDestination.User("6762f23d1bb69f9f2193bc1c"), Text = "Renewal due\nPlease call back." });

        JsonObject body = Body(wire);
        AssertSchema(body, MessageProperties, EmailRequired);
        Assert.Equal("email", (string?)body["message_type"]);
        Assert.Equal("Renewal due", (string?)body["subject"]);
        Assert.Equal("personal", (string?)body["template"]);
    }

    [Fact]
    public async Task SendAsync_LeadRecipientAndInAppSpelling_AreConfigurable()
    {
        await using var wire = IntercomWire.Create(o =>
        {
            o.RecipientType = "lead";
            o.InAppMessageTypeValue = "in_app";
        });
        wire.On(HttpMethod.Post, "https://api.intercom.io/messages", HttpStatusCode.OK, MessageAnswer);

        await wire.Sender.SendAsync(new OutgoingMessage { Destination = MessageDestination.User("6762f2371bb69f9f2193bc18"), Text = "heyy" });

        JsonObject body = Body(wire);
        Assert.Equal("in_app", (string?)body["message_type"]);
        Assert.Equal("lead", (string?)body["to"]!["type"]);
    }

    [Fact]
    public async Task SearchByEmailAsync_TwoPages_BodiesMatchSearchRequestSchema()
    {
        await using var wire = IntercomWire.Create();
        wire.OnSequence(HttpMethod.Post, "https://api.intercom.io/contacts/search",
        [
            (HttpStatusCode.OK, """{"type":"list","data":[{"type":"contact","id":"c1","email":"ada@analytical.example"}],"total_count":2,"pages":{"type":"pages","page":1,"per_page":1,"total_pages":2,"next":{"per_page":1,"starting_after":"WzE3MzQ1Mzc0MzcwMDAsImMxIl0="}}}""", []),
            (HttpStatusCode.OK, """{"type":"list","data":[{"type":"contact","id":"c2","email":"ada@analytical.example"}],"total_count":2,"pages":{"type":"pages","page":2,"per_page":1,"total_pages":2}}""", []),
        ]);
        var contacts = (IIntercomContacts)wire.Sender.GetService(typeof(IIntercomContacts))!;

        var ids = new List<string?>();
        await foreach (Page<Contact> page in contacts.SearchByEmailAsync("ada@analytical.example").AsPages(pageSizeHint: 1))
        {
            ids.AddRange(page.Items.Select(c => c.Id));
        }

        Assert.Equal(["c1", "c2"], ids);
        var bodies = wire.Requests.Select(r => JsonNode.Parse(r.Body)!.AsObject()).ToList();
        foreach (JsonObject body in bodies)
        {
            AssertSchema(body, ["query", "pagination"], ["query"]); // search_request
            AssertSchema(body["query"]!.AsObject(), ["field", "operator", "value"], []); // single_filter_search_request
            AssertSchema(body["pagination"]!.AsObject(), ["per_page", "starting_after"], []); // starting_after_paging
        }

        Assert.Null(bodies[0]["pagination"]!["starting_after"]);
        Assert.Equal("WzE3MzQ1Mzc0MzcwMDAsImMxIl0=", (string?)bodies[1]["pagination"]!["starting_after"]);
        Assert.Equal(1, (int?)bodies[1]["pagination"]!["per_page"]);
    }

    [Fact]
    public async Task ListAsync_PageSizeHintAbove150_AsksForIntercomsMaximum()
    {
        await using var wire = IntercomWire.Create();
        wire.On(HttpMethod.Get, "https://api.intercom.io/contacts?per_page=150", HttpStatusCode.OK,
            """{"type":"list","data":[],"total_count":0,"pages":{"type":"pages","page":1,"per_page":150,"total_pages":0}}""");
        var contacts = (IIntercomContacts)wire.Sender.GetService(typeof(IIntercomContacts))!;

        await foreach (Page<Contact> page in contacts.ListAsync().AsPages(pageSizeHint: 500))
        {
            Assert.Empty(page.Items);
        }

        Assert.Equal("https://api.intercom.io/contacts?per_page=150", Assert.Single(wire.Requests).Uri.ToString());
    }

    /// <summary>The documented error examples of the 2.14 specification, as Intercom sends them.</summary>
    public static TheoryData<string, HttpStatusCode, string, string, string, Type> DocumentedErrors => new()
    {
        { "conversations/525/reply", HttpStatusCode.Unauthorized, "unauthorized", "Access Token Invalid", "50f1e8d1-cf1a-450c-a7b5-87a264076241", typeof(MartechAuthenticationException) },
        { "conversations/525/reply", HttpStatusCode.Forbidden, "api_plan_restricted", "Active subscription needed.", "48ad16d0-525c-40bf-b733-89239feb70e3", typeof(MartechAuthenticationException) },
        { "conversations/525/reply", HttpStatusCode.NotFound, "not_found", "Resource Not Found", "06234918-c245-4caa-a2cc-90247983c6ff", typeof(MartechNotFoundException) },
        { "messages", HttpStatusCode.UnprocessableEntity, "parameter_not_found", "No subject supplied for email message", "97db463e-7070-4ac9-9846-9a5d31933772", typeof(MartechRequestException) },
        { "messages", HttpStatusCode.BadRequest, "parameter_invalid", "Body is required", "3f3e74cc-65af-4408-9bf5-9e71b55c8166", typeof(MartechRequestException) },
        { "messages", HttpStatusCode.Unauthorized, "unauthorized", "Access Token Invalid", "2c8a20ee-ed09-42c0-a31d-a1b4f5d2742d", typeof(MartechAuthenticationException) },
    };

    [Theory]
    [MemberData(nameof(DocumentedErrors))]
    public async Task SendAsync_DocumentedError_MapsToTheSdksException(string path, HttpStatusCode status, string code, string message, string requestId, Type expected)
    {
        await using var wire = IntercomWire.Create();
        wire.On(HttpMethod.Post, "https://api.intercom.io/" + path, status,
            $$"""{"type":"error.list","request_id":"{{requestId}}","errors":[{"code":"{{code}}","message":"{{message}}"}]}""");
        MessageDestination destination = path == "messages" ? MessageDestination.User("6762f23b1bb69f9f2193bc1a") : MessageDestination.Conversation("525");

        var ex = await Assert.ThrowsAnyAsync<MartechRequestException>(() => wire.Sender.SendAsync(new OutgoingMessage { Destination = destination, Text = "Hi" }));

        Assert.IsType(expected, ex);
        Assert.Equal(status, ex.StatusCode);
        Assert.Equal(code, ex.ErrorCode);
        Assert.Equal(requestId, ex.RequestId);
        Assert.Equal(wire.Name, ex.Provider);
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(IntercomWire.Token, ex.ToString(), StringComparison.Ordinal);
        Assert.Single(wire.Requests); // a client error is not retried
    }

    [Fact]
    public async Task SendAsync_ErrorListWithoutRequestId_TakesTheRequestIdHeader()
    {
        await using var wire = IntercomWire.Create();
        wire.On(HttpMethod.Post, "https://api.intercom.io/conversations/525/reply", HttpStatusCode.NotFound,
            """{"type":"error.list","errors":[{"code":"not_found","message":"Resource Not Found"}]}""", ("X-Request-Id", "0007f0b7-hdr"));

        var ex = await Assert.ThrowsAsync<MartechNotFoundException>(() => wire.Sender.SendAsync(new OutgoingMessage { Destination = MessageDestination.Conversation("525"), Text = "Hi" }));

        Assert.Equal("0007f0b7-hdr", ex.RequestId);
    }

    [Fact]
    public async Task SearchByEmailAsync_Unauthorized_IsAnAuthenticationError()
    {
        await using var wire = IntercomWire.Create();
        wire.On(HttpMethod.Post, "https://api.intercom.io/contacts/search", HttpStatusCode.Unauthorized,
            """{"type":"error.list","request_id":"f0dc95f1-9e46-4e8d-8150-89365c2c5195","errors":[{"code":"unauthorized","message":"Access Token Invalid"}]}""");
        var contacts = (IIntercomContacts)wire.Sender.GetService(typeof(IIntercomContacts))!;

        var ex = await Assert.ThrowsAsync<MartechAuthenticationException>(async () =>
        {
            await foreach (Contact contact in contacts.SearchByEmailAsync("ada@analytical.example"))
            {
                Assert.Fail($"No contact was expected, got {contact.Id}.");
            }
        });

        Assert.Equal("unauthorized", ex.ErrorCode);
        Assert.Equal("f0dc95f1-9e46-4e8d-8150-89365c2c5195", ex.RequestId);
    }

    [Fact]
    public void Validate_UnknownTemplateRecipientOrSpelling_NamesEachSetting()
    {
        var options = new IntercomOptions
        {
            AccessToken = "t",
            AdminId = "1",
            EmailTemplate = "fancy",
            RecipientType = "visitor",
            InAppMessageTypeValue = "popup",
            IntercomVersion = "2.14\r\nX-Injected: 1",
        };

        var messages = options.Validate("Martech:Intercom").ToList();

        Assert.Contains(messages, m => m.StartsWith("Martech:Intercom:EmailTemplate", StringComparison.Ordinal) && m.Contains("fancy", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("Martech:Intercom:RecipientType", StringComparison.Ordinal) && m.Contains("visitor", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("Martech:Intercom:InAppMessageTypeValue", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("Martech:Intercom:IntercomVersion", StringComparison.Ordinal));
        Assert.Equal(4, messages.Count);
    }

    private static JsonObject Body(IntercomWire wire) => JsonNode.Parse(Assert.Single(wire.Requests).Body)!.AsObject();

    private static string JsonValueKind(JsonNode? node) => node?.GetValueKind().ToString() ?? "Null";

    private static void AssertSchema(JsonObject body, string[] properties, string[] required)
    {
        foreach (var (name, _) in body)
        {
            Assert.True(properties.Contains(name), $"'{name}' is not a property of the schema: {body.ToJsonString()}");
        }

        foreach (string name in required)
        {
            Assert.True(body[name] is not null, $"The schema requires '{name}': {body.ToJsonString()}");
        }
    }
}
