namespace Martech.Sdk.Postmark;

/// <summary>A message checked and converted for Postmark.</summary>
/// <param name="Request">The wire message.</param>
/// <param name="IsTemplate">Whether it goes to a template endpoint.</param>
/// <param name="Recipients">Every distinct recipient, To, Cc and Bcc, in order.</param>
/// <param name="ContentBytes">Its bodies and base64 attachments in bytes, as Postmark's 10 MB limit counts them.</param>
internal sealed record PostmarkPreparedMessage(PostmarkEmailRequest Request, bool IsTemplate, IReadOnlyList<EmailAddress> Recipients, long ContentBytes)
{
    /// <summary>An upper estimate of its JSON size in a batch, for the 50 MB payload limit; computed on demand, as
    /// single sends do not need it.</summary>
    public long EstimateJsonBytes() => PostmarkMessageBuilder.EstimateJsonSize(Request, ContentBytes);
}
