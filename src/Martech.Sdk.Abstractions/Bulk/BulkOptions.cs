namespace Martech.Sdk;

/// <summary>Options for bulk operations.</summary>
public class BulkOptions
{
    /// <summary>The default <see cref="MaxConcurrency"/>: 16.</summary>
    public const int DefaultMaxConcurrency = 16;

    /// <summary>Items per vendor request; the vendor's maximum when <see langword="null"/>. Larger values are clamped
    /// to the vendor's maximum.</summary>
    public int? BatchSize { get; set; }

    /// <summary>Batches in flight at once. The default value is 16: enough requests in flight to use a vendor's whole
    /// published rate (the provider's rate budget, not this, sets the pace) even when each request takes a few hundred
    /// milliseconds; lower it only to spare a slow vendor or a small machine.</summary>
    /// <value>The default value is <see cref="DefaultMaxConcurrency"/> (16).</value>
    public int MaxConcurrency { get; set; } = DefaultMaxConcurrency;

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
