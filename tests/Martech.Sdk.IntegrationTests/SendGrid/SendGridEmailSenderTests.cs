using System.Text.Json.Nodes;
using Martech.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk.IntegrationTests.SendGrid;

/// <summary>The SendGrid sender against the emulator over loopback: batching into personalizations, invalid items,
/// partial failures, 429 with Retry-After, and sends whose outcome is unknown.</summary>
public sealed class SendGridEmailSenderTests(SendGridEmulatorFixture fixture) : IClassFixture<SendGridEmulatorFixture>, IAsyncLifetime
{
    private ServiceProvider _services = null!;

    private SendGridEmulator Emulator => fixture.Emulator;

    private IEmailSender Sender => _services.GetRequiredService<IEmailSender>();

    public Task InitializeAsync()
    {
        _services = fixture.BuildServices();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    private static EmailMessage Welcome(int i) => new()
    {
        From = new Mailbox(EmailAddress.Parse("news@example.com"), "Example News"),
        To = { new Mailbox(EmailAddress.Parse($"reader{i}@example.com"), $"Reader {i}") },
        TemplateId = "d-welcome",
        TemplateData = new JsonObject { ["n"] = i },
        Metadata = { ["reader"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        CampaignId = "spring",
        Tags = { "welcome" },
        Purpose = SendPurpose.Transactional,
    };

    [Fact]
    public async Task SendManyAsync_ThousandWithInvalidOnes_EveryItemAccountedForInOneRequest()
    {
        var progress = new List<BulkProgress>();
        EmailMessage[] messages = Enumerable.Range(0, 1000).Select(Welcome).ToArray();
        for (int i = 7; i < messages.Length; i += 50)
        {
            messages[i].Headers["X-Bad"] = "line\r\nbreak"; // 20 invalid: header injection
        }

        messages[999] = null!;

        BulkResult<EmailSendResult> result = await Sender.SendManyAsync(messages, new BulkOptions { Progress = new SyncProgress(progress) });

        Assert.Equal(1000, result.Items.Count);
        Assert.Equal(979, result.SucceededCount);
        Assert.Equal(21, result.FailedCount);
        Assert.All(result.Items.Where(r => r.Index % 50 == 7), r => Assert.Equal("INVALID_MESSAGE", r.Error?.Code));
        Assert.Equal("NULL_ITEM", result.Items[999].Error?.Code);

        // One request: 979 personalizations of one shared template, one X-Message-Id for them all.
        Assert.Single(Emulator.RequestLog.RequestsTo("POST", "/v3/mail/send"));
        string messageId = Assert.Single(result.Items.Where(r => r.IsSuccess).Select(r => r.Value!.MessageId).Distinct())!;
        IReadOnlyList<SendGridEmulatorMessage> delivered = Emulator.Messages;
        Assert.Equal(979, delivered.Count);
        Assert.All(delivered, m => Assert.Equal(messageId, m.MessageId));
        SendGridEmulatorMessage third = Assert.Single(delivered, m => m.To.Single() == "reader3@example.com");
        Assert.Equal("3", third.CustomArgs["reader"]);
        Assert.Equal("spring", third.CustomArgs["campaign_id"]);
        Assert.Equal(3, third.TemplateData!.Value.GetProperty("n").GetInt32());
        Assert.Equal(["welcome"], third.Categories);
        Assert.Equal(1000, progress[^1].Completed);
        Assert.Equal(21, progress[^1].Failed);
    }

    [Fact]
    public async Task SendManyAsync_DifferentContentAndSharedRecipients_SplitsRequestsAsSendGridRequires()
    {
        EmailMessage[] messages =
        [
            Welcome(1),
            Welcome(2),
            Welcome(1), // the same recipient again: cannot share a request with the first
            Welcome(3),
        ];
        messages[3].TemplateId = "d-other"; // different content: a request of its own

        BulkResult<EmailSendResult> result = await Sender.SendManyAsync(messages);

        Assert.True(result.IsFullSuccess);
        Assert.Equal(3, Emulator.RequestLog.RequestsTo("POST", "/v3/mail/send").Count);
        Assert.Equal(result.Items[0].Value!.MessageId, result.Items[1].Value!.MessageId);
        Assert.NotEqual(result.Items[0].Value!.MessageId, result.Items[2].Value!.MessageId);
        Assert.NotEqual(result.Items[0].Value!.MessageId, result.Items[3].Value!.MessageId);
        Assert.Equal(4, Emulator.Messages.Count);
    }

    [Fact]
    public async Task SendManyAsync_OneRecipientRejected_FailsItsRequestWithTheErrorOnThatMessage()
    {
        Emulator.RejectRecipient("reader2@example.com", "The email address is on a blocklist.");
        EmailMessage[] messages = [Welcome(0), Welcome(1), Welcome(2), Welcome(3)];
        EmailMessage other = Welcome(4);
        other.TemplateId = "d-other";

        BulkResult<EmailSendResult> result = await Sender.SendManyAsync([.. messages, other]);

        // SendGrid rejects the whole request: nothing in it was sent; the error names personalization 2.
        BulkItemResult<EmailSendResult> rejected = result.Items[2];
        Assert.Equal(BulkItemStatus.Failed, rejected.Status);
        Assert.Equal("HTTP_400", rejected.Error!.Code);
        Assert.Equal("to.0.email", rejected.Error.Field);
        Assert.Contains("blocklist", rejected.Error.Message, StringComparison.Ordinal);
        foreach (int i in (int[])[0, 1, 3])
        {
            Assert.Equal(BulkItemStatus.Failed, result.Items[i].Status);
            Assert.Equal("BATCH_REJECTED", result.Items[i].Error!.Code);
        }

        // The other request went through.
        Assert.Equal(BulkItemStatus.Succeeded, result.Items[4].Status);
        Assert.Equal("reader4@example.com", Assert.Single(Emulator.Messages).To.Single());
    }

    [Fact]
    public async Task SendManyAsync_TooManyRequestsWithRetryAfter_WaitsThenSendsOnce()
    {
        Emulator.Faults.Next(1, "POST", "/v3/mail/send", EmulatorFault.TooManyRequests(TimeSpan.FromSeconds(1)));

        BulkResult<EmailSendResult> result = await Sender.SendManyAsync([Welcome(1), Welcome(2)]);

        Assert.True(result.IsFullSuccess);
        IReadOnlyList<RecordedRequest> requests = Emulator.RequestLog.RequestsTo("POST", "/v3/mail/send");
        Assert.Equal(2, requests.Count);
        Assert.Equal(429, requests[0].StatusCode);
        Assert.Equal(202, requests[1].StatusCode);
        Assert.True(requests[1].ArrivedAt - requests[0].ArrivedAt >= TimeSpan.FromMilliseconds(900), "The retry did not wait for Retry-After.");
        Assert.Equal(2, Emulator.Messages.Count);
    }

    [Fact]
    public async Task SendManyAsync_ResponseLostAfterProcessing_ReportsUnknownAndDoesNotResend()
    {
        Emulator.Faults.Next(1, "POST", "/v3/mail/send", EmulatorFault.ResetAfterProcessing());

        BulkResult<EmailSendResult> result = await Sender.SendManyAsync([Welcome(1), Welcome(2)]);

        Assert.Equal(2, result.UnknownCount);
        Assert.All(result.Items, r => Assert.Equal("UNKNOWN_OUTCOME", r.Error!.Code));
        Assert.Single(Emulator.RequestLog.RequestsTo("POST", "/v3/mail/send"));
        Assert.Equal(2, Emulator.Messages.Count); // SendGrid did accept them: a resend would have duplicated both
    }

    [Fact]
    public async Task SendManyAsync_ServerError_ReportsUnknownAndDoesNotResend()
    {
        Emulator.Faults.Next(1, "POST", "/v3/mail/send", EmulatorFault.ServerError(500));

        BulkResult<EmailSendResult> result = await Sender.SendManyAsync([Welcome(1)]);

        Assert.Equal(BulkItemStatus.Unknown, result.Items[0].Status);
        Assert.Contains("internal server error", result.Items[0].Error!.Message, StringComparison.Ordinal);
        Assert.Single(Emulator.RequestLog.RequestsTo("POST", "/v3/mail/send"));
    }

    [Fact]
    public async Task SendAsync_ResponseLostAfterProcessing_ThrowsMayHaveBeenProcessedAndDoesNotResend()
    {
        Emulator.Faults.Next(1, "POST", "/v3/mail/send", EmulatorFault.ResetAfterProcessing());

        var ex = await Assert.ThrowsAsync<MartechTransportException>(() => Sender.SendAsync(Welcome(1)));

        Assert.True(ex.MayHaveBeenProcessed);
        Assert.Equal("mail.send", ex.Operation);
        Assert.Single(Emulator.RequestLog.RequestsTo("POST", "/v3/mail/send"));
        Assert.Single(Emulator.Messages);
    }

    [Fact]
    public async Task SendAsync_WrongApiKey_ThrowsAuthenticationException()
    {
        await using ServiceProvider services = fixture.BuildServices(o => o.ApiKey = "SG.wrong-key-0123456789");

        var ex = await Assert.ThrowsAsync<MartechAuthenticationException>(() => services.GetRequiredService<IEmailSender>().SendAsync(Welcome(1)));

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, ex.StatusCode);
        Assert.DoesNotContain("wrong-key", ex.Message, StringComparison.Ordinal);
        Assert.Empty(Emulator.Messages);
    }

    [Fact]
    public async Task SendAsync_SubuserSandboxAndUnsubscribeGroup_SentAsConfigured()
    {
        await using ServiceProvider services = fixture.BuildServices(o =>
        {
            o.OnBehalfOf = "brand-eu";
            o.DefaultUnsubscribeGroupId = 42;
        });
        EmailMessage marketing = Welcome(1);
        marketing.Purpose = SendPurpose.Marketing;

        EmailSendResult result = await services.GetRequiredService<IEmailSender>().SendAsync(marketing);

        SendGridEmulatorMessage delivered = Assert.Single(Emulator.Messages);
        Assert.Equal(result.MessageId, delivered.MessageId);
        Assert.Equal("brand-eu", delivered.OnBehalfOf);
        Assert.Equal(42, delivered.UnsubscribeGroupId);

        await using ServiceProvider sandboxed = fixture.BuildServices(o => o.SandboxMode = true);
        EmailSendResult validated = await sandboxed.GetRequiredService<IEmailSender>().SendAsync(Welcome(2));
        Assert.Equal(SendStatus.Accepted, validated.Status);
        Assert.Null(validated.MessageId);
        Assert.Empty(Emulator.Messages);
    }

    /// <summary>Records progress synchronously, in order.</summary>
    private sealed class SyncProgress(List<BulkProgress> reports) : IProgress<BulkProgress>
    {
        public void Report(BulkProgress value)
        {
            lock (reports)
            {
                reports.Add(value);
            }
        }
    }
}
