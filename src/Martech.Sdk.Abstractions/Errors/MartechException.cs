namespace Martech.Sdk;

/// <summary>The base of every exception Martech.Sdk throws for a vendor or SDK failure.</summary>
public class MartechException : Exception
{
    /// <summary>Creates an exception.</summary>
    public MartechException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">The message; never include secrets.</param>
    public MartechException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    /// <param name="message">The message; never include secrets.</param>
    /// <param name="innerException">The cause.</param>
    public MartechException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The provider instance that failed, such as <c>"HubSpot"</c>, where known.</summary>
    public string? Provider { get; init; }

    /// <summary>
    /// <see langword="true"/> when the request may have reached the vendor and been acted on although the call failed:
    /// the connection broke or time ran out after it was sent (<see cref="MartechTransportException"/>,
    /// <see cref="MartechTimeoutException"/>), the answer's body broke off or could not be understood
    /// (<see cref="MartechTransportException"/>), or the vendor answered a request that is not idempotent, such as a send
    /// or a create, with a 5xx error (<see cref="MartechRequestException"/>). The SDK does not send a request that is not
    /// idempotent again once it may have been processed: check the vendor before retrying it. <see langword="false"/>
    /// when the request certainly was not processed (it was never sent; the vendor refused it with a 4xx answer or a rate
    /// limit) and for a 5xx answer to an idempotent request, which is safe to send again.
    /// </summary>
    public bool MayHaveBeenProcessed { get; init; }
}
