using System.Text;

namespace Martech.Sdk;

/// <summary>
/// Checks a message against SendGrid's mail send limits before any I/O, after <see cref="EmailMessage.Validate"/>:
/// at most 1,000 recipients, each address once, at most 10 distinct categories of at most 255 characters, no
/// reserved header, template data only with a dynamic (<c>d-</c>) template, <c>send_at</c> at most 72 hours ahead,
/// custom arguments of at most 10,000 bytes, and the configured message size.
/// </summary>
internal static class SendGridMessageValidation
{
    /// <summary>The most recipients (to, cc and bcc together) of one mail send request.</summary>
    public const int MaxRecipients = 1000;

    /// <summary>The most categories of a send.</summary>
    public const int MaxCategories = 10;

    /// <summary>The longest category.</summary>
    public const int MaxCategoryLength = 255;

    /// <summary>The most bytes of a personalization's custom arguments.</summary>
    public const int MaxCustomArgsBytes = 10_000;

    /// <summary>How far ahead SendGrid schedules a send.</summary>
    public static readonly TimeSpan MaxScheduleAhead = TimeSpan.FromHours(72);

    // SendGrid refuses to let a send override these (mail send API, "headers").
    private static readonly HashSet<string> ReservedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "x-sg-id", "x-sg-eid", "received", "dkim-signature", "Content-Type", "Content-Transfer-Encoding",
        "To", "From", "Subject", "Reply-To", "CC", "BCC",
    };

    /// <summary>Validates a message for SendGrid.</summary>
    /// <param name="message">The message.</param>
    /// <param name="options">The instance's options.</param>
    /// <param name="now">The current time, for the scheduling limit.</param>
    /// <exception cref="ArgumentNullException"><paramref name="message"/> is null.</exception>
    /// <exception cref="ArgumentException">The message is invalid; the message names the field.</exception>
    public static void Validate(EmailMessage message, SendGridOptions options, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(message);
        message.Validate();
        ValidateRecipients(message);
        ValidateTemplate(message);
        ValidateHeaders(message);
        ValidateCategories(message);
        ValidateCustomArgs(message, options);
        ValidateAttachments(message);
        if (message.SendAt is { } sendAt && sendAt - now > MaxScheduleAhead)
        {
            throw Invalid(
                $"EmailMessage.SendAt ({sendAt:O}) is more than 72 hours ahead; SendGrid schedules sends at most 72 hours in advance.",
                nameof(EmailMessage.SendAt));
        }

        long size = EstimateSize(message);
        if (size > options.MaxMessageBytes)
        {
            throw Invalid(
                $"EmailMessage is about {size} bytes with its attachments Base64-encoded; the limit is {options.MaxMessageBytes} (SendGridOptions.MaxMessageBytes).",
                message.AttachmentsOrEmpty.Count > 0 ? nameof(EmailMessage.Attachments) : nameof(EmailMessage.HtmlBody));
        }
    }

    /// <summary>The categories of a message as sent: its tags, each once, in order.</summary>
    public static IReadOnlyList<string>? Categories(EmailMessage message)
    {
        if (message.TagsOrEmpty.Count == 0)
        {
            return null;
        }

        if (message.TagsOrEmpty.Count > MaxCategories)
        {
            // Validated: at most ten distinct tags, so the pairwise scan below stays short per tag.
            var distinct = new List<string>(MaxCategories);
            foreach (string tag in message.TagsOrEmpty)
            {
                if (IndexOf(distinct, tag, distinct.Count) < 0)
                {
                    distinct.Add(tag);
                }
            }

            return distinct;
        }

        var categories = new List<string>(message.TagsOrEmpty.Count);
        for (int i = 0; i < message.TagsOrEmpty.Count; i++)
        {
            if (IndexOf(message.TagsOrEmpty, message.TagsOrEmpty[i], i) < 0)
            {
                categories.Add(message.TagsOrEmpty[i]);
            }
        }

        return categories;
    }

    private static void ValidateRecipients(EmailMessage message)
    {
        int count = message.ToOrEmpty.Count + message.CcOrEmpty.Count + message.BccOrEmpty.Count;
        if (count > MaxRecipients)
        {
            throw Invalid(
                $"EmailMessage has {count} recipients (To, Cc and Bcc); SendGrid accepts at most {MaxRecipients} per message.",
                nameof(EmailMessage.To));
        }

        if (count == 1)
        {
            return;
        }

        // A set only for long lists: the usual message has a handful of recipients, compared pairwise without allocating.
        HashSet<EmailAddress>? seen = count > 16 ? new HashSet<EmailAddress>(count) : null;
        CheckUnique(message, message.ToOrEmpty, nameof(EmailMessage.To), seen);
        CheckUnique(message, message.CcOrEmpty, nameof(EmailMessage.Cc), seen);
        CheckUnique(message, message.BccOrEmpty, nameof(EmailMessage.Bcc), seen);
    }

    private static void CheckUnique(EmailMessage message, IList<Mailbox> list, string field, HashSet<EmailAddress>? seen)
    {
        for (int i = 0; i < list.Count; i++)
        {
            EmailAddress address = list[i].Address;
            if (seen is not null ? !seen.Add(address) : SeenBefore(message, list, i, address))
            {
                throw Invalid(
                    $"EmailMessage.{field}[{i}] ({address}) is already a recipient; SendGrid requires each address once across To, Cc and Bcc.",
                    field);
            }
        }
    }

    // Whether the address appears before position i of list, in the To, Cc, Bcc order.
    private static bool SeenBefore(EmailMessage message, IList<Mailbox> list, int i, EmailAddress address)
    {
        foreach (IList<Mailbox> earlier in (ReadOnlySpan<IList<Mailbox>>)[message.ToOrEmpty, message.CcOrEmpty, message.BccOrEmpty])
        {
            int end = ReferenceEquals(earlier, list) ? i : earlier.Count;
            for (int j = 0; j < end; j++)
            {
                if (earlier[j].Address == address)
                {
                    return true;
                }
            }

            if (ReferenceEquals(earlier, list))
            {
                return false;
            }
        }

        return false;
    }

    private static void ValidateTemplate(EmailMessage message)
    {
        if (message.TemplateData is null)
        {
            return;
        }

        if (message.TemplateId is null)
        {
            throw Invalid("EmailMessage.TemplateData is set but TemplateId is not; SendGrid would ignore the data.", nameof(EmailMessage.TemplateData));
        }

        if (!message.TemplateId.StartsWith("d-", StringComparison.Ordinal))
        {
            throw Invalid(
                $"EmailMessage.TemplateData needs a SendGrid dynamic template (an id starting with 'd-'); '{message.TemplateId}' is a legacy template, which takes substitutions, not data.",
                nameof(EmailMessage.TemplateData));
        }
    }

    private static void ValidateHeaders(EmailMessage message)
    {
        if (message.HeadersOrEmpty.Count == 0)
        {
            return;
        }

        foreach (string name in message.HeadersOrEmpty.Keys)
        {
            if (ReservedHeaders.Contains(name))
            {
                throw Invalid(
                    $"EmailMessage.Headers cannot set '{name}': SendGrid does not let a send override it; use the message's own property instead.",
                    nameof(EmailMessage.Headers));
            }
        }
    }

    private static void ValidateCategories(EmailMessage message)
    {
        IList<string> tags = message.TagsOrEmpty;
        for (int i = 0; i < tags.Count; i++)
        {
            string tag = tags[i];
            if (tag.Length > MaxCategoryLength)
            {
                throw Invalid(
                    $"EmailMessage.Tags has a tag of {tag.Length} characters; SendGrid categories are at most {MaxCategoryLength}.",
                    nameof(EmailMessage.Tags));
            }
        }

        // Up to ten tags cannot be more than ten categories: only longer lists need counting.
        int distinct = tags.Count <= MaxCategories ? tags.Count : new HashSet<string>(tags, StringComparer.Ordinal).Count;
        if (distinct > MaxCategories)
        {
            throw Invalid(
                $"EmailMessage.Tags has {distinct} distinct tags; SendGrid accepts at most {MaxCategories} categories per message.",
                nameof(EmailMessage.Tags));
        }
    }

    /// <summary>The first position before <paramref name="end"/> holding <paramref name="value"/>, or -1.</summary>
    internal static int IndexOf(IList<string> values, string value, int end)
    {
        for (int j = 0; j < end; j++)
        {
            if (string.Equals(values[j], value, StringComparison.Ordinal))
            {
                return j;
            }
        }

        return -1;
    }

    private static void ValidateCustomArgs(EmailMessage message, SendGridOptions options)
    {
        if (message.CampaignId is { } campaign)
        {
            if (string.IsNullOrWhiteSpace(campaign))
            {
                throw Invalid("EmailMessage.CampaignId is empty.", nameof(EmailMessage.CampaignId));
            }

            ThrowIfControlCharacter(campaign, "EmailMessage.CampaignId");
            if (message.MetadataOrEmpty.TryGetValue(options.CampaignIdArgument, out string? other) && !string.Equals(other, campaign, StringComparison.Ordinal))
            {
                throw Invalid(
                    $"EmailMessage.Metadata['{options.CampaignIdArgument}'] ('{other}') differs from EmailMessage.CampaignId ('{campaign}'); SendGrid sends the campaign id under that key.",
                    nameof(EmailMessage.Metadata));
            }
        }

        if (message.MetadataOrEmpty.Count == 0 && message.CampaignId is null)
        {
            return;
        }

        // The JSON object as sent: {"k":"v",...}; quotes, colon and comma are 6 bytes a pair, escapes aside.
        int bytes = 2 + PairBytes(message.MetadataOrEmpty, message.CampaignId is null ? null : options.CampaignIdArgument);
        if (message.CampaignId is { } id)
        {
            bytes += Encoding.UTF8.GetByteCount(options.CampaignIdArgument) + Encoding.UTF8.GetByteCount(id) + 6;
        }

        if (bytes > MaxCustomArgsBytes)
        {
            throw Invalid(
                $"EmailMessage.Metadata (with the campaign id) is about {bytes} bytes as custom_args; SendGrid accepts at most {MaxCustomArgsBytes}.",
                nameof(EmailMessage.Metadata));
        }
    }

    private static void ValidateAttachments(EmailMessage message)
    {
        for (int i = 0; i < message.AttachmentsOrEmpty.Count; i++)
        {
            ThrowIfControlCharacter(message.AttachmentsOrEmpty[i].ContentId, $"EmailMessage.Attachments[{i}].ContentId");
        }
    }

    private static void ThrowIfControlCharacter(string? value, string field)
    {
        if (value is null)
        {
            return;
        }

        foreach (char c in value)
        {
            if (char.IsControl(c))
            {
                throw Invalid($"'{field}' contains a line break or control character.", field);
            }
        }
    }

    private static long EstimateSize(EmailMessage message)
    {
        long size = Utf8(message.Subject) + Utf8(message.TextBody) + Utf8(message.HtmlBody);
        size += PairBytes(message.HeadersOrEmpty, null);

        for (int i = 0; i < message.AttachmentsOrEmpty.Count; i++)
        {
            EmailAttachment attachment = message.AttachmentsOrEmpty[i];
            size += ((attachment.Content.Length + 2L) / 3 * 4) + Utf8(attachment.FileName) + Utf8(attachment.ContentType);
        }

        if (message.TemplateData is { } data)
        {
            size += Utf8(data.ToJsonString());
        }

        return size;
    }

    private static ArgumentException Invalid(string message, string field) => new(message, field);

    /// <summary>The UTF-8 bytes of a dictionary's keys and values as JSON pairs (6 bytes of quotes, colon and comma
    /// each), leaving out <paramref name="skipKey"/>; the usual <see cref="Dictionary{TKey, TValue}"/> is enumerated
    /// without boxing.</summary>
    private static int PairBytes(IDictionary<string, string> dictionary, string? skipKey)
    {
        int bytes = 0;
        if (dictionary.Count == 0)
        {
            return 0;
        }

        if (dictionary is Dictionary<string, string> concrete)
        {
            foreach (var (key, value) in concrete)
            {
                bytes += PairBytes(key, value, skipKey);
            }
        }
        else
        {
            foreach (var (key, value) in dictionary)
            {
                bytes += PairBytes(key, value, skipKey);
            }
        }

        return bytes;
    }

    private static int PairBytes(string key, string value, string? skipKey) =>
        skipKey is not null && string.Equals(key, skipKey, StringComparison.Ordinal)
            ? 0
            : Encoding.UTF8.GetByteCount(key) + Encoding.UTF8.GetByteCount(value) + 6;

    private static long Utf8(string? value) => value is null ? 0 : Encoding.UTF8.GetByteCount(value);
}
