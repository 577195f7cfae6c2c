namespace Martech.Sdk;

/// <summary>A webhook request was rejected: a missing or wrong signature or credentials, a timestamp outside the
/// tolerance, a body too large or unreadable, or no secret configured. Answer the vendor with <see cref="StatusCode"/>
/// and do not process the request.</summary>
/// <remarks>The message names the provider instance and the reason, never a secret. <see cref="Diagnostic"/> shows what
/// was signed, when the instance's webhook options turn diagnostics on.</remarks>
public class WebhookVerificationException : MartechException
{
    /// <summary>Creates an exception.</summary>
    public WebhookVerificationException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">Why verification failed; never includes the secret.</param>
    public WebhookVerificationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    /// <param name="message">Why verification failed; never includes the secret.</param>
    /// <param name="innerException">The cause.</param>
    public WebhookVerificationException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Why the request was rejected.</summary>
    /// <value>The default value is <see cref="WebhookRejectionReason.InvalidSignature"/>.</value>
    public WebhookRejectionReason Reason { get; init; } = WebhookRejectionReason.InvalidSignature;

    /// <summary>The HTTP status to answer the vendor with: 401 for authentication failures, 400 for malformed requests,
    /// 413 for a body too large, 405 for a wrong method, or what the vendor documents (Mailgun: 406, which stops its
    /// retries).</summary>
    /// <value>The default value is 401.</value>
    public int StatusCode { get; init; } = 401;

    /// <summary>What the signature was computed over, as this side rebuilt it (the URL as reconstructed behind a proxy,
    /// the parameters as sorted, the timestamp, the body's length and SHA-256), without the secret; for finding why a
    /// vendor's signatures "always fail". Set only when the instance's webhook options enable diagnostics, since it can
    /// hold personal data (phone numbers, addresses in URLs and parameters).</summary>
    public string? Diagnostic { get; init; }
}
