using Martech.Sdk.Postmark;

namespace Martech.Sdk.Providers.Tests.Postmark;

/// <summary>Postmark's limits, checked before any request: each breach is an ArgumentException naming the field.</summary>
public sealed class PostmarkMessageValidationTests
{
    private static EmailAddress A(string value) => EmailAddress.Parse(value);

    private static EmailMessage Valid() => new()
    {
        From = A("news@example.com"),
        To = { A("ada@example.com") },
        Subject = "Hi",
        TextBody = "Hello.",
        Purpose = SendPurpose.Transactional,
    };

    private static async Task<ArgumentException> AssertRejectedAsync(EmailMessage message, string field, Action<PostmarkOptions>? configure = null)
    {
        await using var wire = PostmarkWire.Create(configure);
        var ex = await Assert.ThrowsAnyAsync<ArgumentException>(() => wire.Sender.SendAsync(message));
        Assert.Equal(field, ex.ParamName);
        Assert.Empty(wire.Requests);
        return ex;
    }

    [Fact]
    public async Task SendAsync_MoreThanFiftyRecipients_RejectedNamingTo()
    {
        EmailMessage message = Valid();
        for (int i = 0; i < 30; i++)
        {
            message.Cc.Add(A($"cc{i}@example.com"));
            message.Bcc.Add(A($"bcc{i}@example.com"));
        }

        var ex = await AssertRejectedAsync(message, "To");

        Assert.Contains("61 recipients", ex.Message, StringComparison.Ordinal);
        Assert.Contains("at most 50", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_RecipientLimitOption_IsHonoured()
    {
        EmailMessage message = Valid();
        message.To.Add(A("grace@example.com"));

        var ex = await AssertRejectedAsync(message, "To", o => o.MaxRecipientsPerMessage = 1);

        Assert.Contains("at most 1 per message", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_TwoTags_RejectedBecausePostmarkTakesOne()
    {
        EmailMessage message = Valid();
        message.Tags.Add("a");
        message.Tags.Add("b");

        await AssertRejectedAsync(message, "Tags");
    }

    [Fact]
    public async Task SendAsync_HtmlBodyOverFiveMegabytes_Rejected()
    {
        EmailMessage message = Valid();
        message.HtmlBody = new string('x', (int)PostmarkOptions.MaxBodyBytes + 1);

        await AssertRejectedAsync(message, "HtmlBody");
    }

    [Fact]
    public async Task SendAsync_AttachmentsOverTenMegabytesAfterBase64_Rejected()
    {
        EmailMessage message = Valid();

        // 7.6 MB of bytes is under 10 MB, but over it once base64-encoded (4 characters per 3 bytes).
        message.Attachments.Add(new EmailAttachment("big.bin", "application/octet-stream", new byte[7_900_000]));

        var ex = await AssertRejectedAsync(message, "Attachments");

        Assert.Contains("base64", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_TemplateWithSubject_RejectedBecauseTheTemplateRendersIt()
    {
        EmailMessage message = Valid();
        message.TextBody = null;
        message.TemplateId = "welcome";

        await AssertRejectedAsync(message, "Subject");
    }

    [Fact]
    public async Task SendAsync_MetadataKeysDifferingInCase_Rejected()
    {
        EmailMessage message = Valid();
        message.Metadata["Customer"] = "1";
        message.Metadata["customer"] = "2";

        await AssertRejectedAsync(message, "Metadata");
    }

    [Fact]
    public async Task SendAsync_CampaignIdClashingWithMetadata_Rejected()
    {
        EmailMessage message = Valid();
        message.Metadata["campaign_id"] = "other";
        message.CampaignId = "spring";

        await AssertRejectedAsync(message, "CampaignId");
    }

    [Fact]
    public async Task SendAsync_InvalidMessage_RejectedByMessageValidation()
    {
        EmailMessage message = Valid();
        message.Subject = "Hi\r\nBcc: victim@example.com";

        await using var wire = PostmarkWire.Create();
        await Assert.ThrowsAnyAsync<ArgumentException>(() => wire.Sender.SendAsync(message));
        Assert.Empty(wire.Requests);
    }

    [Fact]
    public async Task SendAsync_NullMessage_ThrowsArgumentNull()
    {
        await using var wire = PostmarkWire.Create();

        await Assert.ThrowsAsync<ArgumentNullException>(() => wire.Sender.SendAsync(null!));
    }
}
