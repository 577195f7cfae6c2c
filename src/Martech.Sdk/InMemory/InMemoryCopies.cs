using System.Text.Json.Nodes;

namespace Martech.Sdk;

/// <summary>
/// Deep-enough copies of the mutable models, so that an in-memory store never shares state with its callers: what
/// it recorded stays as it was sent, whatever the caller later does to its own instance.
/// </summary>
internal static class InMemoryCopies
{
    public static Campaign Copy(Campaign campaign) =>
        campaign with { CustomFields = new CustomFieldCollection(campaign.CustomFields) };

    public static EmailMessage Copy(EmailMessage message)
    {
        var attachments = new List<EmailAttachment>(message.AttachmentsOrEmpty.Count);
        foreach (EmailAttachment attachment in message.AttachmentsOrEmpty)
        {
            attachments.Add(new EmailAttachment(attachment.FileName, attachment.ContentType, attachment.Content.ToArray())
            {
                ContentId = attachment.ContentId,
            });
        }

        return new EmailMessage
        {
            From = message.From,
            ReplyTo = message.ReplyTo,
            To = [.. message.ToOrEmpty],
            Cc = [.. message.CcOrEmpty],
            Bcc = [.. message.BccOrEmpty],
            Subject = message.Subject,
            TextBody = message.TextBody,
            HtmlBody = message.HtmlBody,
            TemplateId = message.TemplateId,
            TemplateData = (JsonObject?)message.TemplateData?.DeepClone(),
            Attachments = attachments,
            Headers = new Dictionary<string, string>(message.HeadersOrEmpty, StringComparer.OrdinalIgnoreCase),
            Tags = [.. message.TagsOrEmpty],
            Metadata = new Dictionary<string, string>(message.MetadataOrEmpty, StringComparer.Ordinal),
            SendAt = message.SendAt,
            Purpose = message.Purpose,
            CampaignId = message.CampaignId,
        };
    }

    public static OutgoingMessage Copy(OutgoingMessage message) => new()
    {
        Destination = message.Destination,
        Text = message.Text,
        Card = message.Card is { } card
            ? new MessageCard
            {
                Title = card.Title,
                Text = card.Text,
                Fields = [.. card.Fields],
                Links = [.. card.Links],
                Severity = card.Severity,
            }
            : null,
        Purpose = message.Purpose,
        ContactId = message.ContactId,
    };

    /// <summary>What a plain-text channel shows: the text, then the card as plain text, separated by a blank line.</summary>
    public static string RenderText(OutgoingMessage message)
    {
        string? text = string.IsNullOrWhiteSpace(message.Text) ? null : message.Text;
        string? card = message.Card?.ToPlainText();
        return (text, card) switch
        {
            (null, null) => string.Empty,
            (null, _) => card,
            (_, null) => text,
            _ => text + "\n\n" + card,
        };
    }
}
