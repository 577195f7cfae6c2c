namespace Martech.Sdk;

/// <summary>The vendor refused the request for exceeding a rate limit (HTTP 429 or the vendor's equivalent).</summary>
public class MartechRateLimitedException : MartechRequestException
{
    /// <summary>Creates an exception.</summary>
    public MartechRateLimitedException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">The message, already redacted.</param>
    public MartechRateLimitedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    /// <param name="message">The message, already redacted.</param>
    /// <param name="innerException">The cause.</param>
    public MartechRateLimitedException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>How long the vendor asked to wait before retrying, where it said.</summary>
    public TimeSpan? RetryAfter { get; init; }
}
