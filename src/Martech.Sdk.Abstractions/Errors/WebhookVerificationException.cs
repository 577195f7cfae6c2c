namespace Martech.Sdk;

/// <summary>A webhook request failed verification: bad or missing signature, or a timestamp outside the tolerance.
/// Answer such a request with 401 and do not process it.</summary>
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
}
