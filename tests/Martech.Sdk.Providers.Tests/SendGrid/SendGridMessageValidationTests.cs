using System.Text.Json.Nodes;
using Martech.Sdk.Testing;

namespace Martech.Sdk.Providers.Tests.SendGrid;

/// <summary>SendGrid's limits are checked before any I/O, with an <see cref="ArgumentException"/> naming the field; in a
/// bulk send such a message fails alone.</summary>
public sealed class SendGridMessageValidationTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private static Mailbox Box(string email) => new(EmailAddress.Parse(email));

    private static EmailMessage Valid() => new()
    {
        From = Box("orders@example.com"),
        To = { Box("ada@example.com") },
        Subject = "Hello",
        TextBody = "Hi.",
        Purpose = SendPurpose.Transactional,
    };

    public static TheoryData<string, string> Flaws => new()
    {
        { "TooManyRecipients", "To" },
        { "SameAddressInToAndCc", "Cc" },
        { "ReservedHeader", "Headers" },
        { "ElevenCategories", "Tags" },
        { "LongCategory", "Tags" },
        { "TemplateDataWithLegacyTemplate", "TemplateData" },
        { "TemplateDataWithoutTemplate", "TemplateData" },
        { "SendAtBeyond72Hours", "SendAt" },
        { "CustomArgsTooLarge", "Metadata" },
        { "CampaignIdConflictsWithMetadata", "Metadata" },
        { "TooLarge", "Attachments" },
        { "ContentIdWithLineBreak", "EmailMessage.Attachments[0].ContentId" },
        { "NoFrom", "From" },
    };

    private static EmailMessage WithFlaw(string flaw)
    {
        EmailMessage message = Valid();
        switch (flaw)
        {
            case "TooManyRecipients":
                for (int i = 0; i < 1000; i++)
                {
                    message.Bcc.Add(Box($"bcc{i}@example.com"));
                }

                break;
            case "SameAddressInToAndCc":
                message.Cc.Add(Box("ADA@example.com"));
                break;
            case "ReservedHeader":
                message.Headers["Reply-To"] = "other@example.com";
                break;
            case "ElevenCategories":
                for (int i = 0; i < 11; i++)
                {
                    message.Tags.Add($"tag{i}");
                }

                break;
            case "LongCategory":
                message.Tags.Add(new string('x', 256));
                break;
            case "TemplateDataWithLegacyTemplate":
                message.TemplateId = "13b8f94f-bcae-4ec6-b752-70d6cb59f932";
                message.TemplateData = new JsonObject { ["a"] = 1 };
                break;
            case "TemplateDataWithoutTemplate":
                message.TemplateData = new JsonObject { ["a"] = 1 };
                break;
            case "SendAtBeyond72Hours":
                message.SendAt = Now.AddHours(72).AddSeconds(1);
                break;
            case "CustomArgsTooLarge":
                message.Metadata["blob"] = new string('x', 10_000);
                break;
            case "CampaignIdConflictsWithMetadata":
                message.CampaignId = "spring";
                message.Metadata["campaign_id"] = "autumn";
                break;
            case "TooLarge":
                message.Attachments.Add(new EmailAttachment("big.bin", "application/octet-stream", new byte[3200]));
                break;
            case "ContentIdWithLineBreak":
                message.Attachments.Add(new EmailAttachment("logo.png", "image/png", new byte[] { 1 }) { ContentId = "logo\r\nX-Evil: 1" });
                break;
            case "NoFrom":
                message.From = null;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(flaw), flaw, null);
        }

        return message;
    }

    [Theory]
    [MemberData(nameof(Flaws))]
    public async Task SendAsync_BeyondSendGridsLimits_ThrowsArgumentExceptionNamingTheFieldBeforeAnyRequest(string flaw, string field)
    {
        await using var wire = SendGridWire.Create(o => o.MaxMessageBytes = 4096, time: new ManualTimeProvider(Now));

        var ex = await Assert.ThrowsAnyAsync<ArgumentException>(() => wire.Sender.SendAsync(WithFlaw(flaw)));

        Assert.Equal(field, ex.ParamName);
        Assert.Empty(wire.Requests);
    }

    [Fact]
    public async Task SendAsync_AtTheLimits_IsSent()
    {
        await using var wire = SendGridWire.Create(time: new ManualTimeProvider(Now));
        wire.ExpectMailSend();
        EmailMessage message = Valid();
        for (int i = 0; i < 999; i++)
        {
            message.Bcc.Add(Box($"bcc{i}@example.com"));
        }

        for (int i = 0; i < 10; i++)
        {
            message.Tags.Add(new string((char)('a' + i), 255));
        }

        message.Tags.Add(message.Tags[0]); // twelve tags, ten distinct: sent as ten categories
        message.Tags.Add(message.Tags[1]);
        message.SendAt = Now.AddHours(72);

        await wire.Sender.SendAsync(message);

        string body = Assert.Single(wire.Requests).Body!;
        OpenApiSchemaValidator.MailSend.AssertValidMailSend(body);
        Assert.Equal(10, System.Text.Json.Nodes.JsonNode.Parse(body)!["categories"]!.AsArray().Count);
    }

    [Fact]
    public async Task SendAsync_Null_ThrowsArgumentNullException()
    {
        await using var wire = SendGridWire.Create();

        await Assert.ThrowsAsync<ArgumentNullException>(() => wire.Sender.SendAsync(null!));
    }

    [Fact]
    public async Task SendManyAsync_InvalidMessages_FailAloneWithReasonAndOthersAreSent()
    {
        await using var wire = SendGridWire.Create(time: new ManualTimeProvider(Now));
        wire.ExpectMailSend("ok");

        BulkResult<EmailSendResult> result = await wire.Sender.SendManyAsync([Valid(), WithFlaw("ReservedHeader"), null!, WithFlaw("SendAtBeyond72Hours")]);

        Assert.Equal(BulkItemStatus.Succeeded, result.Items[0].Status);
        Assert.Equal(("INVALID_MESSAGE", "Headers"), (result.Items[1].Error!.Code, result.Items[1].Error!.Field));
        Assert.Equal("NULL_ITEM", result.Items[2].Error!.Code);
        Assert.Equal(("INVALID_MESSAGE", "SendAt"), (result.Items[3].Error!.Code, result.Items[3].Error!.Field));
        Assert.Single(wire.Requests);
        wire.VerifyAll();
    }

    [Fact]
    public async Task SendManyAsync_NullListOrBadOptions_Throws()
    {
        await using var wire = SendGridWire.Create();

        await Assert.ThrowsAsync<ArgumentNullException>(() => wire.Sender.SendManyAsync(null!));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => wire.Sender.SendManyAsync([Valid()], new BulkOptions { MaxConcurrency = 0 }));
        Assert.Empty(wire.Requests);
    }
}
