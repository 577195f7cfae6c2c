namespace Martech.Sdk;

/// <summary>
/// A request ran out of time (an attempt or the whole call, retries included). Distinct from the caller's own
/// cancellation, which surfaces as <see cref="OperationCanceledException"/>.
/// </summary>
public class MartechTimeoutException : MartechTransportException
{
    /// <summary>Creates an exception.</summary>
    public MartechTimeoutException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">The message, already redacted.</param>
    public MartechTimeoutException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    /// <param name="message">The message, already redacted.</param>
    /// <param name="innerException">The cause.</param>
    public MartechTimeoutException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The timeout that was exceeded.</summary>
    public TimeSpan? Timeout { get; init; }
}
