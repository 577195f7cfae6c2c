namespace Martech.Sdk;

/// <summary>The requested object does not exist at the vendor.</summary>
public class MartechNotFoundException : MartechRequestException
{
    /// <summary>Creates an exception.</summary>
    public MartechNotFoundException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">The message, already redacted.</param>
    public MartechNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    /// <param name="message">The message, already redacted.</param>
    /// <param name="innerException">The cause.</param>
    public MartechNotFoundException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
