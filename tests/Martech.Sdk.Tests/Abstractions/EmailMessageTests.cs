using System.Text.Json.Nodes;

namespace Martech.Sdk.Tests.Abstractions;

public class EmailMessageTests
{
    private static readonly EmailAddress Ada = EmailAddress.Parse("ada@example.com");
    private static readonly EmailAddress Grace = EmailAddress.Parse("grace@example.com");

    [Fact]
    public void Validate_CompleteMessage_Passes()
    {
        var message = Valid();
        message.Cc.Add(Grace);
        message.Bcc.Add(new Mailbox(EmailAddress.Parse("audit@example.com"), "Audit"));
        message.HtmlBody = "<p>Hi</p>";
        message.Headers["X-Campaign"] = "spring\tlaunch";
        message.Tags.Add("newsletter");
        message.Metadata["contact_id"] = "c1";
        message.Attachments.Add(new EmailAttachment("terms.pdf", "application/pdf", new byte[] { 1, 2, 3 }));

        message.Validate();
    }

    [Fact]
    public void Collections_NeverTouched_AreNotCreatedByValidateCloneOrAllRecipients()
    {
        var message = Valid();

        message.Validate();
        EmailMessage copy = message.Clone();
        _ = message.AllRecipients.ToList();

        foreach (EmailMessage m in (EmailMessage[])[message, copy])
        {
            Assert.IsType<Mailbox[]>(m.CcOrEmpty);
            Assert.IsType<Mailbox[]>(m.BccOrEmpty);
            Assert.IsType<EmailAttachment[]>(m.AttachmentsOrEmpty);
            Assert.IsType<string[]>(m.TagsOrEmpty);
            Assert.Empty(m.HeadersOrEmpty);
            Assert.Empty(m.MetadataOrEmpty);
            Assert.IsNotType<Dictionary<string, string>>(m.HeadersOrEmpty);
            Assert.IsNotType<Dictionary<string, string>>(m.MetadataOrEmpty);
        }
    }

    [Fact]
    public void Collections_ReadThroughTheProperty_AreCreatedOnceAndKeepWhatIsAdded()
    {
        var message = Valid();

        message.Cc.Add(Grace);
        message.Headers["x-campaign"] = "spring";
        message.Metadata["lead_id"] = "l1";

        Assert.Same(message.Cc, message.Cc);
        Assert.Equal([Grace], message.CcOrEmpty.Select(m => m.Address));
        Assert.Equal("spring", message.Headers["X-Campaign"]);
        Assert.Equal([Grace, Grace], message.AllRecipients.Select(m => m.Address));
        Assert.Throws<KeyNotFoundException>(() => message.Metadata["LEAD_ID"]);
    }

    [Fact]
    public void Clone_CollectionsCreatedLater_StayIndependent()
    {
        var message = Valid();
        EmailMessage copy = message.Clone();

        copy.Cc.Add(Grace);
        copy.Tags.Add("later");
        message.Bcc.Add(Grace);

        Assert.Empty(message.Cc);
        Assert.Empty(message.Tags);
        Assert.Empty(copy.Bcc);
    }

    [Fact]
    public void Validate_TemplateWithoutSubjectOrBody_Passes()
    {
        var message = new EmailMessage { From = Ada, To = { Grace }, TemplateId = "d-123", TemplateData = new JsonObject { ["name"] = "Grace" } };

        message.Validate();
    }

    [Theory]
    [InlineData("text", null)]
    [InlineData(null, "<p>html</p>")]
    public void Validate_EitherBody_Passes(string? text, string? html)
    {
        var message = Valid();
        message.TextBody = text;
        message.HtmlBody = html;

        message.Validate();
    }

    // Each scenario breaks one rule of an otherwise valid message.
    private static readonly Dictionary<string, Action<EmailMessage>> Breakers = new(StringComparer.Ordinal)
    {
        ["no sender"] = m => m.From = null,
        ["no recipient"] = m => m.To.Clear(),
        ["null To entry"] = m => m.To.Add(null!),
        ["null Cc entry"] = m => m.Cc.Add(null!),
        ["null Bcc entry"] = m => m.Bcc.Add(null!),
        ["CRLF in subject"] = m => m.Subject = "Hello\r\nBcc: victim@example.com",
        ["LF in subject"] = m => m.Subject = "Hello\nWorld",
        ["NUL in subject"] = m => m.Subject = "Hello\0",
        ["CRLF in subject with template"] = m => { m.TemplateId = "d-1"; m.Subject = "a\r\nb"; },
        ["no subject"] = m => m.Subject = null,
        ["blank subject"] = m => m.Subject = "  ",
        ["no body"] = m => { m.TextBody = null; m.HtmlBody = " "; },
        ["blank template id"] = m => m.TemplateId = " ",
        ["header name with space"] = m => m.Headers["X Bad"] = "v",
        ["header name with colon"] = m => m.Headers["X-Bad:"] = "v",
        ["empty header name"] = m => m.Headers[""] = "v",
        ["non-ASCII header name"] = m => m.Headers["X-Größe"] = "v",
        ["CRLF in header value"] = m => m.Headers["X-Track"] = "1\r\nBcc: victim@example.com",
        ["empty tag"] = m => m.Tags.Add(""),
        ["blank tag"] = m => m.Tags.Add("  "),
        ["CRLF in tag"] = m => m.Tags.Add("spring\r\nX-Evil: 1"),
        ["empty metadata key"] = m => m.Metadata[" "] = "v",
        ["CRLF in metadata value"] = m => m.Metadata["id"] = "1\n2",
        ["CRLF in metadata key"] = m => m.Metadata["id\r\nX-Evil"] = "1",
        ["null attachment"] = m => m.Attachments.Add(null!),
        ["attachment without name"] = m => m.Attachments.Add(new EmailAttachment(" ", "text/plain", new byte[] { 1 })),
        ["CRLF in attachment name"] = m => m.Attachments.Add(new EmailAttachment("a\r\n.pdf", "application/pdf", new byte[] { 1 })),
        ["attachment without content type"] = m => m.Attachments.Add(new EmailAttachment("a.pdf", "", new byte[] { 1 })),
        ["attachment content type without slash"] = m => m.Attachments.Add(new EmailAttachment("a.pdf", "pdf", new byte[] { 1 })),
        ["CRLF in attachment content type"] = m => m.Attachments.Add(new EmailAttachment("a.pdf", "application/pdf\r\nX: y", new byte[] { 1 })),
        ["empty attachment"] = m => m.Attachments.Add(new EmailAttachment("a.pdf", "application/pdf", ReadOnlyMemory<byte>.Empty)),
    };

    [Theory]
    [InlineData("no sender", "From", "EmailMessage.From is required")]
    [InlineData("no recipient", "To", "EmailMessage.To needs at least one recipient")]
    [InlineData("null To entry", "To", "EmailMessage.To[1] is null")]
    [InlineData("null Cc entry", "Cc", "EmailMessage.Cc[0] is null")]
    [InlineData("null Bcc entry", "Bcc", "EmailMessage.Bcc[0] is null")]
    [InlineData("CRLF in subject", "EmailMessage.Subject", "line break or control character")]
    [InlineData("LF in subject", "EmailMessage.Subject", "line break or control character")]
    [InlineData("NUL in subject", "EmailMessage.Subject", "EmailMessage.Subject contains U+0000 NULL at index 5")]
    [InlineData("CRLF in subject with template", "EmailMessage.Subject", "line break")]
    [InlineData("no subject", "Subject", "EmailMessage.Subject is required when no TemplateId is set")]
    [InlineData("blank subject", "Subject", "EmailMessage.Subject is required")]
    [InlineData("no body", "TextBody", "needs a TextBody or an HtmlBody")]
    [InlineData("blank template id", "TemplateId", "EmailMessage.TemplateId is empty")]
    [InlineData("header name with space", "Headers", "invalid header name 'X Bad'")]
    [InlineData("header name with colon", "Headers", "invalid header name 'X-Bad:'")]
    [InlineData("empty header name", "Headers", "invalid header name ''")]
    [InlineData("non-ASCII header name", "Headers", "invalid header name 'X-Größe'")]
    [InlineData("CRLF in header value", "EmailMessage.Headers[X-Track]", "line break")]
    [InlineData("empty tag", "Tags", "EmailMessage.Tags has an empty tag")]
    [InlineData("blank tag", "Tags", "EmailMessage.Tags has an empty tag")]
    [InlineData("CRLF in tag", "EmailMessage.Tags[0]", "EmailMessage.Tags[0] contains U+000D CARRIAGE RETURN at index 6")]
    [InlineData("empty metadata key", "Metadata", "EmailMessage.Metadata has an empty key")]
    [InlineData("CRLF in metadata value", "EmailMessage.Metadata[id]", "EmailMessage.Metadata[id] contains U+000A LINE FEED at index 1")]
    [InlineData("CRLF in metadata key", "EmailMessage.Metadata key", "EmailMessage.Metadata key contains U+000D CARRIAGE RETURN at index 2")]
    [InlineData("null attachment", "Attachments", "EmailMessage.Attachments[0] is null")]
    [InlineData("attachment without name", "Attachments", "Attachments[0] has no file name")]
    [InlineData("CRLF in attachment name", "EmailMessage.Attachments[0].FileName", "line break")]
    [InlineData("attachment without content type", "Attachments", "('a.pdf') has no valid content type")]
    [InlineData("attachment content type without slash", "Attachments", "('a.pdf') has no valid content type")]
    [InlineData("CRLF in attachment content type", "EmailMessage.Attachments[0].ContentType", "line break")]
    [InlineData("empty attachment", "Attachments", "('a.pdf') is empty")]
    public void Validate_InvalidMessage_ThrowsArgumentExceptionNamingTheField(string scenario, string paramName, string reason)
    {
        var message = Valid();
        Breakers[scenario](message);

        var ex = Assert.Throws<ArgumentException>(message.Validate);

        Assert.Equal(paramName, ex.ParamName);
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SecondAttachmentInvalid_NamesItsIndex()
    {
        var message = Valid();
        message.Attachments.Add(new EmailAttachment("ok.txt", "text/plain", new byte[] { 1 }));
        message.Attachments.Add(new EmailAttachment("bad.txt", "text/plain", ReadOnlyMemory<byte>.Empty));

        var ex = Assert.Throws<ArgumentException>(message.Validate);

        Assert.Contains("EmailMessage.Attachments[1] ('bad.txt') is empty", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Headers_AreCaseInsensitive()
    {
        var message = Valid();
        message.Headers["X-Campaign"] = "a";
        message.Headers["x-campaign"] = "b";

        Assert.Single(message.Headers);
        Assert.Equal("b", message.Headers["X-CAMPAIGN"]);
    }

    [Fact]
    public void Defaults_AreMarketingWithEmptyLists()
    {
        var message = new EmailMessage();

        Assert.Equal(SendPurpose.Marketing, message.Purpose);
        Assert.Empty(message.To);
        Assert.Empty(message.Cc);
        Assert.Empty(message.Bcc);
        Assert.Empty(message.Attachments);
        Assert.Empty(message.Headers);
        Assert.Empty(message.Tags);
        Assert.Empty(message.Metadata);
    }

    [Fact]
    public void AllRecipients_IsToThenCcThenBcc()
    {
        var c = EmailAddress.Parse("c@example.com");
        var message = new EmailMessage { To = { Ada }, Cc = { Grace }, Bcc = { c } };

        Assert.Equal([Ada, Grace, c], message.AllRecipients.Select(m => m.Address));
    }

    [Fact]
    public void Clone_CopiesValuesWithIndependentCollections()
    {
        var message = Valid();
        message.ReplyTo = Grace;
        message.Cc.Add(Grace);
        message.Bcc.Add(Ada);
        message.HtmlBody = "<p>Hi</p>";
        message.TemplateId = "d-1";
        message.TemplateData = new JsonObject { ["x"] = 1 };
        message.Attachments.Add(new EmailAttachment("a.txt", "text/plain", new byte[] { 1 }));
        message.Headers["X-A"] = "1";
        message.Tags.Add("t");
        message.Metadata["k"] = "v";
        message.SendAt = DateTimeOffset.UnixEpoch;
        message.Purpose = SendPurpose.Transactional;
        message.CampaignId = "k1";

        var copy = message.Clone();
        copy.To.Add(EmailAddress.Parse("new@example.com"));
        copy.Cc.Clear();
        copy.Bcc.Clear();
        copy.Attachments.Clear();
        copy.Headers["x-a"] = "2";
        copy.Tags.Clear();
        copy.Metadata.Clear();

        Assert.Single(message.To);
        Assert.Single(message.Cc);
        Assert.Single(message.Bcc);
        Assert.Single(message.Attachments);
        Assert.Equal("1", message.Headers["X-A"]);
        Assert.Equal("2", copy.Headers["X-A"]);
        Assert.Single(message.Tags);
        Assert.Single(message.Metadata);
        Assert.Equal(message.From, copy.From);
        Assert.Equal(message.ReplyTo, copy.ReplyTo);
        Assert.Equal(message.Subject, copy.Subject);
        Assert.Equal(message.TextBody, copy.TextBody);
        Assert.Equal(message.HtmlBody, copy.HtmlBody);
        Assert.Equal(message.TemplateId, copy.TemplateId);
        Assert.Same(message.TemplateData, copy.TemplateData);
        Assert.Equal(message.SendAt, copy.SendAt);
        Assert.Equal(message.Purpose, copy.Purpose);
        Assert.Equal(message.CampaignId, copy.CampaignId);
    }

    [Fact]
    public void EmailAttachment_KeepsItsValues()
    {
        var attachment = new EmailAttachment("logo.png", "image/png", new byte[] { 9 }) { ContentId = "logo" };

        Assert.Equal("logo.png", attachment.FileName);
        Assert.Equal("image/png", attachment.ContentType);
        Assert.Equal(new byte[] { 9 }, attachment.Content.ToArray());
        Assert.Equal("logo", attachment.ContentId);
    }

    private static EmailMessage Valid() => new()
    {
        From = new Mailbox(Ada, "Ada"),
        To = { Grace },
        Subject = "Hello",
        TextBody = "Hi Grace",
    };
}
