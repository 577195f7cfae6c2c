namespace Martech.Sdk;

/// <summary>Another worker advanced the checkpoint of the same job run and shard while this one ran it: this worker
/// stopped without writing anything further. Running the same run and shard twice at once is a scheduling mistake; the
/// other worker carries on.</summary>
public sealed class MartechJobConflictException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public MartechJobConflictException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public MartechJobConflictException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public MartechJobConflictException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
