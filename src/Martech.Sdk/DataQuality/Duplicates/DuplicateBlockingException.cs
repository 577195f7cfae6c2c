namespace Martech.Sdk;

/// <summary>Duplicate detection refused to run: a block is larger than
/// <see cref="DuplicateDetectionOptions.MaxBlockSize"/>, or the estimated pairs exceed
/// <see cref="DuplicateDetectionOptions.MaxCandidatePairs"/>. The message names the rule, the key and the size, and the
/// fix.</summary>
public sealed class DuplicateBlockingException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was refused and how to fix it.</param>
    /// <param name="estimate">The estimate that refused the run.</param>
    public DuplicateBlockingException(string message, DuplicateBlockingEstimate estimate)
        : base(message)
    {
        ArgumentNullException.ThrowIfNull(estimate);
        Estimate = estimate;
    }

    /// <summary>The estimate that refused the run, with the oversized blocks.</summary>
    public DuplicateBlockingEstimate Estimate { get; }
}
