namespace Martech.Sdk;

/// <summary>
/// A request got no usable answer from the vendor: the connection failed, the circuit breaker is open, or the
/// response could not be read. <see cref="MartechException.MayHaveBeenProcessed"/> says whether the vendor may still
/// have acted on it.
/// </summary>
public class MartechTransportException : MartechException
{
    /// <summary>Creates an exception.</summary>
    public MartechTransportException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">The message, already redacted.</param>
    public MartechTransportException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    /// <param name="message">The message, already redacted.</param>
    /// <param name="innerException">The cause.</param>
    public MartechTransportException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The operation that failed, such as <c>"mail.send"</c>, where the provider named it.</summary>
    public string? Operation { get; init; }
}
