using System.Net.Http.Headers;
using System.Text;

namespace Martech.Sdk;

/// <summary>
/// One <see cref="EmailMessage"/> checked against Mailgun's rules and turned into the fields of
/// <c>POST /v3/{domain}/messages</c>, in a fixed order: from, to, cc, bcc, subject, text, html, template,
/// t:variables, h:Reply-To, h:&lt;header&gt; (by name), o:tag, o:deliverytime, o:testmode, v:campaign_id,
/// v:&lt;metadata&gt; (by key), then the attachment and inline files.
/// </summary>
internal sealed class MailgunForm
{
    // Headers Mailgun builds from the message's own fields; setting them twice would be ambiguous.
    private static readonly string[] ReservedHeaders = ["From", "To", "Cc", "Bcc", "Subject"];

    private readonly List<KeyValuePair<string, string>> _fields;
    private readonly List<(string Field, string FileName, EmailAttachment Attachment, MediaTypeHeaderValue ContentType)> _files = [];
    private readonly List<EmailAddress> _recipients;
    private long _size;
    private long _optionsSize;

    private MailgunForm(int fieldCapacity, int recipientCapacity)
    {
        _fields = new List<KeyValuePair<string, string>>(fieldCapacity);
        _recipients = new List<EmailAddress>(recipientCapacity);
    }

    /// <summary>The text fields, in the order they are sent.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Fields => _fields;

    /// <summary>Every distinct recipient address (to, cc, bcc), in message order.</summary>
    public IReadOnlyList<EmailAddress> Recipients => _recipients;

    /// <summary>Validates a message for Mailgun and builds its form.</summary>
    /// <param name="message">The message.</param>
    /// <param name="options">The instance's limits and test mode.</param>
    /// <param name="now">The current time, for the scheduling window.</param>
    /// <returns>The form.</returns>
    /// <exception cref="ArgumentException">The message is invalid or exceeds a Mailgun limit; the message names the field.</exception>
    public static MailgunForm Create(EmailMessage message, MailgunOptions options, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(message);
        message.Validate();

        int recipientCount = message.ToOrEmpty.Count + message.CcOrEmpty.Count + message.BccOrEmpty.Count;
        if (recipientCount > options.MaxRecipientsPerMessage)
        {
            throw Invalid(
                $"EmailMessage has {recipientCount} recipients (To, Cc and Bcc); Mailgun takes at most {options.MaxRecipientsPerMessage} per message (MailgunOptions.MaxRecipientsPerMessage).",
                nameof(EmailMessage.To));
        }

        var form = new MailgunForm(8 + recipientCount + message.HeadersOrEmpty.Count + message.TagsOrEmpty.Count + message.MetadataOrEmpty.Count, recipientCount);
        form.Add("from", FormatMailbox(message.From!));
        form.AddMailboxes("to", message.ToOrEmpty);
        form.AddMailboxes("cc", message.CcOrEmpty);
        form.AddMailboxes("bcc", message.BccOrEmpty);
        form.AddIfSet("subject", message.Subject);
        form.AddIfSet("text", message.TextBody);
        form.AddIfSet("html", message.HtmlBody);
        if (message.TemplateId is { } template)
        {
            form.Add("template", template);
            if (message.TemplateData is { } data)
            {
                form.Add("t:variables", data.ToJsonString(MailgunJsonContext.Wire.Options));
            }
        }
        else if (message.TemplateData is not null)
        {
            throw Invalid("EmailMessage.TemplateData is set but TemplateId is not; Mailgun applies template variables only to a template.", nameof(EmailMessage.TemplateData));
        }

        form.AddHeaders(message);
        form.AddTags(message, options);
        if (message.SendAt is { } sendAt)
        {
            if (sendAt - now > options.MaxScheduleAhead)
            {
                throw Invalid(
                    $"EmailMessage.SendAt ({sendAt:O}) is more than {options.MaxScheduleAhead.TotalHours:0.##} hours ahead; Mailgun schedules o:deliverytime at most that far (MailgunOptions.MaxScheduleAhead).",
                    nameof(EmailMessage.SendAt));
            }

            form.Add("o:deliverytime", MailgunDates.Format(sendAt));
        }

        if (options.TestMode)
        {
            form.Add("o:testmode", "yes");
        }

        form.AddMetadata(message);
        form.AddFiles(message);

        if (form._optionsSize > options.MaxOptionsSizeBytes)
        {
            throw Invalid(
                $"EmailMessage's headers, tags, metadata and options take {form._optionsSize} bytes as Mailgun o:, h: and v: fields; Mailgun allows {options.MaxOptionsSizeBytes} (MailgunOptions.MaxOptionsSizeBytes).",
                nameof(EmailMessage.Metadata));
        }

        if (form._size > options.MaxMessageSizeBytes)
        {
            throw Invalid(
                $"EmailMessage is about {form._size} bytes with Base64-encoded attachments; Mailgun accepts at most {options.MaxMessageSizeBytes} (MailgunOptions.MaxMessageSizeBytes).",
                nameof(EmailMessage.Attachments));
        }

        return form;
    }

    /// <summary>Builds the multipart body: a new content each call, since a sent content cannot be reused by a caller.</summary>
    /// <returns>The content.</returns>
    /// <remarks>Every part is written as browsers and curl write it: <c>form-data; name="…"</c>, and for files
    /// <c>filename="…"</c> in UTF-8 (RFC 7578 §4.2), which the checks in <see cref="Create"/> keep free of quotes,
    /// backslashes and line breaks.</remarks>
    public HttpContent CreateContent() => new MailgunMultipartContent(_fields, _files);

    /// <summary>Writes a mailbox as <c>Name &lt;address&gt;</c>, quoting a name that holds RFC 5322 specials (a comma
    /// would otherwise split it into two recipients).</summary>
    /// <param name="mailbox">The mailbox.</param>
    /// <returns>The text.</returns>
    public static string FormatMailbox(Mailbox mailbox)
    {
        if (mailbox.DisplayName is not { } name)
        {
            return mailbox.Address.Value;
        }

        bool quote = false;
        foreach (char c in name)
        {
            if (!char.IsLetterOrDigit(c) && c != ' ' && !"!#$%&'*+-/=?^_`{|}~".Contains(c, StringComparison.Ordinal))
            {
                quote = true;
                break;
            }
        }

        if (!quote)
        {
            return $"{name} <{mailbox.Address.Value}>";
        }

        var sb = new StringBuilder(name.Length + mailbox.Address.Value.Length + 8).Append('"');
        foreach (char c in name)
        {
            if (c is '"' or '\\')
            {
                sb.Append('\\');
            }

            sb.Append(c);
        }

        return sb.Append("\" <").Append(mailbox.Address.Value).Append('>').ToString();
    }

    private void Add(string name, string value)
    {
        _fields.Add(new KeyValuePair<string, string>(name, value));
        long bytes = Encoding.UTF8.GetByteCount(value);
        _size += bytes;
        if (name.Length > 2 && name[1] == ':' && name[0] is 'o' or 'h' or 'v')
        {
            _optionsSize += bytes + name.Length;
        }
    }

    private void AddIfSet(string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            Add(name, value);
        }
    }

    private void AddMailboxes(string name, IList<Mailbox> mailboxes)
    {
        foreach (Mailbox mailbox in mailboxes)
        {
            Add(name, FormatMailbox(mailbox));
            if (!_recipients.Contains(mailbox.Address))
            {
                _recipients.Add(mailbox.Address);
            }
        }
    }

    private void AddHeaders(EmailMessage message)
    {
        if (message.ReplyTo is { } replyTo)
        {
            if (message.HeadersOrEmpty.ContainsKey("Reply-To"))
            {
                throw Invalid("EmailMessage.Headers has a Reply-To header and EmailMessage.ReplyTo is set; set one of them.", nameof(EmailMessage.Headers));
            }

            Add("h:Reply-To", FormatMailbox(replyTo));
        }

        if (message.HeadersOrEmpty.Count == 0)
        {
            return;
        }

        var names = new List<string>(message.HeadersOrEmpty.Keys);
        names.Sort(StringComparer.OrdinalIgnoreCase);
        foreach (string name in names)
        {
            foreach (string reserved in ReservedHeaders)
            {
                if (string.Equals(name, reserved, StringComparison.OrdinalIgnoreCase))
                {
                    throw Invalid($"EmailMessage.Headers cannot set '{name}': use the message's own {reserved} property.", nameof(EmailMessage.Headers));
                }
            }

            ThrowIfUnsafeFieldName(name, $"EmailMessage.Headers has the header name '{name}'", nameof(EmailMessage.Headers));
            Add("h:" + name, message.HeadersOrEmpty[name]);
        }
    }

    private void AddTags(EmailMessage message, MailgunOptions options)
    {
        if (message.TagsOrEmpty.Count > options.MaxTagsPerMessage)
        {
            throw Invalid(
                $"EmailMessage.Tags has {message.TagsOrEmpty.Count} tags; Mailgun takes at most {options.MaxTagsPerMessage} per message (MailgunOptions.MaxTagsPerMessage).",
                nameof(EmailMessage.Tags));
        }

        foreach (string tag in message.TagsOrEmpty)
        {
            if (tag.Length > MailgunOptions.MaxTagLength || !Ascii.IsValid(tag))
            {
                throw Invalid(
                    $"EmailMessage.Tags has the tag '{tag}'; Mailgun tags are ASCII and at most {MailgunOptions.MaxTagLength} characters.",
                    nameof(EmailMessage.Tags));
            }

            Add("o:tag", tag);
        }
    }

    private void AddMetadata(EmailMessage message)
    {
        if (message.CampaignId is { } campaignId)
        {
            if (string.IsNullOrWhiteSpace(campaignId))
            {
                throw Invalid("EmailMessage.CampaignId is empty.", nameof(EmailMessage.CampaignId));
            }

            if (campaignId.AsSpan().ContainsAny('\r', '\n'))
            {
                throw Invalid("EmailMessage.CampaignId contains a line break.", nameof(EmailMessage.CampaignId));
            }

            if (message.MetadataOrEmpty.TryGetValue(MailgunEmailSender.CampaignIdVariable, out string? clash) && clash != campaignId)
            {
                throw Invalid(
                    $"EmailMessage.Metadata['{MailgunEmailSender.CampaignIdVariable}'] ('{clash}') differs from EmailMessage.CampaignId ('{campaignId}'); Mailgun carries the campaign id in that variable.",
                    nameof(EmailMessage.Metadata));
            }

            Add("v:" + MailgunEmailSender.CampaignIdVariable, campaignId);
        }

        if (message.MetadataOrEmpty.Count == 0)
        {
            return;
        }

        var keys = new List<string>(message.MetadataOrEmpty.Keys);
        keys.Sort(StringComparer.Ordinal);
        foreach (string key in keys)
        {
            if (message.CampaignId is not null && key == MailgunEmailSender.CampaignIdVariable)
            {
                continue; // already sent, with the same value
            }

            ThrowIfUnsafeFieldName(key, $"EmailMessage.Metadata has the key '{key}'", nameof(EmailMessage.Metadata));
            Add("v:" + key, message.MetadataOrEmpty[key]);
        }
    }

    private void AddFiles(EmailMessage message)
    {
        HashSet<string>? contentIds = null;

        // Attachments first, then inline images: the documented field order.
        for (int pass = 0; pass < 2; pass++)
        {
            for (int i = 0; i < message.AttachmentsOrEmpty.Count; i++)
            {
                EmailAttachment attachment = message.AttachmentsOrEmpty[i];
                bool inline = attachment.ContentId is not null;
                if (inline != (pass == 1))
                {
                    continue;
                }

                if (!MediaTypeHeaderValue.TryParse(attachment.ContentType, out MediaTypeHeaderValue? contentType))
                {
                    throw Invalid($"EmailMessage.Attachments[{i}] ('{attachment.FileName}') has the content type '{attachment.ContentType}', which is not a valid MIME type.", nameof(EmailMessage.Attachments));
                }

                string fileName;
                if (inline)
                {
                    // Mailgun names an inline image's Content-ID after its file name: the HTML refers to cid:<file name>.
                    fileName = attachment.ContentId!;
                    if (string.IsNullOrWhiteSpace(fileName) || fileName.AsSpan().ContainsAny('<', '>'))
                    {
                        throw Invalid($"EmailMessage.Attachments[{i}].ContentId ('{fileName}') must be a non-empty id without angle brackets, as the HTML refers to it (cid:id).", nameof(EmailMessage.Attachments));
                    }

                    if (!(contentIds ??= new HashSet<string>(StringComparer.OrdinalIgnoreCase)).Add(fileName))
                    {
                        throw Invalid($"EmailMessage.Attachments[{i}].ContentId ('{fileName}') is used by another inline attachment.", nameof(EmailMessage.Attachments));
                    }

                    ThrowIfUnsafeFileName(fileName, $"EmailMessage.Attachments[{i}].ContentId");
                }
                else
                {
                    fileName = attachment.FileName;
                    ThrowIfUnsafeFileName(fileName, $"EmailMessage.Attachments[{i}].FileName");
                }

                _size += (attachment.Content.Length + 2L) / 3 * 4;
                _files.Add((inline ? "inline" : "attachment", fileName, attachment, contentType));
            }
        }
    }

    // The field is named as EmailMessage.Validate names it (the property), so callers see which part of the message is wrong.
    private static ArgumentException Invalid(string message, string field) => new(message, field);

    // Form field names travel quoted in Content-Disposition, and Mailgun reads them as ASCII.
    private static void ThrowIfUnsafeFieldName(string name, string what, string paramName)
    {
        foreach (char c in name)
        {
            if (c <= ' ' || c >= 127 || c is '"' or '\\')
            {
                throw Invalid($"{what}; Mailgun field names must be printable ASCII without spaces, quotes or backslashes.", paramName);
            }
        }
    }

    private static void ThrowIfUnsafeFileName(string fileName, string field)
    {
        foreach (char c in fileName)
        {
            if (char.IsControl(c))
            {
                throw Invalid($"'{field}' ('{fileName}') contains a line break or control character.", nameof(EmailMessage.Attachments));
            }
        }

        if (fileName.AsSpan().ContainsAny('"', '\\', '/'))
        {
            throw Invalid($"'{field}' ('{fileName}') contains a quote, backslash or slash, which a multipart file name cannot carry.", nameof(EmailMessage.Attachments));
        }
    }
}
