using System.Net;
using System.Text.Json.Nodes;
using Martech.Sdk.Testing;
using RichardSzalay.MockHttp;

namespace Martech.Sdk.Providers.Tests.SendGrid;

/// <summary>The exact mail send requests the provider writes (method, URL, headers, body), each body validated against
/// SendGrid's OpenAPI schema, and how it reads SendGrid's answers.</summary>
public sealed class SendGridEmailSenderWireTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private static Mailbox Box(string email, string? name = null) => new(EmailAddress.Parse(email), name);

    private static EmailMessage Simple(string to, string subject = "Hello") => new()
    {
        From = Box("orders@example.com"),
        To = { Box(to) },
        Subject = subject,
        TextBody = "Hi.",
        Purpose = SendPurpose.Transactional,
    };

    [Fact]
    public async Task SendAsync_EveryFeature_SendsExactBodyThatMatchesTheSpec()
    {
        await using var wire = SendGridWire.Create(
            o =>
            {
                o.OnBehalfOf = "subuser-eu";
                o.DefaultUnsubscribeGroupId = 12345;
            },
            time: new ManualTimeProvider(Now));
        wire.ExpectMailSend("msg-abc");
        var message = new EmailMessage
        {
            From = Box("orders@example.com", "Example Orders"),
            ReplyTo = Box("support@example.com", "Support"),
            To = { Box("ada@example.com", "Ada Lovelace") },
            Cc = { Box("grace@example.com") },
            Bcc = { Box("audit@example.com") },
            Subject = "Your order <#1001> & more",
            TextBody = "Thanks, Ada.",
            HtmlBody = "<p>Thanks, Ada.</p><img src=\"cid:logo\">",
            Attachments =
            {
                new EmailAttachment("invoice.pdf", "application/pdf", "%PDF-1.4"u8.ToArray()),
                new EmailAttachment("logo.png", "image/png", new byte[] { 0x89, 0x50, 0x4E, 0x47 }) { ContentId = "logo" },
            },
            Headers = { ["X-Order-Id"] = "1001" },
            Tags = { "orders", "receipts", "orders" },
            Metadata = { ["order_id"] = "1001" },
            CampaignId = "spring-sale",
            SendAt = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero),
            Purpose = SendPurpose.Marketing,
        };

        EmailSendResult result = await wire.Sender.SendAsync(message);

        Assert.Equal(SendStatus.Accepted, result.Status);
        Assert.Equal("msg-abc", result.MessageId);
        Assert.Equal(["ada@example.com", "grace@example.com", "audit@example.com"], result.AcceptedRecipients.Select(a => a.Value));
        CapturedRequest request = Assert.Single(wire.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal(SendGridWire.MailSendUrl, request.Uri.ToString());
        Assert.Equal("Bearer " + SendGridWire.ApiKey, request.Header("Authorization"));
        Assert.Equal("subuser-eu", request.Header("on-behalf-of"));
        Assert.Equal("application/json; charset=utf-8", request.ContentType);
        Assert.Equal(
            """{"personalizations":[{"to":[{"email":"ada@example.com","name":"Ada Lovelace"}],"cc":[{"email":"grace@example.com"}],"bcc":[{"email":"audit@example.com"}],"custom_args":{"order_id":"1001","campaign_id":"spring-sale"}}],"from":{"email":"orders@example.com","name":"Example Orders"},"reply_to":{"email":"support@example.com","name":"Support"},"subject":"Your order <#1001> & more","content":[{"type":"text/plain","value":"Thanks, Ada."},{"type":"text/html","value":"<p>Thanks, Ada.</p><img src=\"cid:logo\">"}],"attachments":[{"content":"JVBERi0xLjQ=","type":"application/pdf","filename":"invoice.pdf","disposition":"attachment"},{"content":"iVBORw==","type":"image/png","filename":"logo.png","disposition":"inline","content_id":"logo"}],"headers":{"X-Order-Id":"1001"},"categories":["orders","receipts"],"send_at":1772366400,"asm":{"group_id":12345}}""",
            request.Body);
        OpenApiSchemaValidator.MailSend.AssertValidMailSend(request.Body!);
        wire.VerifyAll();
    }

    [Fact]
    public async Task SendAsync_DynamicTemplate_SendsTemplateDataPerPersonalizationAndNoGroupForTransactional()
    {
        await using var wire = SendGridWire.Create(o => o.DefaultUnsubscribeGroupId = 12345);
        wire.ExpectMailSend();
        var message = new EmailMessage
        {
            From = Box("orders@example.com"),
            To = { Box("ada@example.com") },
            TemplateId = "d-123abc456def789hij0klm123nop456q",
            TemplateData = new JsonObject { ["firstName"] = "Ada", ["items"] = new JsonArray(1, 2), ["vip"] = true },
            Purpose = SendPurpose.Transactional,
        };

        await wire.Sender.SendAsync(message);

        string body = Assert.Single(wire.Requests).Body!;
        Assert.Equal(
            """{"personalizations":[{"to":[{"email":"ada@example.com"}],"dynamic_template_data":{"firstName":"Ada","items":[1,2],"vip":true}}],"from":{"email":"orders@example.com"},"template_id":"d-123abc456def789hij0klm123nop456q"}""",
            body);
        OpenApiSchemaValidator.MailSend.AssertValidMailSend(body);
    }

    [Fact]
    public async Task SendAsync_SandboxModeAndEuBaseAddress_SendsSandboxSettingToEuAndAcceptsWithoutId()
    {
        await using var wire = SendGridWire.Create(o =>
        {
            o.SandboxMode = true;
            o.BaseAddress = SendGridOptions.EuBaseAddress;
        });
        wire.Expect(HttpMethod.Post, "https://api.eu.sendgrid.com/v3/mail/send", HttpStatusCode.OK);

        EmailSendResult result = await wire.Sender.SendAsync(Simple("ada@example.com"));

        Assert.Equal(SendStatus.Accepted, result.Status);
        Assert.Null(result.MessageId);
        string body = Assert.Single(wire.Requests).Body!;
        Assert.EndsWith(""","mail_settings":{"sandbox_mode":{"enable":true}}}""", body, StringComparison.Ordinal);
        OpenApiSchemaValidator.MailSend.AssertValidMailSend(body);
        wire.VerifyAll();
    }

    [Fact]
    public async Task SendManyAsync_SharedContent_OneRequestWithAPersonalizationPerMessage()
    {
        await using var wire = SendGridWire.Create();
        wire.ExpectMailSend("shared-id");
        EmailMessage[] messages = [.. Enumerable.Range(1, 3).Select(i => new EmailMessage
        {
            From = Box("news@example.com", "News"),
            To = { Box($"reader{i}@example.com", $"Reader {i}") },
            Cc = i == 2 ? [Box("editor@example.com")] : [],
            TemplateId = "d-weekly",
            TemplateData = new JsonObject { ["n"] = i },
            Metadata = { ["reader"] = $"r{i}" },
            Tags = { "weekly" },
            Purpose = SendPurpose.Transactional,
        })];

        BulkResult<EmailSendResult> result = await wire.Sender.SendManyAsync(messages);

        Assert.True(result.IsFullSuccess);
        Assert.All(result.Items, r => Assert.Equal("shared-id", r.Value!.MessageId));
        Assert.Equal(["reader2@example.com", "editor@example.com"], result.Items[1].Value!.AcceptedRecipients.Select(a => a.Value));
        string body = Assert.Single(wire.Requests).Body!;
        Assert.Equal(
            """{"personalizations":[{"to":[{"email":"reader1@example.com","name":"Reader 1"}],"dynamic_template_data":{"n":1},"custom_args":{"reader":"r1"}},{"to":[{"email":"reader2@example.com","name":"Reader 2"}],"cc":[{"email":"editor@example.com"}],"dynamic_template_data":{"n":2},"custom_args":{"reader":"r2"}},{"to":[{"email":"reader3@example.com","name":"Reader 3"}],"dynamic_template_data":{"n":3},"custom_args":{"reader":"r3"}}],"from":{"email":"news@example.com","name":"News"},"template_id":"d-weekly","categories":["weekly"]}""",
            body);
        OpenApiSchemaValidator.MailSend.AssertValidMailSend(body);
        wire.VerifyAll();
    }

    [Fact]
    public async Task SendManyAsync_BatchSize_SplitsIntoRequestsAndReportsProgressPerRequest()
    {
        await using var wire = SendGridWire.Create();
        for (int i = 0; i < 3; i++)
        {
            wire.ExpectMailSend($"id-{i}");
        }

        var progress = new List<BulkProgress>();
        EmailMessage[] messages = [.. Enumerable.Range(0, 5).Select(i => Simple($"r{i}@example.com"))];

        BulkResult<EmailSendResult> result = await wire.Sender.SendManyAsync(messages, new BulkOptions { BatchSize = 2, MaxConcurrency = 1, Progress = new ListProgress(progress) });

        Assert.True(result.IsFullSuccess);
        Assert.Equal(["id-0", "id-0", "id-1", "id-1", "id-2"], result.Items.Select(r => r.Value!.MessageId));
        Assert.Equal([2, 2, 1], wire.Requests.Select(r => JsonNode.Parse(r.Body!)!["personalizations"]!.AsArray().Count));
        Assert.Equal([2, 4, 5], progress.Select(p => p.Completed));
        Assert.All(wire.Requests, r => OpenApiSchemaValidator.MailSend.AssertValidMailSend(r.Body!));
        wire.VerifyAll();
    }

    [Fact]
    public async Task SendManyAsync_ErrorNamingAPersonalization_FailsThatMessageWithTheErrorAndTheOthersAsBatchRejected()
    {
        await using var wire = SendGridWire.Create();
        wire.Expect(
            HttpMethod.Post,
            SendGridWire.MailSendUrl,
            HttpStatusCode.BadRequest,
            """{"errors":[{"message":"Does not contain a valid address.","field":"personalizations.1.to.0.email","help":"http://sendgrid.com/docs/API_Reference/Web_API_v3/Mail/errors.html#message.personalizations.to"}]}""");
        EmailMessage[] messages = [Simple("a@example.com"), Simple("b@example.com"), Simple("c@example.com")];

        BulkResult<EmailSendResult> result = await wire.Sender.SendManyAsync(messages);

        Assert.Equal(3, result.FailedCount);
        BulkItemError blamed = result.Items[1].Error!;
        Assert.Equal("HTTP_400", blamed.Code);
        Assert.Equal("to.0.email", blamed.Field);
        Assert.Equal("SendGrid rejected the message: to.0.email: Does not contain a valid address.", blamed.Message);
        Assert.IsType<MartechRequestException>(blamed.Exception);
        Assert.All([result.Items[0], result.Items[2]], r => Assert.Equal("BATCH_REJECTED", r.Error!.Code));
        wire.VerifyAll();
    }

    [Fact]
    public async Task SendManyAsync_ErrorOnSharedField_FailsEveryMessageWithIt()
    {
        await using var wire = SendGridWire.Create();
        wire.Expect(
            HttpMethod.Post,
            SendGridWire.MailSendUrl,
            HttpStatusCode.BadRequest,
            """{"errors":[{"message":"The from email does not contain a valid address.","field":"from.email","help":"http://sendgrid.com/docs/API_Reference/Web_API_v3/Mail/errors.html#message.from"}]}""");

        BulkResult<EmailSendResult> result = await wire.Sender.SendManyAsync([Simple("a@example.com"), Simple("b@example.com")]);

        Assert.All(result.Items, r =>
        {
            Assert.Equal(BulkItemStatus.Failed, r.Status);
            Assert.Equal("from.email", r.Error!.Field);
            Assert.Contains("The from email does not contain a valid address.", r.Error.Message, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task SendManyAsync_RequestNeverLeft_FailsAsNotSentSoItCanBeRetried()
    {
        await using var wire = SendGridWire.Create();
        wire.Mock.Expect(HttpMethod.Post, SendGridWire.MailSendUrl)
            .Throw(new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused"));

        BulkResult<EmailSendResult> result = await wire.Sender.SendManyAsync([Simple("a@example.com")]);

        Assert.Equal(BulkItemStatus.Failed, result.Items[0].Status);
        Assert.Equal("NOT_SENT", result.Items[0].Error!.Code);
    }

    [Fact]
    public async Task SendManyAsync_ConnectionLostAfterSending_ReportsUnknown()
    {
        await using var wire = SendGridWire.Create();
        wire.Mock.Expect(HttpMethod.Post, SendGridWire.MailSendUrl)
            .Throw(new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely."));

        BulkResult<EmailSendResult> result = await wire.Sender.SendManyAsync([Simple("a@example.com"), Simple("b@example.com")]);

        Assert.Equal(2, result.UnknownCount);
        Assert.All(result.Items, r => Assert.Equal("UNKNOWN_OUTCOME", r.Error!.Code));
        Assert.All(result.Items, r => Assert.True(((MartechTransportException)r.Error!.Exception!).MayHaveBeenProcessed));
    }

    [Fact]
    public async Task SendAsync_CancelledToken_SendsNothing()
    {
        await using var wire = SendGridWire.Create();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wire.Sender.SendAsync(Simple("a@example.com"), new CancellationToken(canceled: true)));

        Assert.Empty(wire.Requests);
    }

    private sealed class ListProgress(List<BulkProgress> reports) : IProgress<BulkProgress>
    {
        public void Report(BulkProgress value) => reports.Add(value);
    }
}
