using System.Text.Json.Nodes;
using Martech.Sdk.Testing;

namespace Martech.Sdk.Tests.InMemory;

public class InMemoryEmailSenderTests
{
    private readonly InMemoryHarness _h = new();

    [Fact]
    public async Task SendAsync_ValidMessage_AcceptedForEveryRecipientAndRecorded()
    {
        EmailMessage message = InMemoryHarness.EmailTo("cmp_1", "ada@example.com", "grace@example.com");
        message.Cc.Add(InMemoryHarness.Address("ADA@example.com"));
        message.Bcc.Add(InMemoryHarness.Address("audit@example.com"));

        EmailSendResult result = await _h.Email.SendAsync(message);

        Assert.Equal(SendStatus.Accepted, result.Status);
        Assert.Equal("em_1", result.MessageId);
        Assert.Equal(["ada@example.com", "grace@example.com", "audit@example.com"], result.AcceptedRecipients.Select(r => r.Value));
        Assert.Empty(result.WithheldRecipients);
        SentEmail sent = Assert.Single(_h.Store.SentEmails);
        Assert.Equal("em_1", sent.MessageId);
        Assert.Equal(ManualTimeProvider.DefaultStart, sent.SentAt);
        Assert.Equal("Spring launch", sent.Message.Subject);
        Assert.Equal("cmp_1", sent.Message.CampaignId);
    }

    [Fact]
    public async Task SendAsync_CallerChangesMessageAfterSending_RecordKeepsWhatWasSent()
    {
        EmailMessage message = InMemoryHarness.EmailTo("cmp_1", "ada@example.com");
        message.TemplateData = new JsonObject { ["name"] = "Ada" };
        message.Attachments.Add(new EmailAttachment("a.txt", "text/plain", new byte[] { 1, 2, 3 }));

        await _h.Email.SendAsync(message);
        message.Subject = "Changed";
        message.To.Add(InMemoryHarness.Address("eve@example.com"));
        message.TemplateData["name"] = "Eve";
        Assert.Single(_h.Store.SentEmails).Message.To.Add(InMemoryHarness.Address("mallory@example.com"));

        EmailMessage recorded = Assert.Single(_h.Store.SentEmails).Message;
        Assert.Equal("Spring launch", recorded.Subject);
        Assert.Equal("ada@example.com", Assert.Single(recorded.To).Address.Value);
        Assert.Equal("Ada", (string?)recorded.TemplateData!["name"]);
        Assert.Equal(new byte[] { 1, 2, 3 }, Assert.Single(recorded.Attachments).Content.ToArray());
    }

    [Fact]
    public async Task SendAsync_InvalidMessage_ThrowsBeforeAnythingIsRecorded()
    {
        EmailMessage noFrom = InMemoryHarness.EmailTo("cmp_1", "ada@example.com");
        noFrom.From = null;
        EmailMessage noBody = InMemoryHarness.EmailTo("cmp_1", "ada@example.com");
        noBody.TextBody = null;

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => _h.Email.SendAsync(noFrom));
        await Assert.ThrowsAsync<ArgumentException>(() => _h.Email.SendAsync(noBody));
        await Assert.ThrowsAsync<ArgumentException>(() => _h.Email.SendAsync(new EmailMessage { From = InMemoryHarness.Address("a@example.com"), Subject = "s", TextBody = "t" }));
        await Assert.ThrowsAsync<ArgumentNullException>(() => _h.Email.SendAsync(null!));

        Assert.Contains("EmailMessage.From", ex.Message, StringComparison.Ordinal);
        Assert.Empty(_h.Store.SentEmails);
    }

    [Fact]
    public async Task SendAsync_MarketingToContactWithoutConsent_StillAccepted()
    {
        await _h.Contacts.UpsertAsync(new Contact { Email = InMemoryHarness.Address("ada@example.com"), EmailConsent = Consent.Denied("unsubscribe-link") });

        EmailSendResult result = await _h.Email.SendAsync(InMemoryHarness.EmailTo("cmp_1", "ada@example.com"));

        Assert.Equal(SendStatus.Accepted, result.Status);
        Assert.Single(_h.Store.SentEmails);
    }

    [Fact]
    public async Task SendAsync_CancelledToken_ThrowsWithoutRecording()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _h.Email.SendAsync(InMemoryHarness.EmailTo("cmp_1", "ada@example.com"), cts.Token));

        Assert.Empty(_h.Store.SentEmails);
    }

    [Fact]
    public async Task SendManyAsync_MixedMessages_OneOutcomePerMessage()
    {
        EmailMessage invalid = InMemoryHarness.EmailTo("cmp_1", "ada@example.com");
        invalid.Subject = null;
        EmailMessage?[] messages =
        [
            InMemoryHarness.EmailTo("cmp_1", "ada@example.com"),
            invalid,
            null,
            InMemoryHarness.EmailTo("cmp_1", "grace@example.com"),
        ];
        var progress = new RecordingProgress<BulkProgress>();

        var result = await _h.Email.SendManyAsync(messages!, new BulkOptions { BatchSize = 2, MaxConcurrency = 1, Progress = progress });

        Assert.Equal([BulkItemStatus.Succeeded, BulkItemStatus.Failed, BulkItemStatus.Failed, BulkItemStatus.Succeeded], result.Items.Select(i => i.Status));
        Assert.Equal("INVALID_MESSAGE", result.Items[1].Error?.Code);
        Assert.Contains("EmailMessage.Subject", result.Items[1].Error?.Message, StringComparison.Ordinal);
        Assert.IsType<ArgumentException>(result.Items[1].Error?.Exception);
        Assert.Equal("NULL_ITEM", result.Items[2].Error?.Code);
        Assert.Equal(SendStatus.Accepted, result.Items[3].Value?.Status);
        Assert.Equal(2, _h.Store.SentEmails.Count);
        Assert.Equal([new BulkProgress(4, 2, 1), new BulkProgress(4, 4, 2)], progress.Reports);
    }

    [Fact]
    public async Task SendManyAsync_CancelledMidway_ReturnsWithUnsentMessagesCancelled()
    {
        using var cts = new CancellationTokenSource();
        var progress = new RecordingProgress<BulkProgress>(_ => cts.Cancel());
        var messages = Enumerable.Range(0, 9).Select(i => InMemoryHarness.EmailTo("cmp_1", $"u{i}@example.com")).ToList();

        var result = await _h.Email.SendManyAsync(messages, new BulkOptions { BatchSize = 3, MaxConcurrency = 1, Progress = progress }, cts.Token);

        Assert.Equal(3, result.SucceededCount);
        Assert.Equal(6, result.FailedCount);
        Assert.All(result.Items.Skip(3), r => Assert.Equal("CANCELLED", r.Error?.Code));
        Assert.Equal(3, _h.Store.SentEmails.Count);
    }

    [Fact]
    public async Task SendManyAsync_InvalidArguments_Throw()
    {
        await Assert.ThrowsAsync<ArgumentNullException>(() => _h.Email.SendManyAsync(null!));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _h.Email.SendManyAsync([InMemoryHarness.EmailTo("cmp_1", "a@example.com")], new BulkOptions { MaxConcurrency = 0 }));
        Assert.Empty(_h.Store.SentEmails);
    }

    [Fact]
    public async Task SendManyAsync_Parallel_EveryMessageGetsAUniqueId()
    {
        var messages = Enumerable.Range(0, 300).Select(i => InMemoryHarness.EmailTo("cmp_1", $"u{i}@example.com")).ToList();

        var result = await _h.Email.SendManyAsync(messages, new BulkOptions { BatchSize = 10, MaxConcurrency = 8 });

        Assert.True(result.IsFullSuccess);
        Assert.Equal(300, result.Items.Select(i => i.Value!.MessageId).Distinct().Count());
        Assert.Equal(300, _h.Store.SentEmails.Count);
    }
}
