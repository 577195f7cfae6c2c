using System.Text.Json.Nodes;

namespace Martech.Sdk.Postmark;

/// <summary>One message as Postmark's <c>/email</c>, <c>/email/withTemplate</c> and batch endpoints take it. Null
/// properties are left out of the JSON; a template message has <see cref="TemplateId"/> or
/// <see cref="TemplateAlias"/> and <see cref="TemplateModel"/> instead of a subject and bodies.</summary>
internal sealed class PostmarkEmailRequest
{
    public string? From { get; set; }

    public string? To { get; set; }

    public string? Cc { get; set; }

    public string? Bcc { get; set; }

    public string? ReplyTo { get; set; }

    public string? Subject { get; set; }

    public string? HtmlBody { get; set; }

    public string? TextBody { get; set; }

    public long? TemplateId { get; set; }

    public string? TemplateAlias { get; set; }

    public JsonObject? TemplateModel { get; set; }

    public string? Tag { get; set; }

    public List<PostmarkHeader>? Headers { get; set; }

    public bool? TrackOpens { get; set; }

    public string? TrackLinks { get; set; }

    public Dictionary<string, string>? Metadata { get; set; }

    public List<PostmarkAttachment>? Attachments { get; set; }

    public string? MessageStream { get; set; }
}
