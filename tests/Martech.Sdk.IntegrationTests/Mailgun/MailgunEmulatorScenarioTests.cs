using System.Text.Json.Nodes;
using Martech.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk.IntegrationTests.Mailgun;

/// <summary>
/// The Mailgun provider against the emulator over real sockets: bulk sends and suppression adds where every item is
/// accounted for, 429 with Retry-After, partial failures, lost responses that must not be resent, and listings across
/// pages and lists.
/// </summary>
public sealed class MailgunEmulatorScenarioTests : IClassFixture<MailgunEmulatorFixture>, IAsyncLifetime
{
    private const string MessagesPath = "/v3/" + MailgunEmulatorFixture.Domain + "/messages";
    private readonly MailgunEmulatorFixture _fixture;
    private ServiceProvider _services = null!;

    public MailgunEmulatorScenarioTests(MailgunEmulatorFixture fixture) => _fixture = fixture;

    private MailgunEmulator Emulator => _fixture.Emulator;

    private IEmailSender Sender => _services.GetRequiredKeyedService<IEmailSender>("Mailgun");

    private IEmailSuppressionList Suppressions => _services.GetRequiredKeyedService<IEmailSuppressionList>("Mailgun");

    public Task InitializeAsync()
    {
        Emulator.Reset();
        _services = _fixture.CreateServices();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    private static EmailMessage Message(string subject, string to = "ada@example.com") => new()
    {
        From = new Mailbox(EmailAddress.Parse("news@mg.example.com"), "Example News"),
        To = { new Mailbox(EmailAddress.Parse(to)) },
        Subject = subject,
        TextBody = "Hello.",
        Purpose = SendPurpose.Transactional,
    };

    [Fact]
    public async Task SendManyAsync_ThousandMessagesSomeInvalid_EveryItemAccountedForAndValidOnesDeliveredOnce()
    {
        var messages = new EmailMessage[1000];
        for (int i = 0; i < messages.Length; i++)
        {
            messages[i] = Message($"Bulk {i}", $"reader{i}@example.com");
            if (i % 100 == 7)
            {
                messages[i].Subject = "Broken\r\nBcc: victim@example.com"; // invalid: header injection
            }
        }

        var progress = new ProgressLog();
        BulkResult<EmailSendResult> result = await Sender.SendManyAsync(messages, new BulkOptions { MaxConcurrency = 8, Progress = progress });

        Assert.Equal(1000, result.Items.Count);
        Assert.Equal(990, result.SucceededCount);
        Assert.Equal(10, result.FailedCount);
        for (int i = 0; i < messages.Length; i++)
        {
            BulkItemResult<EmailSendResult> item = result.Items[i];
            Assert.Equal(i, item.Index);
            if (i % 100 == 7)
            {
                Assert.Equal(BulkItemStatus.Failed, item.Status);
                Assert.Equal("INVALID_MESSAGE", item.Error!.Code);
            }
            else
            {
                Assert.Equal(BulkItemStatus.Succeeded, item.Status);
            }
        }

        IReadOnlyList<MailgunReceivedMessage> received = Emulator.Messages;
        Assert.Equal(990, received.Count);
        Assert.Equal(990, received.Select(m => m.Subject).Distinct().Count());
        var bySubject = received.ToDictionary(m => m.Subject!);
        for (int i = 0; i < messages.Length; i++)
        {
            if (result.Items[i].Value is { } sent)
            {
                Assert.Equal(sent.MessageId, bySubject[$"Bulk {i}"].MessageId);
                Assert.Equal($"reader{i}@example.com", Assert.Single(bySubject[$"Bulk {i}"].RecipientAddresses));
            }
        }

        Assert.Equal(new BulkProgress(1000, 1000, 10), progress.Reports[^1]);
        Assert.Equal(990, Emulator.RequestLog.RequestsTo("POST", MessagesPath).Count);
    }

    [Fact]
    public async Task SendAsync_429WithRetryAfter_WaitsAndSendsOnce()
    {
        Emulator.Faults.Next(1, "POST", MessagesPath, EmulatorFault.TooManyRequests(TimeSpan.FromSeconds(1)));

        EmailSendResult result = await Sender.SendAsync(Message("After the wait"));

        Assert.Equal(SendStatus.Accepted, result.Status);
        var requests = Emulator.RequestLog.RequestsTo("POST", MessagesPath);
        Assert.Equal(2, requests.Count);
        Assert.Equal(429, requests[0].StatusCode);
        Assert.Equal(200, requests[1].StatusCode);
        Assert.True(requests[1].ArrivedAt - requests[0].ArrivedAt >= TimeSpan.FromMilliseconds(900), "the retry did not wait for Retry-After");
        Assert.Equal(result.MessageId, Assert.Single(Emulator.Messages).MessageId);
    }

    [Fact]
    public async Task SendAsync_RetryAfterLongerThanAllowed_ThrowsRateLimitedWithoutSending()
    {
        await using ServiceProvider services = _fixture.CreateServices(o => o.Resilience.MaxRetryAfter = TimeSpan.FromMilliseconds(100));
        Emulator.Faults.Next(1, "POST", MessagesPath, EmulatorFault.TooManyRequests(TimeSpan.FromSeconds(30)));

        var ex = await Assert.ThrowsAsync<MartechRateLimitedException>(() => services.GetRequiredKeyedService<IEmailSender>("Mailgun").SendAsync(Message("Later")));

        Assert.Equal(TimeSpan.FromSeconds(30), ex.RetryAfter);
        Assert.Contains("Too many requests", ex.Message, StringComparison.Ordinal);
        Assert.Empty(Emulator.Messages);
    }

    [Fact]
    public async Task SendManyAsync_VendorRefusesOneMessage_OnlyThatOneFails()
    {
        Emulator.SandboxAuthorizedRecipients = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "ada@example.com", "grace@example.com" };
        EmailMessage[] messages = [Message("One", "ada@example.com"), Message("Two", "eve@example.com"), Message("Three", "grace@example.com")];

        BulkResult<EmailSendResult> result = await Sender.SendManyAsync(messages);

        Assert.Equal(BulkItemStatus.Succeeded, result.Items[0].Status);
        Assert.Equal(BulkItemStatus.Failed, result.Items[1].Status);
        Assert.Equal("HTTP_400", result.Items[1].Error!.Code);
        Assert.Contains("Sandbox subdomains", result.Items[1].Error!.Message, StringComparison.Ordinal);
        Assert.Equal(BulkItemStatus.Succeeded, result.Items[2].Status);
        Assert.Equal(["One", "Three"], Emulator.Messages.Select(m => m.Subject).Order());
    }

    [Fact]
    public async Task SendManyAsync_ResponseLostAfterProcessing_ReportedUnknownAndNotResent()
    {
        EmailMessage[] messages = [Message("First"), Message("Lost"), Message("Third")];
        Emulator.Faults.When(r => r.Method == "POST" && r.BodyText.Contains("Lost", StringComparison.Ordinal), EmulatorFault.ResetAfterProcessing(), count: 1);

        BulkResult<EmailSendResult> result = await Sender.SendManyAsync(messages, new BulkOptions { MaxConcurrency = 1 });

        Assert.Equal(BulkItemStatus.Succeeded, result.Items[0].Status);
        Assert.Equal(BulkItemStatus.Unknown, result.Items[1].Status);
        Assert.Equal("OUTCOME_UNKNOWN", result.Items[1].Error!.Code);
        Assert.IsAssignableFrom<MartechTransportException>(result.Items[1].Error!.Exception);
        Assert.Equal(BulkItemStatus.Succeeded, result.Items[2].Status);
        Assert.Equal(1, result.UnknownCount);

        // Mailgun did queue it: sending it again would have been a duplicate.
        Assert.Single(Emulator.Messages, m => m.Subject == "Lost");
        Assert.Equal(3, Emulator.RequestLog.RequestsTo("POST", MessagesPath).Count);
    }

    [Fact]
    public async Task SendAsync_ServerError_SurfacesWithoutResending()
    {
        Emulator.Faults.Next(1, "POST", MessagesPath, EmulatorFault.ServerError(503));

        var ex = await Assert.ThrowsAsync<MartechRequestException>(() => Sender.SendAsync(Message("Once")));

        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, ex.StatusCode);
        Assert.Contains("Internal Server Error", ex.Message, StringComparison.Ordinal);
        Assert.Single(Emulator.RequestLog.RequestsTo("POST", MessagesPath));
    }

    [Fact]
    public async Task SendAsync_WrongApiKey_ThrowsAuthenticationWithPlainTextBody()
    {
        await using ServiceProvider services = _fixture.CreateServices(o => o.ApiKey = "key-wrong");

        var ex = await Assert.ThrowsAsync<MartechAuthenticationException>(() => services.GetRequiredKeyedService<IEmailSender>("Mailgun").SendAsync(Message("Nope")));

        Assert.Contains("Forbidden", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("key-wrong", ex.Message, StringComparison.Ordinal);
        Assert.Empty(Emulator.Messages);
    }

    [Fact]
    public async Task SendAsync_EveryFeature_ReachesMailgunAsFormFields()
    {
        var sendAt = new DateTimeOffset(DateTime.UtcNow.AddHours(5).Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero);
        var message = new EmailMessage
        {
            From = new Mailbox(EmailAddress.Parse("news@mg.example.com"), "Example News"),
            ReplyTo = new Mailbox(EmailAddress.Parse("support@example.com"), "Support, Team"),
            To = { new Mailbox(EmailAddress.Parse("ada@example.com"), "Lovelace, Ada") },
            Cc = { new Mailbox(EmailAddress.Parse("grace@example.com")) },
            Bcc = { new Mailbox(EmailAddress.Parse("audit@example.com")) },
            TemplateId = "welcome",
            TemplateData = new JsonObject { ["firstName"] = "Ada" },
            Headers = { ["X-Campaign"] = "spring" },
            Tags = { "welcome", "onboarding" },
            Metadata = { ["user_id"] = "42" },
            CampaignId = "cmp-7",
            SendAt = sendAt,
            Attachments =
            {
                new EmailAttachment("invoice.pdf", "application/pdf", "%PDF-1.4"u8.ToArray()),
                new EmailAttachment("logo.png", "image/png", new byte[] { 0x89, 0x50, 0x4E, 0x47 }) { ContentId = "logo" },
            },
        };

        await using ServiceProvider services = _fixture.CreateServices(o => o.TestMode = true);
        EmailSendResult result = await services.GetRequiredKeyedService<IEmailSender>("Mailgun").SendAsync(message);

        MailgunReceivedMessage received = Assert.Single(Emulator.Messages);
        Assert.Equal(result.MessageId, received.MessageId);
        Assert.Equal("\"Lovelace, Ada\" <ada@example.com>", Assert.Single(received.To));
        Assert.Equal(["ada@example.com", "grace@example.com", "audit@example.com"], received.RecipientAddresses);
        Assert.Equal("welcome", received.Template);
        Assert.Equal("{\"firstName\":\"Ada\"}", received.TemplateVariables);
        Assert.Equal("\"Support, Team\" <support@example.com>", received.Headers["Reply-To"]);
        Assert.Equal("spring", received.Headers["X-Campaign"]);
        Assert.Equal(["welcome", "onboarding"], received.Tags);
        Assert.Equal("42", received.Variables["user_id"]);
        Assert.Equal("cmp-7", received.Variables["campaign_id"]);
        Assert.Equal(sendAt, received.DeliveryTime);
        Assert.True(received.TestMode);
        MailgunReceivedFile attachment = Assert.Single(received.Attachments);
        Assert.Equal(("invoice.pdf", "application/pdf"), (attachment.FileName, attachment.ContentType));
        Assert.Equal("%PDF-1.4"u8.ToArray(), attachment.Content.ToArray());
        MailgunReceivedFile inline = Assert.Single(received.Inline);
        Assert.Equal(("logo", "image/png"), (inline.FileName, inline.ContentType));
    }

    [Fact]
    public async Task AddAsync_ThousandsWithInvalidItems_EveryItemAccountedForInFewRequests()
    {
        var items = new List<EmailSuppression>();
        for (int i = 0; i < 1500; i++)
        {
            items.Add(new EmailSuppression { Email = EmailAddress.Parse($"bounce{i:D4}@example.com"), Kind = SuppressionKind.Bounce, Reason = "No such mailbox" });
        }

        for (int i = 0; i < 300; i++)
        {
            items.Add(new EmailSuppression { Email = EmailAddress.Parse($"left{i:D3}@example.com"), Kind = i % 2 == 0 ? SuppressionKind.Unsubscribe : SuppressionKind.GroupUnsubscribe, GroupId = i % 2 == 0 ? null : "newsletter" });
        }

        items.Add(null!);
        items.Add(new EmailSuppression { Email = EmailAddress.Parse("blocked@example.com"), Kind = SuppressionKind.Block });
        items.Add(new EmailSuppression { Email = EmailAddress.Parse("nogroup@example.com"), Kind = SuppressionKind.GroupUnsubscribe });
        items.Add(new EmailSuppression { Email = EmailAddress.Parse("spam@example.com"), Kind = SuppressionKind.SpamReport });

        var progress = new ProgressLog();
        BulkResult<EmailSuppression> result = await Suppressions.AddAsync(items, new BulkOptions { Progress = progress });

        Assert.Equal(items.Count, result.Items.Count);
        Assert.Equal(1801, result.SucceededCount);
        Assert.Equal(3, result.FailedCount);
        Assert.Equal("NULL_ITEM", result.Items[1800].Error!.Code);
        Assert.Equal("UNSUPPORTED_KIND", result.Items[1801].Error!.Code);
        Assert.Equal("GroupId", result.Items[1802].Error!.Field);
        Assert.Equal(1500, Emulator.GetSuppressions("bounces").Count);
        Assert.Equal(300, Emulator.GetSuppressions("unsubscribes").Count);
        Assert.Single(Emulator.GetSuppressions("complaints"));
        Assert.Equal(2, Emulator.RequestLog.RequestsTo("POST", "/v3/" + MailgunEmulatorFixture.Domain + "/bounces").Count); // 1000 + 500
        Assert.Single(Emulator.RequestLog.RequestsTo("POST", "/v3/" + MailgunEmulatorFixture.Domain + "/unsubscribes"));
        Assert.Equal(new BulkProgress(items.Count, items.Count, 3), progress.Reports[^1]);
    }

    [Fact]
    public async Task AddAsync_OneBatchKeepsFailing_OnlyItsItemsFailWithTheReason()
    {
        var items = Enumerable.Range(0, 6)
            .Select(i => new EmailSuppression { Email = EmailAddress.Parse(i == 3 ? "batch-fail@example.com" : $"ok{i}@example.com"), Kind = SuppressionKind.Bounce })
            .ToList();
        Emulator.Faults.When(r => r.Method == "POST" && r.BodyText.Contains("batch-fail", StringComparison.Ordinal), EmulatorFault.ServerError(503));

        BulkResult<EmailSuppression> result = await Suppressions.AddAsync(items, new BulkOptions { BatchSize = 2, MaxConcurrency = 1 });

        Assert.Equal([BulkItemStatus.Succeeded, BulkItemStatus.Succeeded, BulkItemStatus.Failed, BulkItemStatus.Failed, BulkItemStatus.Succeeded, BulkItemStatus.Succeeded], result.Items.Select(i => i.Status));
        Assert.Equal("HTTP_503", result.Items[2].Error!.Code);
        Assert.Same(result.Items[2].Error, result.Items[3].Error);
        Assert.Equal(["ok0@example.com", "ok1@example.com", "ok4@example.com", "ok5@example.com"], Emulator.GetSuppressions("bounces").Select(e => e.Address));
    }

    [Fact]
    public async Task ListAsync_AllKinds_PagesThroughEveryListAndResumesFromAToken()
    {
        for (int i = 0; i < 5; i++)
        {
            Emulator.AddBounce($"b{i}@example.com", error: "No such mailbox");
        }

        Emulator.AddUnsubscribe("u0@example.com");
        Emulator.AddUnsubscribe("u1@example.com", "newsletter");
        Emulator.AddUnsubscribe("u1@example.com");
        Emulator.AddComplaint("c0@example.com");
        Emulator.AddComplaint("c1@example.com");

        var pages = new List<Page<EmailSuppression>>();
        await foreach (Page<EmailSuppression> page in Suppressions.ListAsync(new SuppressionListOptions { PageSize = 2 }).AsPages())
        {
            pages.Add(page);
        }

        List<EmailSuppression> all = [.. pages.SelectMany(p => p.Items)];
        Assert.Equal(10, all.Count);
        Assert.Equal(5, all.Count(s => s.Kind == SuppressionKind.Bounce && s.Reason == "No such mailbox"));
        Assert.Equal(2, all.Count(s => s.Kind == SuppressionKind.Unsubscribe));
        Assert.Single(all, s => s.Kind == SuppressionKind.GroupUnsubscribe && s.GroupId == "newsletter" && s.Email == EmailAddress.Parse("u1@example.com"));
        Assert.Equal(2, all.Count(s => s.Kind == SuppressionKind.SpamReport));
        Assert.All(all, s => Assert.NotNull(s.CreatedAt));
        Assert.Null(pages[^1].ContinuationToken);
        Assert.All(pages.Take(pages.Count - 1), p => Assert.NotNull(p.ContinuationToken));

        // Resume after the second page: the rest, and nothing twice.
        string token = pages[1].ContinuationToken!;
        List<EmailSuppression> rest = [];
        await foreach (EmailSuppression s in Suppressions.ListAsync(new SuppressionListOptions { PageSize = 2, ContinuationToken = token }))
        {
            rest.Add(s);
        }

        Assert.Equal(all.Skip(pages[0].Items.Count + pages[1].Items.Count).Select(s => (s.Email, s.Kind)), rest.Select(s => (s.Email, s.Kind)));
    }

    [Fact]
    public async Task FindAsync_AddressOnSeveralLists_ReturnsEachSuppression()
    {
        Emulator.AddBounce("multi@example.com", "550", "No such mailbox");
        Emulator.AddUnsubscribe("multi@example.com", "newsletter");
        Emulator.AddComplaint("multi@example.com");

        IReadOnlyList<EmailSuppression> found = await Suppressions.FindAsync(EmailAddress.Parse("Multi@Example.com"));

        Assert.Equal(3, found.Count);
        Assert.Contains(found, s => s.Kind == SuppressionKind.Bounce && s.Reason == "No such mailbox");
        Assert.Contains(found, s => s.Kind == SuppressionKind.GroupUnsubscribe && s.GroupId == "newsletter");
        Assert.Contains(found, s => s.Kind == SuppressionKind.SpamReport);
    }

    [Fact]
    public async Task RemoveAsync_GroupUnsubscribe_KeepsTheAddressesOtherTags()
    {
        Emulator.AddUnsubscribe("both@example.com", "newsletter");
        Emulator.AddUnsubscribe("both@example.com");

        BulkResult<EmailSuppression> result = await Suppressions.RemoveAsync([new EmailSuppression { Email = EmailAddress.Parse("both@example.com"), Kind = SuppressionKind.GroupUnsubscribe, GroupId = "newsletter" }]);

        Assert.True(result.IsFullSuccess);
        Assert.Equal(["*"], Assert.Single(Emulator.GetSuppressions("unsubscribes")).Tags);
    }

    private sealed class ProgressLog : IProgress<BulkProgress>
    {
        private readonly List<BulkProgress> _reports = [];

        public IReadOnlyList<BulkProgress> Reports
        {
            get
            {
                lock (_reports)
                {
                    return [.. _reports];
                }
            }
        }

        public void Report(BulkProgress value)
        {
            lock (_reports)
            {
                _reports.Add(value);
            }
        }
    }
}
