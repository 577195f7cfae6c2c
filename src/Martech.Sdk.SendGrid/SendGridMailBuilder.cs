namespace Martech.Sdk;

/// <summary>
/// Builds the body of <c>POST /v3/mail/send</c> from validated messages that share a <see cref="SendGridMailGroupKey"/>:
/// the shared part from the first, and one personalization per message (<see cref="SendGridPersonalizations"/>: its
/// recipients, <c>dynamic_template_data</c> and <c>custom_args</c>, that is metadata and campaign id).
/// </summary>
internal static class SendGridMailBuilder
{
    /// <summary>Builds the request for one message.</summary>
    public static SendGridMailRequest Build(EmailMessage message, SendGridOptions options) =>
        Build([message], options);

    /// <summary>Builds the request for messages that share everything but their personalization.</summary>
    public static SendGridMailRequest Build(IReadOnlyList<EmailMessage> messages, SendGridOptions options)
    {
        EmailMessage first = messages[0];
        return new SendGridMailRequest
        {
            Personalizations = new SendGridPersonalizations(messages, options.CampaignIdArgument),
            From = first.From!,
            ReplyTo = first.ReplyTo,
            Subject = string.IsNullOrEmpty(first.Subject) ? null : first.Subject,
            Content = SendGridContentConverter.HasContent(first) ? first : null,
            Attachments = Attachments(first),
            TemplateId = first.TemplateId,
            Headers = first.Headers.Count == 0 ? null
                : first.Headers as IReadOnlyDictionary<string, string> ?? new Dictionary<string, string>(first.Headers, StringComparer.OrdinalIgnoreCase),
            Categories = first.Tags.Count == 0 ? null
                : first.Tags.Count <= SendGridMessageValidation.MaxCategories ? first.Tags
                : [.. SendGridMessageValidation.Categories(first)!],
            SendAt = first.SendAt?.ToUnixTimeSeconds(),
            Asm = first.Purpose == SendPurpose.Marketing && options.DefaultUnsubscribeGroupId is int group ? new SendGridAsm { GroupId = group } : null,
            MailSettings = options.SandboxMode ? SendGridMailSettings.Sandbox : null,
        };
    }

    /// <summary>The distinct recipients of a message, as its result reports them.</summary>
    public static IReadOnlyList<EmailAddress> Recipients(EmailMessage message)
    {
        var recipients = new EmailAddress[message.ToOrEmpty.Count + message.CcOrEmpty.Count + message.BccOrEmpty.Count];
        int n = 0;
        foreach (IList<Mailbox> list in (ReadOnlySpan<IList<Mailbox>>)[message.ToOrEmpty, message.CcOrEmpty, message.BccOrEmpty])
        {
            for (int i = 0; i < list.Count; i++)
            {
                recipients[n++] = list[i].Address;
            }
        }

        return recipients;
    }

    private static SendGridAttachment[]? Attachments(EmailMessage message)
    {
        if (message.AttachmentsOrEmpty.Count == 0)
        {
            return null;
        }

        var attachments = new SendGridAttachment[message.AttachmentsOrEmpty.Count];
        for (int i = 0; i < attachments.Length; i++)
        {
            EmailAttachment attachment = message.AttachmentsOrEmpty[i];
            attachments[i] = new SendGridAttachment
            {
                Content = attachment.Content,
                Type = attachment.ContentType,
                FileName = attachment.FileName,
                Disposition = attachment.ContentId is null ? "attachment" : "inline",
                ContentId = attachment.ContentId,
            };
        }

        return attachments;
    }
}
