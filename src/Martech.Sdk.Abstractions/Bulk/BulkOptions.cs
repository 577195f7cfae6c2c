namespace Martech.Sdk;

/// <summary>Options for bulk operations.</summary>
public class BulkOptions
{
    /// <summary>Items per vendor request; the vendor's maximum when <see langword="null"/>. Larger values are clamped
    /// to the vendor's maximum.</summary>
    public int? BatchSize { get; set; }

    /// <summary>Batches in flight at once. The default value is 4. Requests still wait on the provider's rate
    /// budget.</summary>
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>Receives progress after each batch.</summary>
    public IProgress<BulkProgress>? Progress { get; set; }

    /// <summary>Validates the options.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public void Validate()
    {
        if (BatchSize is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "BulkOptions.BatchSize must be positive.");
        }

        if (MaxConcurrency <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxConcurrency), MaxConcurrency, "BulkOptions.MaxConcurrency must be positive.");
        }
    }
}
