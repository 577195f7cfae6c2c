namespace Martech.Sdk;

/// <summary>An <see cref="IWebhookEventStore"/> cannot take more events: as many are waiting as it may hold. The
/// endpoint answers 503 with <c>Retry-After</c>, so the vendor delivers again later and nothing acknowledged is lost.</summary>
public class WebhookStoreFullException : MartechException
{
    /// <summary>Creates an exception.</summary>
    public WebhookStoreFullException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">The message.</param>
    public WebhookStoreFullException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public WebhookStoreFullException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
