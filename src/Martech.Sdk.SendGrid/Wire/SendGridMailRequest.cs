using System.Text.Json.Serialization;

namespace Martech.Sdk;

/// <summary>The body of <c>POST /v3/mail/send</c>: what the messages of one request share, and a personalization per
/// message.</summary>
internal sealed class SendGridMailRequest
{
    [JsonPropertyName("personalizations")]
    public required SendGridPersonalizations Personalizations { get; init; }

    [JsonPropertyName("from")]
    [JsonConverter(typeof(SendGridMailboxConverter))]
    public required Mailbox From { get; init; }

    [JsonPropertyName("reply_to")]
    [JsonConverter(typeof(SendGridMailboxConverter))]
    public Mailbox? ReplyTo { get; init; }

    [JsonPropertyName("subject")]
    public string? Subject { get; init; }

    /// <summary>The message whose bodies are the <c>content</c>; <see langword="null"/> when it has none.</summary>
    [JsonPropertyName("content")]
    [JsonConverter(typeof(SendGridContentConverter))]
    public EmailMessage? Content { get; init; }

    [JsonPropertyName("attachments")]
    public IReadOnlyList<SendGridAttachment>? Attachments { get; init; }

    [JsonPropertyName("template_id")]
    public string? TemplateId { get; init; }

    [JsonPropertyName("headers")]
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    /// <summary>The message's tags, written once each as <c>categories</c>; <see langword="null"/> when it has none.</summary>
    [JsonPropertyName("categories")]
    [JsonConverter(typeof(SendGridCategoriesConverter))]
    public IList<string>? Categories { get; init; }

    [JsonPropertyName("send_at")]
    public long? SendAt { get; init; }

    [JsonPropertyName("asm")]
    public SendGridAsm? Asm { get; init; }

    [JsonPropertyName("mail_settings")]
    public SendGridMailSettings? MailSettings { get; init; }
}
