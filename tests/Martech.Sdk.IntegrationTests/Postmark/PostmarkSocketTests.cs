using System.Net;
using Martech.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk.IntegrationTests.Postmark;

/// <summary>
/// The Postmark provider against the emulator over real sockets: bulk sends with invalid items and partial batch
/// failures, 429 with Retry-After, and responses lost after Postmark processed a send (never sent twice).
/// </summary>
public sealed class PostmarkSocketTests(PostmarkEmulatorFixture fixture) : IClassFixture<PostmarkEmulatorFixture>, IAsyncLifetime
{
    private ServiceProvider _services = null!;
    private IEmailSender _sender = null!;

    private PostmarkEmulator Emulator => fixture.Emulator;

    public Task InitializeAsync()
    {
        _services = fixture.CreateServices();
        _sender = _services.GetRequiredKeyedService<IEmailSender>("Postmark");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    private static EmailMessage Message(int i, SendPurpose purpose = SendPurpose.Transactional) => new()
    {
        From = new Mailbox(EmailAddress.Parse("news@example.com"), "Example News"),
        To = { new Mailbox(EmailAddress.Parse($"reader{i}@example.com")) },
        Subject = $"Issue {i}",
        TextBody = $"Hello reader {i}.",
        Purpose = purpose,
    };

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

    [Fact]
    public async Task SendManyAsync_ThousandMessagesWithInvalidOnes_AccountsForEveryItem()
    {
        var messages = new EmailMessage[1000];
        var invalid = new HashSet<int>();
        for (int i = 0; i < messages.Length; i++)
        {
            messages[i] = Message(i, i % 2 == 0 ? SendPurpose.Transactional : SendPurpose.Marketing);
            if (i % 97 == 13)
            {
                messages[i].Subject = "Broken\r\nBcc: victim@example.com";
                invalid.Add(i);
            }
        }

        messages[500] = null!;
        invalid.Add(500);
        var progress = new ProgressLog();

        var result = await _sender.SendManyAsync(messages, new BulkOptions { MaxConcurrency = 2, Progress = progress });

        Assert.Equal(messages.Length, result.Items.Count);
        for (int i = 0; i < messages.Length; i++)
        {
            Assert.Equal(i, result.Items[i].Index);
            Assert.Equal(invalid.Contains(i) ? BulkItemStatus.Failed : BulkItemStatus.Succeeded, result.Items[i].Status);
        }

        Assert.Equal(messages.Length - invalid.Count, Emulator.SentEmails.Count);
        Assert.Equal(messages.Length - invalid.Count, Emulator.SentEmails.Select(e => e.MessageId).Distinct().Count());
        Assert.Equal(2, Emulator.RequestLog.RequestsTo("POST", "/email/batch").Count); // 1000 minus invalid ones fit two batches of 500
        Assert.Equal(messages.Length, progress.Reports[^1].Completed);
        Assert.Equal(invalid.Count, progress.Reports[^1].Failed);

        // Each accepted message went to its own recipient, on the stream its purpose calls for.
        var byId = Emulator.SentEmails.ToDictionary(e => e.MessageId);
        for (int i = 0; i < messages.Length; i++)
        {
            if (result.Items[i].Value is { } sent)
            {
                PostmarkEmulatedEmail email = byId[sent.MessageId!];
                Assert.Equal(EmailAddress.Parse($"reader{i}@example.com"), Assert.Single(email.Recipients));
                Assert.Equal(i % 2 == 0 ? "outbound" : "broadcast", email.MessageStream);
            }
        }
    }

    [Fact]
    public async Task SendManyAsync_PartialBatchFailure_MapsEachErrorCodeToItsMessage()
    {
        Emulator.AddSuppression("outbound", "reader1@example.com", "HardBounce", "Recipient");
        Emulator.AddSuppression("outbound", "reader3@example.com", "ManualSuppression", "Customer");
        EmailMessage[] messages = [Message(0), Message(1), Message(2), Message(3), Message(4)];

        var result = await _sender.SendManyAsync(messages);

        Assert.Single(Emulator.RequestLog.RequestsTo("POST", "/email/batch"));
        Assert.Equal([BulkItemStatus.Succeeded, BulkItemStatus.Failed, BulkItemStatus.Succeeded, BulkItemStatus.Failed, BulkItemStatus.Succeeded], result.Items.Select(i => i.Status));
        Assert.All([result.Items[1], result.Items[3]], item =>
        {
            Assert.Equal("406", item.Error!.Code);
            Assert.Contains("inactive recipient", item.Error.Message, StringComparison.Ordinal);
        });
        Assert.Contains("reader1@example.com", result.Items[1].Error!.Message, StringComparison.Ordinal);
        Assert.Equal(3, Emulator.SentEmails.Count);
    }

    [Fact]
    public async Task SendManyAsync_TemplatesAndContent_GoToTheirOwnBatchEndpoints()
    {
        Emulator.AddTemplate(12345, "welcome");
        EmailMessage templated = Message(1);
        templated.Subject = null;
        templated.TextBody = null;
        templated.TemplateId = "12345";
        templated.TemplateData = new System.Text.Json.Nodes.JsonObject { ["name"] = "Ada" };
        EmailMessage aliased = Message(2);
        aliased.Subject = null;
        aliased.TextBody = null;
        aliased.TemplateId = "welcome";

        var result = await _sender.SendManyAsync([Message(0), templated, aliased, Message(3)]);

        Assert.True(result.IsFullSuccess, string.Join("; ", result.Unsuccessful.Select(u => u.Error?.Message)));
        Assert.Single(Emulator.RequestLog.RequestsTo("POST", "/email/batch"));
        Assert.Single(Emulator.RequestLog.RequestsTo("POST", "/email/batchWithTemplates"));
        Assert.Equal("12345", Emulator.SentEmails.Single(e => e.MessageId == result.Items[1].Value!.MessageId).TemplateId);
        Assert.Equal("welcome", Emulator.SentEmails.Single(e => e.MessageId == result.Items[2].Value!.MessageId).TemplateId);
    }

    [Fact]
    public async Task SendAsync_TooManyRequestsWithRetryAfter_WaitsAndSendsOnce()
    {
        Emulator.Faults.Next(1, "POST", "/email", EmulatorFault.TooManyRequests(TimeSpan.FromSeconds(1)));

        EmailSendResult result = await _sender.SendAsync(Message(0));

        Assert.Equal(SendStatus.Accepted, result.Status);
        var posts = Emulator.RequestLog.RequestsTo("POST", "/email");
        Assert.Equal(2, posts.Count);
        Assert.Equal(429, posts[0].StatusCode);
        Assert.Equal(200, posts[1].StatusCode);
        Assert.Equal(result.MessageId, Assert.Single(Emulator.SentEmails).MessageId);
    }

    [Fact]
    public async Task SendAsync_ResponseLostAfterProcessing_SurfacesUnknownOutcomeAndIsNotResent()
    {
        Emulator.Faults.Next(1, "POST", "/email", EmulatorFault.ResetAfterProcessing());

        var ex = await Assert.ThrowsAnyAsync<MartechTransportException>(() => _sender.SendAsync(Message(0)));

        Assert.True(ex.MayHaveBeenProcessed);
        Assert.Single(Emulator.RequestLog.RequestsTo("POST", "/email"));
        Assert.Single(Emulator.SentEmails); // Postmark did send it: resending would have mailed the reader twice
    }

    [Fact]
    public async Task SendManyAsync_BatchResponseLost_ReportsUnknownAndDoesNotResend()
    {
        Emulator.Faults.Next(1, "POST", "/email/batch", EmulatorFault.ResetAfterProcessing());
        EmailMessage[] messages = [Message(0), Message(1), Message(2), Message(3)];

        var result = await _sender.SendManyAsync(messages, new BulkOptions { BatchSize = 2, MaxConcurrency = 1 });

        Assert.Equal([BulkItemStatus.Unknown, BulkItemStatus.Unknown, BulkItemStatus.Succeeded, BulkItemStatus.Succeeded], result.Items.Select(i => i.Status));
        Assert.Contains("not sent again", result.Items[0].Error!.Message, StringComparison.Ordinal);
        Assert.Equal(2, Emulator.RequestLog.RequestsTo("POST", "/email/batch").Count);
        Assert.Equal(4, Emulator.SentEmails.Count); // the lost batch did go out, once
    }

    [Fact]
    public async Task SendManyAsync_ServerErrorOnBatch_ReportsUnknownNotFailed()
    {
        Emulator.Faults.Next(1, "POST", "/email/batch", EmulatorFault.ServerError(500));

        var result = await _sender.SendManyAsync([Message(0), Message(1)]);

        Assert.All(result.Items, item => Assert.Equal(BulkItemStatus.Unknown, item.Status));
        Assert.Single(Emulator.RequestLog.RequestsTo("POST", "/email/batch"));
    }

    [Fact]
    public async Task SendAsync_WrongServerToken_ThrowsAuthenticationErrorWithCode10()
    {
        Emulator.ServerToken = "another-token";

        var ex = await Assert.ThrowsAsync<MartechAuthenticationException>(() => _sender.SendAsync(Message(0)));

        Assert.Equal(HttpStatusCode.Unauthorized, ex.StatusCode);
        Assert.Equal("10", ex.ErrorCode);
        Assert.DoesNotContain(PostmarkEmulator.DefaultServerToken, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_AllRecipientsSuppressed_ThrowsWithCode406()
    {
        Emulator.AddSuppression("broadcast", "reader0@example.com", "ManualSuppression", "Recipient");

        var ex = await Assert.ThrowsAsync<MartechRequestException>(() => _sender.SendAsync(Message(0, SendPurpose.Marketing)));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, ex.StatusCode);
        Assert.Equal("406", ex.ErrorCode);
        Assert.Equal("reader0@example.com is inactive on this message stream.", Assert.Single(ex.FieldErrors).Message);
        Assert.Empty(Emulator.SentEmails);
    }

    [Fact]
    public async Task SendAsync_SomeRecipientsSuppressed_DeliversToTheOthersAndReportsTheRestWithheld()
    {
        Emulator.AddSuppression("outbound", "gone@example.com", "HardBounce", "Recipient");
        EmailMessage message = Message(0);
        message.Cc.Add(new Mailbox(EmailAddress.Parse("gone@example.com")));

        EmailSendResult result = await _sender.SendAsync(message);

        Assert.Equal(SendStatus.Accepted, result.Status);
        Assert.Equal([EmailAddress.Parse("reader0@example.com")], result.AcceptedRecipients);
        Assert.Equal("gone@example.com", Assert.Single(result.WithheldRecipients).Recipient);
        Assert.Equal([EmailAddress.Parse("reader0@example.com")], Assert.Single(Emulator.SentEmails).Recipients);
    }

    [Fact]
    public async Task SuppressionList_SuppressedAddress_IsWithheldByConsentAndNotSent()
    {
        // UseConsent checks the instance's own suppression list before marketing sends.
        await _services.DisposeAsync();
        Emulator.Reset();
        var services = new ServiceCollection();
        MartechBuilder martech = services.AddMartech();
        martech.AddInMemory();
        martech.AddPostmark(configure: o =>
        {
            o.ServerToken = Emulator.ServerToken;
            o.BaseAddress = Emulator.BaseAddress;
        }).UseConsent(o => o.ContactsProvider = "InMemory");
        _services = services.BuildServiceProvider();
        var contacts = _services.GetRequiredKeyedService<IContactClient>("InMemory");
        await contacts.UpsertAsync(new Contact
        {
            Email = EmailAddress.Parse("reader0@example.com"),
            EmailConsent = Consent.Granted("signup"),
        });
        Emulator.AddSuppression("broadcast", "reader0@example.com", "HardBounce", "Recipient");
        var sender = _services.GetRequiredKeyedService<IEmailSender>("Postmark");

        EmailSendResult result = await sender.SendAsync(Message(0, SendPurpose.Marketing));

        Assert.Equal(SendStatus.Withheld, result.Status);
        Assert.Equal("suppressed", Assert.Single(result.WithheldRecipients).Code);
        Assert.Empty(Emulator.RequestLog.RequestsTo("POST", "/email"));
    }
}
