using System.Text.Json.Nodes;

namespace Martech.Sdk;

/// <summary>An email to send: content or a vendor template with data, recipients, tracking and scheduling.</summary>
/// <remarks>Call <see cref="Validate"/> (providers do) to check it before any network call.</remarks>
public sealed class EmailMessage
{
    /// <summary>The sender. Required.</summary>
    public Mailbox? From { get; set; }

    /// <summary>Where replies go, when not to <see cref="From"/>.</summary>
    public Mailbox? ReplyTo { get; set; }

    /// <summary>The recipients. At least one is required.</summary>
    public IList<Mailbox> To { get; init; } = new List<Mailbox>();

    /// <summary>Copy recipients.</summary>
    public IList<Mailbox> Cc { get; init; } = new List<Mailbox>();

    /// <summary>Blind-copy recipients.</summary>
    public IList<Mailbox> Bcc { get; init; } = new List<Mailbox>();

    /// <summary>The subject. Required unless <see cref="TemplateId"/> is set (the template may hold it).</summary>
    public string? Subject { get; set; }

    /// <summary>The plain-text body.</summary>
    public string? TextBody { get; set; }

    /// <summary>The HTML body.</summary>
    public string? HtmlBody { get; set; }

    /// <summary>The vendor's template id; when set, the bodies may be omitted.</summary>
    public string? TemplateId { get; set; }

    /// <summary>Data for the template's placeholders.</summary>
    public JsonObject? TemplateData { get; set; }

    /// <summary>Files to attach.</summary>
    public IList<EmailAttachment> Attachments { get; init; } = new List<EmailAttachment>();

    /// <summary>Extra headers. Names must be valid header names; values must not contain line breaks.</summary>
    public IDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Tags or categories for reporting (SendGrid categories, Mailgun <c>o:tag</c>, Postmark Tag).</summary>
    public IList<string> Tags { get; init; } = new List<string>();

    /// <summary>Key/value data echoed back in webhook events (SendGrid custom_args, Mailgun <c>v:</c> variables, Postmark Metadata).</summary>
    public IDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Send later at this time. A provider whose vendor cannot schedule throws
    /// <see cref="NotSupportedException"/> before sending rather than send now.</summary>
    public DateTimeOffset? SendAt { get; set; }

    /// <summary>Marketing or transactional. The default value is <see cref="SendPurpose.Marketing"/>.</summary>
    public SendPurpose Purpose { get; set; } = SendPurpose.Marketing;

    /// <summary>The campaign this send belongs to, for stats.</summary>
    public string? CampaignId { get; set; }

    /// <summary>Every recipient: <see cref="To"/>, <see cref="Cc"/> and <see cref="Bcc"/>.</summary>
    public IEnumerable<Mailbox> AllRecipients => To.Concat(Cc).Concat(Bcc);

    /// <summary>Copies the message: a new message with the same values and its own lists and dictionaries, so
    /// middleware can change recipients without touching the caller's message. Attachments and template data are
    /// shared, not deep-copied.</summary>
    /// <returns>The copy.</returns>
    public EmailMessage Clone() => new()
    {
        From = From,
        ReplyTo = ReplyTo,
        To = new List<Mailbox>(To),
        Cc = new List<Mailbox>(Cc),
        Bcc = new List<Mailbox>(Bcc),
        Subject = Subject,
        TextBody = TextBody,
        HtmlBody = HtmlBody,
        TemplateId = TemplateId,
        TemplateData = TemplateData,
        Attachments = new List<EmailAttachment>(Attachments),
        Headers = new Dictionary<string, string>(Headers, StringComparer.OrdinalIgnoreCase),
        Tags = new List<string>(Tags),
        Metadata = new Dictionary<string, string>(Metadata, StringComparer.Ordinal),
        SendAt = SendAt,
        Purpose = Purpose,
        CampaignId = CampaignId,
    };

    /// <summary>Checks the message before any network call.</summary>
    /// <remarks>One-line fields (the subject, header values, tags, metadata, attachment names and types) refuse line
    /// breaks (CR, LF, U+0085, U+2028, U+2029) and control characters but TAB; the bodies refuse control characters but
    /// TAB and line breaks. A valid message is checked without allocating.</remarks>
    /// <exception cref="ArgumentException">The message is incomplete or unsafe; the message names the field and, for a
    /// forbidden character, the character and its index.</exception>
    public void Validate()
    {
        if (From is null)
        {
            throw new ArgumentException("EmailMessage.From is required.", nameof(From));
        }

        if (To.Count == 0)
        {
            throw new ArgumentException("EmailMessage.To needs at least one recipient.", nameof(To));
        }

        ThrowIfNullItem(To, nameof(To));
        ThrowIfNullItem(Cc, nameof(Cc));
        ThrowIfNullItem(Bcc, nameof(Bcc));
        HeaderValidation.ThrowIfHasLineBreak(Subject, "EmailMessage.Subject");
        HeaderValidation.ThrowIfHasControl(TextBody, "EmailMessage.TextBody");
        HeaderValidation.ThrowIfHasControl(HtmlBody, "EmailMessage.HtmlBody");
        HeaderValidation.ThrowIfHasLineBreak(TemplateId, "EmailMessage.TemplateId");
        HeaderValidation.ThrowIfHasLineBreak(CampaignId, "EmailMessage.CampaignId");
        if (TemplateId is null)
        {
            if (string.IsNullOrWhiteSpace(Subject))
            {
                throw new ArgumentException("EmailMessage.Subject is required when no TemplateId is set.", nameof(Subject));
            }

            if (string.IsNullOrWhiteSpace(TextBody) && string.IsNullOrWhiteSpace(HtmlBody))
            {
                throw new ArgumentException("EmailMessage needs a TextBody or an HtmlBody when no TemplateId is set.", nameof(TextBody));
            }
        }
        else if (string.IsNullOrWhiteSpace(TemplateId))
        {
            throw new ArgumentException("EmailMessage.TemplateId is empty.", nameof(TemplateId));
        }

        // The concrete types are enumerated directly: a foreach through IDictionary boxes its enumerator.
        if (Headers is Dictionary<string, string> headers)
        {
            foreach (KeyValuePair<string, string> header in headers)
            {
                CheckHeader(header.Key, header.Value, nameof(Headers));
            }
        }
        else
        {
            foreach (KeyValuePair<string, string> header in Headers)
            {
                CheckHeader(header.Key, header.Value, nameof(Headers));
            }
        }

        IList<string> tags = Tags;
        for (int i = 0; i < tags.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(tags[i]))
            {
                throw new ArgumentException($"EmailMessage.Tags has an empty tag at index {i}.", nameof(Tags));
            }

            HeaderValidation.ThrowIfHasLineBreak(tags[i], "EmailMessage.Tags", index: i);
        }

        if (Metadata is Dictionary<string, string> metadata)
        {
            foreach (KeyValuePair<string, string> entry in metadata)
            {
                CheckMetadata(entry.Key, entry.Value, nameof(Metadata));
            }
        }
        else
        {
            foreach (KeyValuePair<string, string> entry in Metadata)
            {
                CheckMetadata(entry.Key, entry.Value, nameof(Metadata));
            }
        }

        for (int i = 0; i < Attachments.Count; i++)
        {
            EmailAttachment? attachment = Attachments[i];
            if (attachment is null)
            {
                throw new ArgumentException($"EmailMessage.Attachments[{i}] is null.", nameof(Attachments));
            }

            if (string.IsNullOrWhiteSpace(attachment.FileName))
            {
                throw new ArgumentException($"EmailMessage.Attachments[{i}] has no file name.", nameof(Attachments));
            }

            HeaderValidation.ThrowIfHasLineBreak(attachment.FileName, "EmailMessage.Attachments", index: i, suffix: ".FileName");
            if (string.IsNullOrWhiteSpace(attachment.ContentType) || !attachment.ContentType.Contains('/', StringComparison.Ordinal))
            {
                throw new ArgumentException($"EmailMessage.Attachments[{i}] ('{attachment.FileName}') has no valid content type such as application/pdf.", nameof(Attachments));
            }

            HeaderValidation.ThrowIfHasLineBreak(attachment.ContentType, "EmailMessage.Attachments", index: i, suffix: ".ContentType");
            HeaderValidation.ThrowIfHasLineBreak(attachment.ContentId, "EmailMessage.Attachments", index: i, suffix: ".ContentId");
            if (attachment.Content.IsEmpty)
            {
                throw new ArgumentException($"EmailMessage.Attachments[{i}] ('{attachment.FileName}') is empty.", nameof(Attachments));
            }
        }
    }

    private static void CheckHeader(string name, string value, string paramName)
    {
        if (!HeaderValidation.IsValidHeaderName(name))
        {
            throw new ArgumentException($"EmailMessage.Headers has an invalid header name '{name}': a header name is printable ASCII without spaces or colons.", paramName);
        }

        HeaderValidation.ThrowIfHasLineBreak(value, "EmailMessage.Headers", key: name);
    }

    private static void CheckMetadata(string key, string value, string paramName)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            throw new ArgumentException("EmailMessage.Metadata has an empty key.", paramName);
        }

        HeaderValidation.ThrowIfHasLineBreak(key, "EmailMessage.Metadata key");
        HeaderValidation.ThrowIfHasLineBreak(value, "EmailMessage.Metadata", key: key);
    }

    private static void ThrowIfNullItem(IList<Mailbox> list, string name)
    {
        for (int i = 0; i < list.Count; i++)
        {
            if (list[i] is null)
            {
                throw new ArgumentException($"EmailMessage.{name}[{i}] is null.", name);
            }
        }
    }
}
