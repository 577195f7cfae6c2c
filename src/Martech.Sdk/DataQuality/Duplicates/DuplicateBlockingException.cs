namespace Martech.Sdk;

/// <summary>Duplicate detection refused to run: a block is larger than
/// <see cref="DuplicateDetectionOptions.MaxBlockSize"/>, or the estimated pairs exceed
/// <see cref="DuplicateDetectionOptions.MaxCandidatePairs"/>. The message names the rule, the key and the size, and the
/// fix.</summary>
public sealed class DuplicateBlockingException : MartechException
{
    /// <summary>Creates the exception.</summary>
    public DuplicateBlockingException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was refused and how to fix it.</param>
    public DuplicateBlockingException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was refused and how to fix it.</param>
    /// <param name="innerException">The cause.</param>
    public DuplicateBlockingException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was refused and how to fix it.</param>
    /// <param name="estimate">The estimate that refused the run.</param>
    public DuplicateBlockingException(string message, DuplicateBlockingEstimate estimate)
        : base(message)
    {
        ArgumentNullException.ThrowIfNull(estimate);
        Estimate = estimate;
    }

    /// <summary>The estimate that refused the run, with the oversized blocks; <see langword="null"/> only when the
    /// exception was created without one.</summary>
    public DuplicateBlockingEstimate? Estimate { get; }
}
