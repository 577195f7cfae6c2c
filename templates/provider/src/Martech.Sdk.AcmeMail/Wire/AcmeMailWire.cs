using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Martech.Sdk.AcmeMail.Wire;

/// <summary>The body of <c>POST v1/messages</c>.</summary>
internal sealed class AcmeMailSendRequest
{
    public required AcmeMailAddress From { get; init; }

    public AcmeMailAddress? ReplyTo { get; init; }

    public required List<AcmeMailAddress> To { get; init; }

    public List<AcmeMailAddress>? Cc { get; init; }

    public List<AcmeMailAddress>? Bcc { get; init; }

    public string? Subject { get; init; }

    public string? Text { get; init; }

    public string? Html { get; init; }

    public string? TemplateId { get; init; }

    public JsonObject? TemplateData { get; init; }

    public List<AcmeMailAttachment>? Attachments { get; init; }

    public Dictionary<string, string>? Headers { get; init; }

    public List<string>? Tags { get; init; }

    public DateTimeOffset? SendAt { get; init; }

    public required string Purpose { get; init; }

    /// <summary>Maps a validated message to the wire.</summary>
    public static AcmeMailSendRequest Create(EmailMessage message) => new()
    {
        From = AcmeMailAddress.From(message.From!),
        ReplyTo = message.ReplyTo is { } replyTo ? AcmeMailAddress.From(replyTo) : null,
        To = [.. message.To.Select(AcmeMailAddress.From)],
        Cc = message.Cc.Count == 0 ? null : [.. message.Cc.Select(AcmeMailAddress.From)],
        Bcc = message.Bcc.Count == 0 ? null : [.. message.Bcc.Select(AcmeMailAddress.From)],
        Subject = message.Subject,
        Text = message.TextBody,
        Html = message.HtmlBody,
        TemplateId = message.TemplateId,
        TemplateData = message.TemplateData,
        Attachments = message.Attachments.Count == 0 ? null : [.. message.Attachments.Select(a => new AcmeMailAttachment(a.FileName, a.ContentType, Convert.ToBase64String(a.Content.Span)))],
        Headers = message.Headers.Count == 0 ? null : new Dictionary<string, string>(message.Headers, StringComparer.OrdinalIgnoreCase),
        Tags = message.Tags.Count == 0 ? null : [.. message.Tags],
        SendAt = message.SendAt,
        Purpose = message.Purpose == SendPurpose.Transactional ? "transactional" : "marketing",
    };
}

/// <summary>An address with an optional display name.</summary>
internal sealed record AcmeMailAddress(string Email, string? Name)
{
    public static AcmeMailAddress From(Mailbox mailbox) => new(mailbox.Address.Value, mailbox.DisplayName);
}

/// <summary>An attachment, its content in Base64.</summary>
internal sealed record AcmeMailAttachment(string Filename, string ContentType, string Content);

/// <summary>The answer to an accepted send.</summary>
internal sealed class AcmeMailSendResponse
{
    public string? Id { get; init; }
}

/// <summary>The source-generated JSON of the wire types (trim- and AOT-safe).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AcmeMailSendRequest))]
[JsonSerializable(typeof(AcmeMailSendResponse))]
internal sealed partial class AcmeMailJsonContext : JsonSerializerContext;
