using System.Net;
using System.Text.Json.Nodes;
using RichardSzalay.MockHttp;

namespace Martech.Sdk.Providers.Tests.Mailgun;

/// <summary>The exact requests the Mailgun sender makes and how it reads Mailgun's documented answers.</summary>
public sealed class MailgunEmailSenderWireTests
{
    private static EmailMessage Simple(string subject = "Welcome") => new()
    {
        From = new Mailbox(EmailAddress.Parse("news@mg.example.com"), "Example News"),
        To = { new Mailbox(EmailAddress.Parse("ada@example.com"), "Ada Lovelace") },
        Subject = subject,
        TextBody = "Hello Ada.",
    };

    [Fact]
    public async Task SendAsync_EveryFeature_PostsTheMultipartFieldsInOrder()
    {
        using var mock = new MockHttpMessageHandler();
        var captured = new List<CapturedRequest>();
        mock.Expect(HttpMethod.Post, MailgunWire.MessagesUrl).Capture(captured, HttpStatusCode.OK, MailgunWire.Queued());
        using var services = MailgunWire.Services(mock, o => o.TestMode = true, now: new DateTimeOffset(2030, 3, 4, 9, 0, 0, TimeSpan.Zero));
        var sendAt = new DateTimeOffset(2030, 3, 5, 16, 30, 0, TimeSpan.FromHours(2));
        var message = new EmailMessage
        {
            From = new Mailbox(EmailAddress.Parse("news@mg.example.com"), "Example News"),
            ReplyTo = new Mailbox(EmailAddress.Parse("support@example.com"), "Support, Team"),
            To = { new Mailbox(EmailAddress.Parse("ada@example.com"), "Ada Lovelace"), new Mailbox(EmailAddress.Parse("bob@example.com")) },
            Cc = { new Mailbox(EmailAddress.Parse("grace@example.com"), "Grace \"Amazing\" Hopper") },
            Bcc = { new Mailbox(EmailAddress.Parse("audit@example.com")) },
            Subject = "Welcome aboard",
            TextBody = "Hello Ada.",
            HtmlBody = "<p>Hello Ada.</p><img src=\"cid:logo\">",
            TemplateId = "welcome-v2",
            TemplateData = new JsonObject { ["firstName"] = "Zoë", ["plan"] = new JsonObject { ["name"] = "pro+" } },
            Headers = { ["X-Priority"] = "1", ["List-Unsubscribe"] = "<mailto:unsub@example.com>" },
            Tags = { "welcome", "onboarding" },
            Metadata = { ["user_id"] = "42", ["source"] = "signup" },
            CampaignId = "cmp-7",
            SendAt = sendAt,
            Attachments =
            {
                new EmailAttachment("logo.png", "image/png", new byte[] { 0x89, 0x50, 0x4E, 0x47 }) { ContentId = "logo" },
                new EmailAttachment("invoice.pdf", "application/pdf", "%PDF-1.4"u8.ToArray()),
            },
        };

        EmailSendResult result = await services.Sender().SendAsync(message);

        mock.VerifyNoOutstandingExpectation();
        CapturedRequest request = Assert.Single(captured);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal(MailgunWire.MessagesUrl, request.Uri.AbsoluteUri);
        Assert.Equal(MailgunWire.BasicAuthorization, request.Authorization);
        Assert.StartsWith("multipart/form-data; boundary=", request.ContentType, StringComparison.Ordinal);
        Assert.Equal(
            [
                ("from", "Example News <news@mg.example.com>"),
                ("to", "Ada Lovelace <ada@example.com>"),
                ("to", "bob@example.com"),
                ("cc", "\"Grace \\\"Amazing\\\" Hopper\" <grace@example.com>"),
                ("bcc", "audit@example.com"),
                ("subject", "Welcome aboard"),
                ("text", "Hello Ada."),
                ("html", "<p>Hello Ada.</p><img src=\"cid:logo\">"),
                ("template", "welcome-v2"),
                ("t:variables", "{\"firstName\":\"Zoë\",\"plan\":{\"name\":\"pro+\"}}"),
                ("h:Reply-To", "\"Support, Team\" <support@example.com>"),
                ("h:List-Unsubscribe", "<mailto:unsub@example.com>"),
                ("h:X-Priority", "1"),
                ("o:tag", "welcome"),
                ("o:tag", "onboarding"),
                ("o:deliverytime", "Tue, 05 Mar 2030 14:30:00 +0000"),
                ("o:testmode", "yes"),
                ("v:campaign_id", "cmp-7"),
                ("v:source", "signup"),
                ("v:user_id", "42"),
            ],
            request.Fields);
        Assert.All(request.Parts.Where(p => p.FileName is null), p => Assert.Equal("text/plain; charset=utf-8", p.ContentType));
        Assert.All(request.Parts, p => Assert.StartsWith($"form-data; name=\"{p.Name}\"", p.ContentDisposition, StringComparison.Ordinal));

        FormPart[] files = [.. request.Parts.Where(p => p.FileName is not null)];
        Assert.Equal(2, files.Length);
        Assert.Equal(("attachment", "invoice.pdf", "application/pdf"), (files[0].Name, files[0].FileName, files[0].ContentType));
        Assert.Equal("%PDF-1.4"u8.ToArray(), files[0].Content);
        Assert.Equal(("inline", "logo", "image/png"), (files[1].Name, files[1].FileName, files[1].ContentType));
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, files[1].Content);

        Assert.Equal(SendStatus.Accepted, result.Status);
        Assert.Equal("20111114174239.25659.5817@mg.example.com", result.MessageId);
        Assert.Equal(
            new[] { "ada@example.com", "bob@example.com", "grace@example.com", "audit@example.com" }.Select(a => EmailAddress.Parse(a)),
            result.AcceptedRecipients);
        Assert.Empty(result.WithheldRecipients);
    }

    [Theory]
    [InlineData(MailgunRegion.US, null, "https://api.mailgun.net/v3/mg.example.com/messages")]
    [InlineData(MailgunRegion.EU, null, "https://api.eu.mailgun.net/v3/mg.example.com/messages")]
    [InlineData(MailgunRegion.EU, "https://proxy.example.net/mailgun/", "https://proxy.example.net/mailgun/v3/mg.example.com/messages")]
    public async Task SendAsync_RegionOrBaseAddress_ChoosesTheHost(MailgunRegion region, string? baseAddress, string expectedUrl)
    {
        using var mock = new MockHttpMessageHandler();
        var captured = new List<CapturedRequest>();
        mock.Expect(HttpMethod.Post, expectedUrl).Capture(captured, HttpStatusCode.OK, MailgunWire.Queued());
        using var services = MailgunWire.Services(mock, o =>
        {
            o.Region = region;
            o.BaseAddress = baseAddress is null ? null : new Uri(baseAddress);
        });

        await services.Sender().SendAsync(Simple());

        mock.VerifyNoOutstandingExpectation();
        Assert.Equal(
            [("from", "Example News <news@mg.example.com>"), ("to", "Ada Lovelace <ada@example.com>"), ("subject", "Welcome"), ("text", "Hello Ada.")],
            Assert.Single(captured).Fields);
    }

    [Fact]
    public async Task SendAsync_NonAsciiFileName_SentAsUtf8InQuotes()
    {
        using var mock = new MockHttpMessageHandler();
        var captured = new List<CapturedRequest>();
        mock.When(HttpMethod.Post, MailgunWire.MessagesUrl).Capture(captured, HttpStatusCode.OK, MailgunWire.Queued());
        using var services = MailgunWire.Services(mock);
        EmailMessage message = Simple();
        message.Attachments.Add(new EmailAttachment("résumé.pdf", "application/pdf", "%PDF"u8.ToArray()));

        await services.Sender().SendAsync(message);

        FormPart file = Assert.Single(Assert.Single(captured).Parts, p => p.FileName is not null);
        Assert.Equal("form-data; name=\"attachment\"; filename=\"résumé.pdf\"", file.ContentDisposition);
    }

    [Fact]
    public async Task SendAsync_TemplateWithoutSubjectOrBody_SendsOnlyTheTemplateFields()
    {
        using var mock = new MockHttpMessageHandler();
        var captured = new List<CapturedRequest>();
        mock.When(HttpMethod.Post, MailgunWire.MessagesUrl).Capture(captured, HttpStatusCode.OK, MailgunWire.Queued());
        using var services = MailgunWire.Services(mock);
        var message = new EmailMessage
        {
            From = new Mailbox(EmailAddress.Parse("news@mg.example.com")),
            To = { new Mailbox(EmailAddress.Parse("ada@example.com")) },
            TemplateId = "welcome",
        };

        await services.Sender().SendAsync(message);

        Assert.Equal([("from", "news@mg.example.com"), ("to", "ada@example.com"), ("template", "welcome")], Assert.Single(captured).Fields);
    }

    [Fact]
    public async Task SendAsync_SameRecipientTwice_ReportedOnce()
    {
        using var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, MailgunWire.MessagesUrl).Respond("application/json", MailgunWire.Queued("<a@mg.example.com>"));
        using var services = MailgunWire.Services(mock);
        EmailMessage message = Simple();
        message.Cc.Add(new Mailbox(EmailAddress.Parse("ada@example.com")));

        EmailSendResult result = await services.Sender().SendAsync(message);

        Assert.Equal([EmailAddress.Parse("ada@example.com")], result.AcceptedRecipients);
        Assert.Equal("a@mg.example.com", result.MessageId);
    }

    [Fact]
    public async Task SendAsync_BadRequest_ThrowsWithMailgunsMessageAndTheField()
    {
        using var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, MailgunWire.MessagesUrl).Respond(HttpStatusCode.BadRequest, "application/json", """{"message": "'to' parameter is not a valid address. please check documentation"}""");
        using var services = MailgunWire.Services(mock);

        var ex = await Assert.ThrowsAsync<MartechRequestException>(() => services.Sender().SendAsync(Simple()));

        Assert.Equal(HttpStatusCode.BadRequest, ex.StatusCode);
        Assert.Equal("Mailgun email.send failed: HTTP 400 BadRequest: 'to' parameter is not a valid address. please check documentation", ex.Message);
        MartechFieldError field = Assert.Single(ex.FieldErrors);
        Assert.Equal("to", field.Field);
        Assert.Null(ex.ErrorCode);
        Assert.Equal("Mailgun", ex.Provider);
    }

    [Fact]
    public async Task SendAsync_Unauthorized_PlainTextBody_ThrowsAuthenticationException()
    {
        using var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, MailgunWire.MessagesUrl).Respond(HttpStatusCode.Unauthorized, "text/plain", "Forbidden");
        using var services = MailgunWire.Services(mock);

        var ex = await Assert.ThrowsAsync<MartechAuthenticationException>(() => services.Sender().SendAsync(Simple()));

        Assert.Equal("Mailgun email.send failed: HTTP 401 Unauthorized: Forbidden", ex.Message);
        Assert.DoesNotContain(MailgunWire.ApiKey, ex.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HttpStatusCode.NotFound, """{"message":"Domain not found: mg.example.com"}""", "Domain not found: mg.example.com")]
    [InlineData(HttpStatusCode.PaymentRequired, """{"message":"Request failed"}""", "Request failed")]
    [InlineData(HttpStatusCode.RequestEntityTooLarge, """{"message":"Message size exceeds the 25 MB limit"}""", "Message size exceeds the 25 MB limit")]
    [InlineData(HttpStatusCode.InternalServerError, """{"message": "Internal Server Error""", """{"message": "Internal Server Error""")]
    [InlineData(HttpStatusCode.BadGateway, "<html><body>Bad Gateway</body></html>", "<html><body>Bad Gateway</body></html>")]
    [InlineData(HttpStatusCode.BadRequest, """{"error":"unexpected shape"}""", """{"error":"unexpected shape"}""")]
    public async Task SendAsync_DocumentedAndMalformedErrorBodies_MapToAClearMessage(HttpStatusCode status, string body, string expectedText)
    {
        using var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, MailgunWire.MessagesUrl).Respond(status, "application/json", body);
        using var services = MailgunWire.Services(mock);

        var ex = await Assert.ThrowsAnyAsync<MartechRequestException>(() => services.Sender().SendAsync(Simple()));

        Assert.Equal(status, ex.StatusCode);
        Assert.Contains(": " + expectedText, ex.Message, StringComparison.Ordinal);
        Assert.Equal((int)status >= 500, ex.MayHaveBeenProcessed);
        if (status == HttpStatusCode.NotFound)
        {
            Assert.IsType<MartechNotFoundException>(ex);
        }
    }

    [Fact]
    public async Task SendAsync_TooManyRequests_ThrowsRateLimitedWithRetryAfter()
    {
        using var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, MailgunWire.MessagesUrl).Respond(_ =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests) { Content = new StringContent("""{"message":"Too many requests"}""") };
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(120));
            return response;
        });
        using var services = MailgunWire.Services(mock);

        var ex = await Assert.ThrowsAsync<MartechRateLimitedException>(() => services.Sender().SendAsync(Simple()));

        Assert.Equal(TimeSpan.FromSeconds(120), ex.RetryAfter);
        Assert.Contains("Too many requests", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_AnswerWithoutId_ThrowsMayHaveBeenProcessed()
    {
        using var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, MailgunWire.MessagesUrl).Respond("application/json", """{"message":"Queued. Thank you."}""");
        using var services = MailgunWire.Services(mock);

        var ex = await Assert.ThrowsAsync<MartechTransportException>(() => services.Sender().SendAsync(Simple()));

        Assert.True(ex.MayHaveBeenProcessed);
    }

    [Fact]
    public async Task SendManyAsync_MixedAnswers_OneOutcomePerMessageInInputOrder()
    {
        using var mock = new MockHttpMessageHandler();
        // A synchronous responder: MockHttp turns an exception thrown from an async responder into a hang.
        MockedRequest send = mock.When(HttpMethod.Post, MailgunWire.MessagesUrl).Respond(request =>
        {
            string body = request.Content!.ReadAsStringAsync().GetAwaiter().GetResult();
            return Task.FromResult(
                body.Contains("Refused", StringComparison.Ordinal) ? Answer(HttpStatusCode.BadRequest, """{"message":"'to' parameter is not a valid address. please check documentation"}""")
                : body.Contains("Broken server", StringComparison.Ordinal) ? Answer(HttpStatusCode.InternalServerError, """{"message":"Internal Server Error"}""")
                : body.Contains("Throttled", StringComparison.Ordinal) ? Answer(HttpStatusCode.TooManyRequests, """{"message":"Too many requests"}""")
                : body.Contains("Lost", StringComparison.Ordinal) ? throw new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely.")
                : Answer(HttpStatusCode.OK, MailgunWire.Queued($"<{body.Length}.{body.GetHashCode()}@mg.example.com>")));
        });
        using var services = MailgunWire.Services(mock);
        EmailMessage invalid = Simple("Invalid");
        invalid.Tags.Add("a");
        invalid.Tags.Add("b");
        invalid.Tags.Add("c");
        invalid.Tags.Add("d");
        // The 429 (without Retry-After) comes last: it empties the rate budget for a window, which would only slow the test.
        EmailMessage[] messages = [Simple("Fine"), Simple("Refused"), null!, invalid, Simple("Broken server"), Simple("Lost"), Simple("Also fine"), Simple("Throttled")];
        var progress = new List<BulkProgress>();

        BulkResult<EmailSendResult> result = await services.Sender().SendManyAsync(messages, new BulkOptions { MaxConcurrency = 1, Progress = new SyncProgress(progress) });

        Assert.Equal(
            [BulkItemStatus.Succeeded, BulkItemStatus.Failed, BulkItemStatus.Failed, BulkItemStatus.Failed, BulkItemStatus.Unknown, BulkItemStatus.Unknown, BulkItemStatus.Succeeded, BulkItemStatus.Failed],
            result.Items.Select(i => i.Status));
        Assert.Equal(("HTTP_400", "to"), (result.Items[1].Error!.Code, result.Items[1].Error!.Field));
        Assert.Equal("NULL_ITEM", result.Items[2].Error!.Code);
        Assert.Equal(("INVALID_MESSAGE", "Tags"), (result.Items[3].Error!.Code, result.Items[3].Error!.Field));
        Assert.Equal("OUTCOME_UNKNOWN", result.Items[4].Error!.Code);
        Assert.Contains("HTTP 500", result.Items[4].Error!.Message, StringComparison.Ordinal);
        Assert.Equal("OUTCOME_UNKNOWN", result.Items[5].Error!.Code);
        Assert.True(Assert.IsAssignableFrom<MartechTransportException>(result.Items[5].Error!.Exception).MayHaveBeenProcessed);
        Assert.NotEqual(result.Items[0].Value!.MessageId, result.Items[6].Value!.MessageId);
        Assert.IsType<MartechRateLimitedException>(result.Items[7].Error!.Exception);
        Assert.Equal("HTTP_429", result.Items[7].Error!.Code);
        Assert.Equal(new BulkProgress(8, 8, 4), progress[^1]);
        Assert.Equal(new BulkProgress(8, 2, 2), progress[0]); // the two invalid messages, before any request
        Assert.Equal(6, mock.GetMatchCount(send)); // each valid message once: nothing resent
    }

    [Fact]
    public async Task SendManyAsync_CancelledBeforeTheCall_ThrowsAndSendsNothing()
    {
        using var mock = new MockHttpMessageHandler();
        MockedRequest send = mock.When(HttpMethod.Post, MailgunWire.MessagesUrl).Respond("application/json", MailgunWire.Queued());
        using var services = MailgunWire.Services(mock);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => services.Sender().SendManyAsync([Simple()], cancellationToken: new CancellationToken(true)));

        Assert.Equal(0, mock.GetMatchCount(send));
    }

    [Fact]
    public async Task SendManyAsync_CancelledPartWay_UnsentMessagesFailAsCancelled()
    {
        using var mock = new MockHttpMessageHandler();
        using var cts = new CancellationTokenSource();
        MockedRequest send = mock.When(HttpMethod.Post, MailgunWire.MessagesUrl).Respond("application/json", MailgunWire.Queued());
        using var services = MailgunWire.Services(mock);

        // The caller gives up once the first message is done.
        var options = new BulkOptions { MaxConcurrency = 1, Progress = new CancelOnReport(cts) };
        BulkResult<EmailSendResult> result = await services.Sender().SendManyAsync([Simple("1"), Simple("2"), Simple("3")], options, cts.Token);

        Assert.Equal(BulkItemStatus.Succeeded, result.Items[0].Status);
        Assert.All(result.Items.Skip(1), i => Assert.Equal((BulkItemStatus.Failed, "CANCELLED"), (i.Status, i.Error!.Code)));
        Assert.Equal(1, mock.GetMatchCount(send));
    }

    [Fact]
    public void GetService_AnswersMetadataOptionsAndItself()
    {
        using var mock = new MockHttpMessageHandler();
        using var services = MailgunWire.Services(mock, name: "MailgunEU");
        IEmailSender sender = services.Sender("MailgunEU");

        Assert.Equal(new MartechProviderMetadata("MailgunEU", "Mailgun"), sender.GetService(typeof(MartechProviderMetadata)));
        Assert.Equal(MailgunWire.Domain, Assert.IsType<MailgunOptions>(sender.GetService(typeof(MailgunOptions))).Domain);
        Assert.Same(sender, sender.GetService(typeof(IEmailSender)));
        Assert.Null(sender.GetService(typeof(IEmailSender), "key"));
        Assert.Null(sender.GetService(typeof(IContactClient)));
    }

    private static HttpResponseMessage Answer(HttpStatusCode status, string json) =>
        new(status) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };

    private sealed class SyncProgress(List<BulkProgress> into) : IProgress<BulkProgress>
    {
        public void Report(BulkProgress value)
        {
            lock (into)
            {
                into.Add(value);
            }
        }
    }

    private sealed class CancelOnReport(CancellationTokenSource cts) : IProgress<BulkProgress>
    {
        public void Report(BulkProgress value) => cts.Cancel();
    }
}
