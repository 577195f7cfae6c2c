using System.Text.Json.Nodes;
using RichardSzalay.MockHttp;

namespace Martech.Sdk.Providers.Tests.Mailgun;

/// <summary>Mailgun's limits are checked before any request: a bad message is an <see cref="ArgumentException"/>
/// naming the field, and nothing reaches the network.</summary>
public sealed class MailgunMessageValidationTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly MockHttpMessageHandler _mock = new();
    private readonly MockedRequest _anything;

    public MailgunMessageValidationTests() =>
        _anything = _mock.When("*").Respond("application/json", MailgunWire.Queued());

    public void Dispose() => _mock.Dispose();

    private static EmailMessage Valid() => new()
    {
        From = new Mailbox(EmailAddress.Parse("news@mg.example.com")),
        To = { new Mailbox(EmailAddress.Parse("ada@example.com")) },
        Subject = "Hello",
        TextBody = "Hello.",
    };

    public static TheoryData<string, string> Flaws => new()
    {
        { "FourTags", "Tags" },
        { "LongTag", "Tags" },
        { "NonAsciiTag", "Tags" },
        { "TooFarAhead", "SendAt" },
        { "TooManyRecipients", "To" },
        { "OptionsOver16k", "Metadata" },
        { "TooLarge", "Attachments" },
        { "TemplateDataWithoutTemplate", "TemplateData" },
        { "ReplyToTwice", "Headers" },
        { "ReservedHeader", "Headers" },
        { "QuoteInHeaderName", "Headers" },
        { "SpaceInMetadataKey", "Metadata" },
        { "CampaignIdClash", "Metadata" },
        { "BlankCampaignId", "CampaignId" },
        { "BracketedContentId", "Attachments" },
        { "DuplicateContentId", "Attachments" },
        { "QuoteInFileName", "Attachments" },
        { "BadContentType", "Attachments" },
        { "NoFrom", "From" },
        { "LineBreakInSubject", "EmailMessage.Subject" },
    };

    [Theory]
    [MemberData(nameof(Flaws))]
    public async Task SendAsync_MessageBreaksAMailgunRule_ThrowsNamingTheFieldAndSendsNothing(string flaw, string field)
    {
        using var services = MailgunWire.Services(_mock, o => { o.MaxRecipientsPerMessage = 3; o.MaxMessageSizeBytes = 1000; }, now: Now);

        var ex = await Assert.ThrowsAnyAsync<ArgumentException>(() => services.Sender().SendAsync(Flawed(flaw)));

        Assert.Equal(field, ex.ParamName);
        Assert.False(string.IsNullOrWhiteSpace(ex.Message));
        Assert.Equal(0, _mock.GetMatchCount(_anything));
    }

    [Fact]
    public async Task SendManyAsync_FlawedMessages_EachFailsAloneBeforeAnyRequest()
    {
        using var services = MailgunWire.Services(_mock, o => { o.MaxRecipientsPerMessage = 3; o.MaxMessageSizeBytes = 1000; }, now: Now);
        EmailMessage[] messages = [.. Flaws.Select(row => Flawed((string)row[0])), Valid()];

        BulkResult<EmailSendResult> result = await services.Sender().SendManyAsync(messages);

        Assert.Equal(messages.Length - 1, result.FailedCount);
        Assert.All(result.Items.Take(messages.Length - 1), i => Assert.Equal("INVALID_MESSAGE", i.Error!.Code));
        Assert.Equal(BulkItemStatus.Succeeded, result.Items[^1].Status);
        Assert.Equal(1, _mock.GetMatchCount(_anything));
    }

    [Fact]
    public async Task SendAsync_AtTheLimits_IsSent()
    {
        using var services = MailgunWire.Services(_mock, o => o.MaxRecipientsPerMessage = 3, now: Now);
        EmailMessage message = Valid();
        message.Tags.Add("a");
        message.Tags.Add("b");
        message.Tags.Add(new string('t', 128));
        message.Cc.Add(new Mailbox(EmailAddress.Parse("grace@example.com")));
        message.Bcc.Add(new Mailbox(EmailAddress.Parse("audit@example.com")));
        message.SendAt = Now.AddDays(3);
        message.Metadata["campaign_id"] = "c1";
        message.CampaignId = "c1";

        EmailSendResult result = await services.Sender().SendAsync(message);

        Assert.Equal(SendStatus.Accepted, result.Status);
        Assert.Equal(1, _mock.GetMatchCount(_anything));
    }

    private static EmailMessage Flawed(string flaw)
    {
        EmailMessage message = Valid();
        switch (flaw)
        {
            case "FourTags":
                foreach (string tag in (string[])["a", "b", "c", "d"])
                {
                    message.Tags.Add(tag);
                }

                break;
            case "LongTag":
                message.Tags.Add(new string('t', 129));
                break;
            case "NonAsciiTag":
                message.Tags.Add("café");
                break;
            case "TooFarAhead":
                message.SendAt = Now.AddDays(3).AddMinutes(1);
                break;
            case "TooManyRecipients":
                message.Cc.Add(new Mailbox(EmailAddress.Parse("b@example.com")));
                message.Cc.Add(new Mailbox(EmailAddress.Parse("c@example.com")));
                message.Bcc.Add(new Mailbox(EmailAddress.Parse("d@example.com")));
                break;
            case "OptionsOver16k":
                message.Metadata["blob"] = new string('x', 16 * 1024);
                break;
            case "TooLarge":
                message.Attachments.Add(new EmailAttachment("big.bin", "application/octet-stream", new byte[800])); // 1,068 bytes in Base64
                break;
            case "TemplateDataWithoutTemplate":
                message.TemplateData = new JsonObject { ["a"] = 1 };
                break;
            case "ReplyToTwice":
                message.ReplyTo = new Mailbox(EmailAddress.Parse("support@example.com"));
                message.Headers["reply-to"] = "other@example.com";
                break;
            case "ReservedHeader":
                message.Headers["Bcc"] = "spy@example.com";
                break;
            case "QuoteInHeaderName":
                message.Headers["X-\"Odd\""] = "1";
                break;
            case "SpaceInMetadataKey":
                message.Metadata["user id"] = "42";
                break;
            case "CampaignIdClash":
                message.CampaignId = "c1";
                message.Metadata["campaign_id"] = "c2";
                break;
            case "BlankCampaignId":
                message.CampaignId = "  ";
                break;
            case "BracketedContentId":
                message.Attachments.Add(new EmailAttachment("logo.png", "image/png", new byte[] { 1 }) { ContentId = "<logo>" });
                break;
            case "DuplicateContentId":
                message.Attachments.Add(new EmailAttachment("a.png", "image/png", new byte[] { 1 }) { ContentId = "logo" });
                message.Attachments.Add(new EmailAttachment("b.png", "image/png", new byte[] { 2 }) { ContentId = "LOGO" });
                break;
            case "QuoteInFileName":
                message.Attachments.Add(new EmailAttachment("my \"report\".pdf", "application/pdf", new byte[] { 1 }));
                break;
            case "BadContentType":
                message.Attachments.Add(new EmailAttachment("a.pdf", "application/pdf extra", new byte[] { 1 }));
                break;
            case "NoFrom":
                message.From = null;
                break;
            case "LineBreakInSubject":
                message.Subject = "Hi\r\nBcc: victim@example.com";
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(flaw), flaw, null);
        }

        return message;
    }
}
