namespace Martech.Sdk;

/// <summary>What to answer the vendor with after a request was accepted, when the vendor expects more than an empty
/// 200: Slack's <c>url_verification</c> challenge, a Salesforce outbound-message acknowledgement, TwiML for Twilio.</summary>
/// <param name="StatusCode">The HTTP status.</param>
/// <param name="ContentType">The content type of <paramref name="Body"/>, or <see langword="null"/> with no body.</param>
/// <param name="Body">The body text, or <see langword="null"/> for none.</param>
public sealed record WebhookResponse(int StatusCode, string? ContentType = null, string? Body = null)
{
    /// <summary>200 with no body: what most vendors expect.</summary>
    public static WebhookResponse Ok { get; } = new(200);
}
