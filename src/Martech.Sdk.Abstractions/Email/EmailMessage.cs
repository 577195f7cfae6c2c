using System.Collections.ObjectModel;
using System.Text.Json.Nodes;

namespace Martech.Sdk;

/// <summary>An email to send: content or a vendor template with data, recipients, tracking and scheduling.</summary>
/// <remarks>Call <see cref="Validate"/> (providers do) to check it before any network call.</remarks>
public sealed class EmailMessage
{
    private static readonly IDictionary<string, string> NoPairs = ReadOnlyDictionary<string, string>.Empty;

    // Created on first read of the public property, so a message that never touches a collection does not pay for it;
    // the *OrEmpty views below read without creating one.
    private IList<Mailbox>? _to;
    private IList<Mailbox>? _cc;
    private IList<Mailbox>? _bcc;
    private IList<EmailAttachment>? _attachments;
    private IDictionary<string, string>? _headers;
    private IList<string>? _tags;
    private IDictionary<string, string>? _metadata;

    /// <summary>The sender. Required.</summary>
    public Mailbox? From { get; set; }

    /// <summary>Where replies go, when not to <see cref="From"/>.</summary>
    public Mailbox? ReplyTo { get; set; }

    /// <summary>The recipients. At least one is required.</summary>
    public IList<Mailbox> To { get => _to ??= new List<Mailbox>(); init => _to = value; }

    /// <summary>Copy recipients.</summary>
    public IList<Mailbox> Cc { get => _cc ??= new List<Mailbox>(); init => _cc = value; }

    /// <summary>Blind-copy recipients.</summary>
    public IList<Mailbox> Bcc { get => _bcc ??= new List<Mailbox>(); init => _bcc = value; }

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
    public IList<EmailAttachment> Attachments { get => _attachments ??= new List<EmailAttachment>(); init => _attachments = value; }

    /// <summary>Extra headers. Names must be valid header names; values must not contain line breaks.</summary>
    public IDictionary<string, string> Headers { get => _headers ??= new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase); init => _headers = value; }

    /// <summary>Tags or categories for reporting (SendGrid categories, Mailgun <c>o:tag</c>, Postmark Tag).</summary>
    public IList<string> Tags { get => _tags ??= new List<string>(); init => _tags = value; }

    /// <summary>Key/value data echoed back in webhook events (SendGrid custom_args, Mailgun <c>v:</c> variables, Postmark Metadata).</summary>
    public IDictionary<string, string> Metadata { get => _metadata ??= new Dictionary<string, string>(StringComparer.Ordinal); init => _metadata = value; }

    /// <summary>Send later at this time. A provider whose vendor cannot schedule throws
    /// <see cref="NotSupportedException"/> before sending rather than send now.</summary>
    public DateTimeOffset? SendAt { get; set; }

    /// <summary>Marketing or transactional. The default value is <see cref="SendPurpose.Marketing"/>.</summary>
    public SendPurpose Purpose { get; set; } = SendPurpose.Marketing;

    /// <summary>The campaign this send belongs to, for stats.</summary>
    public string? CampaignId { get; set; }

    /// <summary>Every recipient: <see cref="To"/>, <see cref="Cc"/> and <see cref="Bcc"/>.</summary>
    public IEnumerable<Mailbox> AllRecipients => _cc is not { Count: > 0 } && _bcc is not { Count: > 0 } ? ToOrEmpty : ToOrEmpty.Concat(CcOrEmpty).Concat(BccOrEmpty);

    /// <summary><see cref="To"/> without creating the list when it was never read or set: read-only use only.</summary>
    internal IList<Mailbox> ToOrEmpty => _to ?? Array.Empty<Mailbox>();

    /// <summary><see cref="Cc"/> without creating the list: read-only use only.</summary>
    internal IList<Mailbox> CcOrEmpty => _cc ?? Array.Empty<Mailbox>();

    /// <summary><see cref="Bcc"/> without creating the list: read-only use only.</summary>
    internal IList<Mailbox> BccOrEmpty => _bcc ?? Array.Empty<Mailbox>();

    /// <summary><see cref="Attachments"/> without creating the list: read-only use only.</summary>
    internal IList<EmailAttachment> AttachmentsOrEmpty => _attachments ?? Array.Empty<EmailAttachment>();

    /// <summary><see cref="Headers"/> without creating the dictionary: read-only use only.</summary>
    internal IDictionary<string, string> HeadersOrEmpty => _headers ?? NoPairs;

    /// <summary><see cref="Tags"/> without creating the list: read-only use only.</summary>
    internal IList<string> TagsOrEmpty => _tags ?? Array.Empty<string>();

    /// <summary><see cref="Metadata"/> without creating the dictionary: read-only use only.</summary>
    internal IDictionary<string, string> MetadataOrEmpty => _metadata ?? NoPairs;

    /// <summary>Copies the message: a new message with the same values and its own lists and dictionaries, so
    /// middleware can change recipients without touching the caller's message. Attachments and template data are
    /// shared, not deep-copied.</summary>
    /// <returns>The copy.</returns>
    public EmailMessage Clone() => new()
    {
        From = From,
        ReplyTo = ReplyTo,
        To = _to is null ? null! : new List<Mailbox>(_to),
        Cc = _cc is null ? null! : new List<Mailbox>(_cc),
        Bcc = _bcc is null ? null! : new List<Mailbox>(_bcc),
        Subject = Subject,
        TextBody = TextBody,
        HtmlBody = HtmlBody,
        TemplateId = TemplateId,
        TemplateData = TemplateData,
        Attachments = _attachments is null ? null! : new List<EmailAttachment>(_attachments),
        Headers = _headers is null ? null! : new Dictionary<string, string>(_headers, StringComparer.OrdinalIgnoreCase),
        Tags = _tags is null ? null! : new List<string>(_tags),
        Metadata = _metadata is null ? null! : new Dictionary<string, string>(_metadata, StringComparer.Ordinal),
        SendAt = SendAt,
        Purpose = Purpose,
        CampaignId = CampaignId,
    };

    /// <summary>Set by middleware (consent) that has just validated this message and forwards it unchanged, for the
    /// duration of the forwarded call, so the provider's <see cref="Validate"/> does not check it a second time.</summary>
    internal bool IsPrevalidated { get; set; }

    /// <summary>Checks the message before any network call.</summary>
    /// <remarks>One-line fields (the subject, header values, tags, metadata, attachment names and types) refuse line
    /// breaks (CR, LF, U+0085, U+2028, U+2029) and control characters but TAB; the bodies refuse control characters but
    /// TAB and line breaks. A valid message is checked without allocating.</remarks>
    /// <exception cref="ArgumentException">The message is incomplete or unsafe; the message names the field and, for a
    /// forbidden character, the character and its index.</exception>
    public void Validate()
    {
        if (IsPrevalidated)
        {
            return;
        }

        if (From is null)
        {
            throw new ArgumentException("EmailMessage.From is required.", nameof(From));
        }

        if (ToOrEmpty.Count == 0)
        {
            throw new ArgumentException("EmailMessage.To needs at least one recipient.", nameof(To));
        }

        ThrowIfNullItem(ToOrEmpty, nameof(To));
        ThrowIfNullItem(CcOrEmpty, nameof(Cc));
        ThrowIfNullItem(BccOrEmpty, nameof(Bcc));
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
        if (_headers is Dictionary<string, string> headers)
        {
            foreach (KeyValuePair<string, string> header in headers)
            {
                CheckHeader(header.Key, header.Value, nameof(Headers));
            }
        }
        else if (_headers is not null)
        {
            foreach (KeyValuePair<string, string> header in _headers)
            {
                CheckHeader(header.Key, header.Value, nameof(Headers));
            }
        }

        IList<string> tags = TagsOrEmpty;
        for (int i = 0; i < tags.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(tags[i]))
            {
                throw new ArgumentException($"EmailMessage.Tags has an empty tag at index {i}.", nameof(Tags));
            }

            HeaderValidation.ThrowIfHasLineBreak(tags[i], "EmailMessage.Tags", index: i);
        }

        if (_metadata is Dictionary<string, string> metadata)
        {
            foreach (KeyValuePair<string, string> entry in metadata)
            {
                CheckMetadata(entry.Key, entry.Value, nameof(Metadata));
            }
        }
        else if (_metadata is not null)
        {
            foreach (KeyValuePair<string, string> entry in _metadata)
            {
                CheckMetadata(entry.Key, entry.Value, nameof(Metadata));
            }
        }

        for (int i = 0; i < AttachmentsOrEmpty.Count; i++)
        {
            EmailAttachment? attachment = AttachmentsOrEmpty[i];
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
