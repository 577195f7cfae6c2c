namespace Martech.Sdk;

/// <summary>Why a webhook request was rejected (<see cref="WebhookVerificationException.Reason"/>).</summary>
public enum WebhookRejectionReason
{
    /// <summary>The provider instance has no webhook secret, key or credentials configured: every request is refused
    /// (fail closed) until one is.</summary>
    NotConfigured,

    /// <summary>A header the scheme needs (signature, timestamp, credentials) is missing or empty.</summary>
    MissingHeader,

    /// <summary>The signature does not match the request: wrong secret, a changed body or URL, or a forgery.</summary>
    InvalidSignature,

    /// <summary>HTTP Basic credentials (or a shared token) are wrong.</summary>
    InvalidCredentials,

    /// <summary>The signed timestamp is older than the configured past tolerance: a replay or a very late delivery.</summary>
    TimestampTooOld,

    /// <summary>The signed timestamp is further ahead than the configured future tolerance: a clock far off, or a forged
    /// timestamp.</summary>
    TimestampInFuture,

    /// <summary>A request already verified once was sent again (a reused Mailgun token): a captured request replayed,
    /// not a vendor's retry, which is signed afresh.</summary>
    Replayed,

    /// <summary>The request came from an address outside the configured allow-list.</summary>
    AddressNotAllowed,

    /// <summary>The body is larger than the configured limit.</summary>
    BodyTooLarge,

    /// <summary>The request is authentic (or could not be checked) but its body, headers or timestamp cannot be read as
    /// the vendor's format.</summary>
    Malformed,

    /// <summary>The HTTP method is not one the vendor uses for webhooks.</summary>
    MethodNotAllowed,
}
