using System.Net;
using System.Text.Json.Nodes;
using Martech.Sdk.Postmark;

namespace Martech.Sdk.Providers.Tests.Postmark;

/// <summary>The exact requests <c>SendAsync</c> sends to Postmark and how it reads the documented answers.</summary>
public sealed class PostmarkEmailSenderWireTests
{
    // Postmark's documented answer to POST /email.
    private const string Ok = """{"To":"ada@example.com","SubmittedAt":"2014-02-17T07:25:01.4178645-05:00","MessageID":"0a129aee-e1cd-480d-b08d-4f48548ff48d","ErrorCode":0,"Message":"OK"}""";

    private static EmailAddress A(string value) => EmailAddress.Parse(value);

    [Fact]
    public async Task SendAsync_EveryFeature_PostsTheExactEmailBody()
    {
        await using var wire = PostmarkWire.Create(o =>
        {
            o.TrackOpens = true;
            o.TrackLinks = PostmarkLinkTracking.HtmlAndText;
        });
        wire.On(HttpMethod.Post, "email", HttpStatusCode.OK, Ok);
        var message = new EmailMessage
        {
            From = new Mailbox(A("news@example.com"), "Example News"),
            ReplyTo = new Mailbox(A("help@example.com")),
            To = { new Mailbox(A("ada@example.com"), "Lovelace, Ada"), new Mailbox(A("grace@example.com")) },
            Cc = { new Mailbox(A("cc@example.com"), "Copy \"Cat\"") },
            Bcc = { new Mailbox(A("audit@example.com")) },
            Subject = "Your invoice",
            TextBody = "Hello Ada.\nThanks.",
            HtmlBody = "<p>Hello <b>Ada</b> & \"friends\".</p><img src=\"cid:logo\">",
            Tags = { "invoices" },
            Headers = { ["X-Invoice"] = "42" },
            Metadata = { ["customer"] = "c-7" },
            CampaignId = "spring-2025",
            Attachments =
            {
                new EmailAttachment("invoice.pdf", "application/pdf", "%PDF-1.4"u8.ToArray()),
                new EmailAttachment("logo.png", "image/png", new byte[] { 1, 2, 3 }) { ContentId = "logo" },
            },
            Purpose = SendPurpose.Transactional,
        };

        EmailSendResult result = await wire.Sender.SendAsync(message);

        CapturedRequest request = wire.Single();
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal(PostmarkWire.Api + "email", request.Uri.ToString());
        request.AssertPostmarkHeaders();
        request.AssertBody("""
            {
              "From": "Example News <news@example.com>",
              "To": "\"Lovelace, Ada\" <ada@example.com>, grace@example.com",
              "Cc": "\"Copy \\\"Cat\\\"\" <cc@example.com>",
              "Bcc": "audit@example.com",
              "ReplyTo": "help@example.com",
              "Subject": "Your invoice",
              "HtmlBody": "<p>Hello <b>Ada</b> & \"friends\".</p><img src=\"cid:logo\">",
              "TextBody": "Hello Ada.\nThanks.",
              "Tag": "invoices",
              "Headers": [ { "Name": "X-Invoice", "Value": "42" } ],
              "TrackOpens": true,
              "TrackLinks": "HtmlAndText",
              "Metadata": { "customer": "c-7", "campaign_id": "spring-2025" },
              "Attachments": [
                { "Name": "invoice.pdf", "Content": "JVBERi0xLjQ=", "ContentType": "application/pdf" },
                { "Name": "logo.png", "Content": "AQID", "ContentType": "image/png", "ContentID": "cid:logo" }
              ],
              "MessageStream": "outbound"
            }
            """);
        Assert.Equal(SendStatus.Accepted, result.Status);
        Assert.Equal("0a129aee-e1cd-480d-b08d-4f48548ff48d", result.MessageId);
        Assert.Equal([A("ada@example.com"), A("grace@example.com"), A("cc@example.com"), A("audit@example.com")], result.AcceptedRecipients);
        Assert.Empty(result.WithheldRecipients);
    }

    [Fact]
    public async Task SendAsync_MinimalMessage_LeavesOptionalFieldsOut()
    {
        await using var wire = PostmarkWire.Create();
        wire.On(HttpMethod.Post, "email", HttpStatusCode.OK, Ok);

        await wire.Sender.SendAsync(new EmailMessage
        {
            From = A("news@example.com"),
            To = { A("ada@example.com") },
            Subject = "Hi",
            TextBody = "Hello.",
            Purpose = SendPurpose.Transactional,
        });

        wire.Single().AssertBody("""{"From":"news@example.com","To":"ada@example.com","Subject":"Hi","TextBody":"Hello.","MessageStream":"outbound"}""");
    }

    [Fact]
    public async Task SendAsync_MarketingPurpose_GoesToTheBroadcastStream()
    {
        await using var wire = PostmarkWire.Create(o => o.BroadcastMessageStream = "newsletters");
        wire.On(HttpMethod.Post, "email", HttpStatusCode.OK, Ok);

        await wire.Sender.SendAsync(new EmailMessage { From = A("news@example.com"), To = { A("ada@example.com") }, Subject = "News", HtmlBody = "<p>News</p>" });

        Assert.Equal("newsletters", wire.Single().Json!["MessageStream"]!.GetValue<string>());
    }

    [Fact]
    public async Task SendAsync_NumericTemplateId_PostsWithTemplateAndTheModel()
    {
        await using var wire = PostmarkWire.Create();
        wire.On(HttpMethod.Post, "email/withTemplate", HttpStatusCode.OK, Ok);
        var data = new JsonObject { ["name"] = "Ada", ["items"] = new JsonArray(1, 2) };

        EmailSendResult result = await wire.Sender.SendAsync(new EmailMessage
        {
            From = A("news@example.com"),
            To = { A("ada@example.com") },
            TemplateId = "1234567",
            TemplateData = data,
            Tags = { "welcome" },
            Purpose = SendPurpose.Transactional,
        });

        CapturedRequest request = wire.Single();
        Assert.Equal(PostmarkWire.Api + "email/withTemplate", request.Uri.ToString());
        request.AssertPostmarkHeaders();
        request.AssertBody("""
            {"From":"news@example.com","To":"ada@example.com","TemplateId":1234567,"TemplateModel":{"name":"Ada","items":[1,2]},"Tag":"welcome","MessageStream":"outbound"}
            """);
        Assert.Equal("0a129aee-e1cd-480d-b08d-4f48548ff48d", result.MessageId);
        Assert.Equal(2, data.Count); // the caller's template data is copied, not taken
    }

    [Fact]
    public async Task SendAsync_TemplateAliasWithoutData_SendsAliasAndAnEmptyModel()
    {
        await using var wire = PostmarkWire.Create();
        wire.On(HttpMethod.Post, "email/withTemplate", HttpStatusCode.OK, Ok);

        await wire.Sender.SendAsync(new EmailMessage { From = A("news@example.com"), To = { A("ada@example.com") }, TemplateId = "welcome-v2" });

        wire.Single().AssertBody("""{"From":"news@example.com","To":"ada@example.com","TemplateAlias":"welcome-v2","TemplateModel":{},"MessageStream":"broadcast"}""");
    }

    [Fact]
    public async Task SendAsync_ResponseWithExtraFields_StillReadsTheMessageId()
    {
        await using var wire = PostmarkWire.Create();
        wire.On(HttpMethod.Post, "email", HttpStatusCode.OK, """{"To":"ada@example.com","Cc":"","SubmittedAt":"2014-02-17T07:25:01-05:00","MessageID":"abc","ErrorCode":0,"Message":"OK","Future":{"x":1}}""");

        EmailSendResult result = await wire.Sender.SendAsync(new EmailMessage { From = A("news@example.com"), To = { A("ada@example.com") }, Subject = "Hi", TextBody = "Hello." });

        Assert.Equal("abc", result.MessageId);
    }

    [Fact]
    public async Task SendAsync_SomeRecipientsInactive_ReportsThemWithheldAsSuppressed()
    {
        await using var wire = PostmarkWire.Create();
        wire.On(HttpMethod.Post, "email", HttpStatusCode.OK, """{"To":"ada@example.com, grace@example.com","MessageID":"m-1","ErrorCode":0,"Message":"Message OK, but will not deliver to these inactive addresses: grace@example.com."}""");

        EmailSendResult result = await wire.Sender.SendAsync(new EmailMessage { From = A("news@example.com"), To = { A("ada@example.com"), A("grace@example.com") }, Subject = "Hi", TextBody = "Hello." });

        Assert.Equal(SendStatus.Accepted, result.Status);
        Assert.Equal([A("ada@example.com")], result.AcceptedRecipients);
        WithheldRecipient withheld = Assert.Single(result.WithheldRecipients);
        Assert.Equal("grace@example.com", withheld.Recipient);
        Assert.Equal("suppressed", withheld.Code);
    }

    [Fact]
    public async Task SendAsync_SendAt_ThrowsNotSupportedBeforeAnyRequest()
    {
        await using var wire = PostmarkWire.Create();
        var message = new EmailMessage { From = A("news@example.com"), To = { A("ada@example.com") }, Subject = "Later", TextBody = "Hi", SendAt = DateTimeOffset.UtcNow.AddHours(3) };

        var ex = await Assert.ThrowsAsync<NotSupportedException>(() => wire.Sender.SendAsync(message));

        Assert.Contains("cannot schedule", ex.Message, StringComparison.Ordinal);
        Assert.Empty(wire.Requests);
    }

    [Fact]
    public async Task SendAsync_CancelledToken_ThrowsBeforeAnyRequest()
    {
        await using var wire = PostmarkWire.Create();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wire.Sender.SendAsync(
            new EmailMessage { From = A("news@example.com"), To = { A("ada@example.com") }, Subject = "Hi", TextBody = "Hello." },
            new CancellationToken(canceled: true)));

        Assert.Empty(wire.Requests);
    }

    [Fact]
    public async Task SendAsync_NamedInstance_SendsItsOwnToken()
    {
        await using var eu = PostmarkWire.Create(o => o.ServerToken = "token-eu", name: "PostmarkEU");
        eu.On(HttpMethod.Post, "email", HttpStatusCode.OK, Ok);

        await eu.Sender.SendAsync(new EmailMessage { From = A("news@example.com"), To = { A("ada@example.com") }, Subject = "Hi", TextBody = "Hello." });

        eu.Single().AssertPostmarkHeaders("token-eu");
    }
}
