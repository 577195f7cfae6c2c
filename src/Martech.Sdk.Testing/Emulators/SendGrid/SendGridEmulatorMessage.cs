using System.Text.Json;

namespace Martech.Sdk.Testing;

/// <summary>
/// One message a <see cref="SendGridEmulator"/> accepted: one personalization of a <c>POST /v3/mail/send</c> request,
/// with the request's shared fields. Messages of one request share its <see cref="MessageId"/> (the
/// <c>X-Message-Id</c> SendGrid returns per request).
/// </summary>
public sealed record SendGridEmulatorMessage
{
    /// <summary>Gets the <c>X-Message-Id</c> of the request the message came in.</summary>
    public required string MessageId { get; init; }

    /// <summary>Gets the position of the message's personalization in its request, from 0.</summary>
    public required int PersonalizationIndex { get; init; }

    /// <summary>Gets the sender's address (<c>from.email</c>).</summary>
    public required string From { get; init; }

    /// <summary>Gets the sender's name (<c>from.name</c>), if given.</summary>
    public string? FromName { get; init; }

    /// <summary>Gets the reply-to address, if given.</summary>
    public string? ReplyTo { get; init; }

    /// <summary>Gets the <c>to</c> addresses.</summary>
    public IReadOnlyList<string> To { get; init; } = [];

    /// <summary>Gets the <c>cc</c> addresses.</summary>
    public IReadOnlyList<string> Cc { get; init; } = [];

    /// <summary>Gets the <c>bcc</c> addresses.</summary>
    public IReadOnlyList<string> Bcc { get; init; } = [];

    /// <summary>Gets every recipient: to, cc and bcc.</summary>
    public IReadOnlyList<string> Recipients => [.. To, .. Cc, .. Bcc];

    /// <summary>Gets the subject (the personalization's, else the message's), if given.</summary>
    public string? Subject { get; init; }

    /// <summary>Gets the <c>text/plain</c> content, if given.</summary>
    public string? Text { get; init; }

    /// <summary>Gets the <c>text/html</c> content, if given.</summary>
    public string? Html { get; init; }

    /// <summary>Gets the <c>template_id</c>, if given.</summary>
    public string? TemplateId { get; init; }

    /// <summary>Gets the personalization's <c>dynamic_template_data</c>, if given.</summary>
    public JsonElement? TemplateData { get; init; }

    /// <summary>Gets the custom arguments: the message's, overridden by the personalization's.</summary>
    public IReadOnlyDictionary<string, string> CustomArgs { get; init; } = new Dictionary<string, string>();

    /// <summary>Gets the categories.</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>Gets the headers: the message's, overridden by the personalization's.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Gets the attachments.</summary>
    public IReadOnlyList<SendGridEmulatorAttachment> Attachments { get; init; } = [];

    /// <summary>Gets when the message is scheduled (<c>send_at</c>), if it is.</summary>
    public DateTimeOffset? SendAt { get; init; }

    /// <summary>Gets the unsubscribe group (<c>asm.group_id</c>), if given.</summary>
    public int? UnsubscribeGroupId { get; init; }

    /// <summary>Gets the <c>on-behalf-of</c> subuser the request named, if any.</summary>
    public string? OnBehalfOf { get; init; }

    /// <summary>Gets when the emulator accepted the message, by its clock.</summary>
    public required DateTimeOffset AcceptedAt { get; init; }
}
