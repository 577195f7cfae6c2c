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
}
