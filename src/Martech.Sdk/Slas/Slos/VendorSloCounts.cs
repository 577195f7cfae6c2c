namespace Martech.Sdk;

/// <summary>What was measured for one provider instance and operation in one time bucket, or summed over a window.
/// Not thread-safe: the owning <see cref="VendorSloSeries"/> locks.</summary>
internal sealed class VendorSloCounts
{
    private readonly long[] _outcomes = new long[VendorSloClassifier.OutcomeCount];

    /// <summary>The bucket's number (its start in ticks ÷ its width); meaningless for a sum.</summary>
    public long Number { get; set; }

    /// <summary>Durations of successful requests.</summary>
    public LatencyHistogram Latency { get; } = new();

    /// <summary>Final answers with status 429.</summary>
    public long FinalTooManyRequests { get; set; }

    /// <summary>Retries after a 429.</summary>
    public long RetriedTooManyRequests { get; set; }

    /// <summary>Retries for any reason.</summary>
    public long Retries { get; set; }

    /// <summary>Attempts that waited on the rate budget.</summary>
    public long RateLimitWaits { get; set; }

    /// <summary>The time they waited, in ticks.</summary>
    public long RateLimitWaitTicks { get; set; }

    /// <summary>The longest single wait, in ticks.</summary>
    public long RateLimitWaitMaxTicks { get; set; }

    public long this[VendorSloOutcome outcome]
    {
        get => _outcomes[(int)outcome];
        set => _outcomes[(int)outcome] = value;
    }

    public void Reset(long number)
    {
        Number = number;
        Array.Clear(_outcomes);
        Latency.Clear();
        FinalTooManyRequests = 0;
        RetriedTooManyRequests = 0;
        Retries = 0;
        RateLimitWaits = 0;
        RateLimitWaitTicks = 0;
        RateLimitWaitMaxTicks = 0;
    }

    public void Add(VendorSloCounts other)
    {
        for (int i = 0; i < _outcomes.Length; i++)
        {
            _outcomes[i] += other._outcomes[i];
        }

        Latency.Merge(other.Latency);
        FinalTooManyRequests += other.FinalTooManyRequests;
        RetriedTooManyRequests += other.RetriedTooManyRequests;
        Retries += other.Retries;
        RateLimitWaits += other.RateLimitWaits;
        RateLimitWaitTicks += other.RateLimitWaitTicks;
        RateLimitWaitMaxTicks = Math.Max(RateLimitWaitMaxTicks, other.RateLimitWaitMaxTicks);
    }
}
