using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Martech.Sdk.Postmark;

/// <summary>
/// Checks an <see cref="EmailMessage"/> against Postmark's rules and turns it into Postmark's wire message, before
/// any network call: <see cref="EmailMessage.Validate"/>, then what Postmark cannot carry or will refuse.
/// </summary>
internal sealed class PostmarkMessageBuilder(PostmarkOptions options)
{
    // Characters that force a display name into quotes (RFC 5322 specials): Postmark splits lists on commas.
    private static readonly SearchValues<char> Specials = SearchValues.Create("()<>[]:;@\\,.\"");

    /// <summary>Validates and converts a message.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="message"/> is null.</exception>
    /// <exception cref="ArgumentException">The message is invalid or breaks a Postmark limit; the message names the field.</exception>
    /// <exception cref="NotSupportedException">The message asks for something Postmark does not do (scheduling).</exception>
    public PostmarkPreparedMessage Build(EmailMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        message.Validate();
        if (message.SendAt is not null)
        {
            throw new NotSupportedException(
                "EmailMessage.SendAt is set, but Postmark cannot schedule sends: nothing was sent. Send at the time you want (for example from a job scheduler), or use a provider that schedules.");
        }

        int recipientCount = message.ToOrEmpty.Count + message.CcOrEmpty.Count + message.BccOrEmpty.Count;
        if (recipientCount > options.MaxRecipientsPerMessage)
        {
            throw Invalid(
                $"EmailMessage has {recipientCount} recipients in To, Cc and Bcc; Postmark takes at most {options.MaxRecipientsPerMessage} per message. Send it as several messages.",
                nameof(EmailMessage.To));
        }

        if (message.TagsOrEmpty.Count > 1)
        {
            throw Invalid(
                $"EmailMessage.Tags has {message.TagsOrEmpty.Count} tags; Postmark takes one Tag per message. Put further labels in Metadata.",
                nameof(EmailMessage.Tags));
        }

        var recipients = new List<EmailAddress>(recipientCount);
        AddDistinct(recipients, message.ToOrEmpty);
        AddDistinct(recipients, message.CcOrEmpty);
        AddDistinct(recipients, message.BccOrEmpty);
        var request = new PostmarkEmailRequest
        {
            From = Format(message.From!),
            To = FormatList(message.ToOrEmpty),
            Cc = message.CcOrEmpty.Count == 0 ? null : FormatList(message.CcOrEmpty),
            Bcc = message.BccOrEmpty.Count == 0 ? null : FormatList(message.BccOrEmpty),
            ReplyTo = message.ReplyTo is null ? null : Format(message.ReplyTo),
            Tag = message.TagsOrEmpty.Count == 1 ? message.TagsOrEmpty[0] : null,
            TrackOpens = options.TrackOpens,
            TrackLinks = options.TrackLinks?.ToString(),
            MessageStream = message.Purpose == SendPurpose.Transactional ? options.MessageStream : options.BroadcastMessageStream,
        };

        long size = 0;
        bool isTemplate = message.TemplateId is not null;
        if (isTemplate)
        {
            if (message.Subject is not null || message.TextBody is not null || message.HtmlBody is not null)
            {
                throw Invalid(
                    "EmailMessage has a TemplateId and also a Subject, TextBody or HtmlBody; a Postmark template renders its own subject and bodies, so these would be lost. Leave them empty and pass values in TemplateData.",
                    message.Subject is not null ? nameof(EmailMessage.Subject) : nameof(EmailMessage.TextBody));
            }

            string templateId = message.TemplateId!.Trim();
            if (long.TryParse(templateId, NumberStyles.None, CultureInfo.InvariantCulture, out long numericId))
            {
                request.TemplateId = numericId;
            }
            else
            {
                request.TemplateAlias = templateId;
            }

            // Postmark requires a model; the caller's object is copied, not moved, so the message stays reusable.
            request.TemplateModel = message.TemplateData is null ? new JsonObject() : (JsonObject)message.TemplateData.DeepClone();
        }
        else
        {
            request.Subject = message.Subject;
            request.TextBody = message.TextBody;
            request.HtmlBody = message.HtmlBody;
            size += BodySize(message.TextBody, nameof(EmailMessage.TextBody));
            size += BodySize(message.HtmlBody, nameof(EmailMessage.HtmlBody));
        }

        if (message.HeadersOrEmpty.Count > 0)
        {
            request.Headers = new List<PostmarkHeader>(message.HeadersOrEmpty.Count);
            foreach (var (name, value) in message.HeadersOrEmpty)
            {
                request.Headers.Add(new PostmarkHeader(name, value));
            }
        }

        request.Metadata = Metadata(message);
        if (message.AttachmentsOrEmpty.Count > 0)
        {
            request.Attachments = new List<PostmarkAttachment>(message.AttachmentsOrEmpty.Count);
            foreach (EmailAttachment attachment in message.AttachmentsOrEmpty)
            {
                string content = Convert.ToBase64String(attachment.Content.Span);
                size += content.Length;
                request.Attachments.Add(new PostmarkAttachment
                {
                    Name = attachment.FileName,
                    Content = content,
                    ContentType = attachment.ContentType,
                    ContentId = ContentId(attachment.ContentId),
                });
            }
        }

        if (size > PostmarkOptions.MaxMessageBytes)
        {
            throw Invalid(
                $"EmailMessage is {Megabytes(size)} with its attachments base64-encoded; Postmark takes at most {Megabytes(PostmarkOptions.MaxMessageBytes)} per message.",
                nameof(EmailMessage.Attachments));
        }

        return new PostmarkPreparedMessage(request, isTemplate, recipients, size);
    }

    /// <summary>A mailbox as Postmark writes it: <c>address</c> or <c>Name &lt;address&gt;</c>, the name quoted when it
    /// holds a comma or another special character.</summary>
    internal static string Format(Mailbox mailbox)
    {
        if (mailbox.DisplayName is not { } name)
        {
            return mailbox.Address.Value;
        }

        if (name.IndexOfAny(Specials) >= 0)
        {
            name = "\"" + name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
        }

        return $"{name} <{mailbox.Address.Value}>";
    }

    private static string FormatList(IList<Mailbox> mailboxes)
    {
        if (mailboxes.Count == 1)
        {
            return Format(mailboxes[0]);
        }

        var sb = new StringBuilder();
        for (int i = 0; i < mailboxes.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(", ");
            }

            sb.Append(Format(mailboxes[i]));
        }

        return sb.ToString();
    }

    private static long BodySize(string? body, string field)
    {
        if (body is null)
        {
            return 0;
        }

        long bytes = Encoding.UTF8.GetByteCount(body);
        if (bytes > PostmarkOptions.MaxBodyBytes)
        {
            throw Invalid(
                $"EmailMessage.{field} is {Megabytes(bytes)}; Postmark takes at most {Megabytes(PostmarkOptions.MaxBodyBytes)} per body.",
                field);
        }

        return bytes;
    }

    private Dictionary<string, string>? Metadata(EmailMessage message)
    {
        if (message.MetadataOrEmpty.Count == 0 && message.CampaignId is null)
        {
            return null;
        }

        var metadata = new Dictionary<string, string>(message.MetadataOrEmpty.Count + 1, StringComparer.Ordinal);
        foreach (var (key, value) in message.MetadataOrEmpty)
        {
            // Postmark treats keys that differ only in case as duplicates; metadata is small, so a scan will do.
            if (FindIgnoringCase(metadata, key) is { } other)
            {
                throw Invalid($"EmailMessage.Metadata has the keys '{other}' and '{key}', which Postmark treats as the same key.", nameof(EmailMessage.Metadata));
            }

            metadata.Add(key, value);
        }

        if (message.CampaignId is { } campaignId)
        {
            ThrowIfInvalidCampaignId(campaignId);
            string key = options.CampaignIdMetadataKey;
            if (FindIgnoringCase(metadata, key) is { } existingKey)
            {
                string existing = metadata[existingKey];
                if (!string.Equals(existingKey, key, StringComparison.Ordinal) || !string.Equals(existing, campaignId, StringComparison.Ordinal))
                {
                    throw Invalid(
                        $"EmailMessage.CampaignId ('{campaignId}') is sent as Metadata['{key}'], which already holds '{existing}' (as '{existingKey}').",
                        nameof(EmailMessage.CampaignId));
                }
            }

            metadata[key] = campaignId;
        }

        return metadata;
    }

    private static string? FindIgnoringCase(Dictionary<string, string> metadata, string key)
    {
        foreach (string existing in metadata.Keys)
        {
            if (string.Equals(existing, key, StringComparison.OrdinalIgnoreCase))
            {
                return existing;
            }
        }

        return null;
    }

    private static void AddDistinct(List<EmailAddress> recipients, IList<Mailbox> mailboxes)
    {
        for (int i = 0; i < mailboxes.Count; i++)
        {
            EmailAddress address = mailboxes[i].Address;
            if (!recipients.Contains(address))
            {
                recipients.Add(address);
            }
        }
    }

    private static void ThrowIfInvalidCampaignId(string campaignId)
    {
        if (string.IsNullOrWhiteSpace(campaignId) || campaignId.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            throw Invalid("EmailMessage.CampaignId is empty or contains a line break.", nameof(EmailMessage.CampaignId));
        }
    }

    private static string? ContentId(string? contentId)
    {
        if (string.IsNullOrWhiteSpace(contentId))
        {
            return null;
        }

        contentId = contentId.Trim();
        return contentId.StartsWith("cid:", StringComparison.OrdinalIgnoreCase) ? contentId : "cid:" + contentId;
    }

    /// <summary>An upper estimate of a message's share of a batch body: its counted content (bodies, base64
    /// attachments) plus its template model and every other string as JSON text, with room for names and escapes.</summary>
    internal static long EstimateJsonSize(PostmarkEmailRequest request, long contentSize)
    {
        long size = contentSize + 512;
        if (request.TemplateModel is { } model)
        {
            size += Encoding.UTF8.GetByteCount(model.ToJsonString());
        }

        foreach (string? text in (ReadOnlySpan<string?>)[request.From, request.To, request.Cc, request.Bcc, request.ReplyTo, request.Subject, request.Tag, request.TemplateAlias, request.MessageStream])
        {
            size += text is null ? 0 : (2L * Encoding.UTF8.GetByteCount(text)) + 16;
        }

        // Bodies: escaped quotes, backslashes and line breaks take two bytes, other control characters six.
        foreach (string? body in (ReadOnlySpan<string?>)[request.TextBody, request.HtmlBody])
        {
            if (body is null)
            {
                continue;
            }

            foreach (char c in body)
            {
                if (c is '"' or '\\' or '\n' or '\r' or '\t')
                {
                    size++;
                }
                else if (c < ' ')
                {
                    size += 5;
                }
            }
        }

        if (request.Headers is { } headers)
        {
            foreach (PostmarkHeader header in headers)
            {
                size += (2L * (Encoding.UTF8.GetByteCount(header.Name) + Encoding.UTF8.GetByteCount(header.Value))) + 32;
            }
        }

        if (request.Metadata is { } metadata)
        {
            foreach (var (key, value) in metadata)
            {
                size += (2L * (Encoding.UTF8.GetByteCount(key) + Encoding.UTF8.GetByteCount(value))) + 8;
            }
        }

        if (request.Attachments is { } attachments)
        {
            foreach (PostmarkAttachment attachment in attachments)
            {
                size += (2L * (Encoding.UTF8.GetByteCount(attachment.Name) + attachment.ContentType.Length + (attachment.ContentId?.Length ?? 0))) + 64;
            }
        }

        return size;
    }

    // The field is the EmailMessage property at fault, as EmailMessage.Validate names it.
    private static ArgumentException Invalid(string message, string field) => new(message, field);

    private static string Megabytes(long bytes) =>
        (bytes / (1024.0 * 1024.0)).ToString("0.##", CultureInfo.InvariantCulture) + " MB";
}
