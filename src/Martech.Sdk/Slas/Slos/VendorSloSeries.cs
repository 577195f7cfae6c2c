namespace Martech.Sdk;

/// <summary>
/// The measurements of one provider instance and operation over time, in two rings of time buckets: fine buckets
/// (<see cref="VendorSloOptions.FineBucket"/>, covering <see cref="VendorSloOptions.LongWindow"/>) for burn rates and
/// short windows, and coarse buckets (<see cref="VendorSloOptions.CoarseBucket"/>, covering the longest objective
/// window) for the rest. Each measurement goes into both. A bucket is reused (cleared) when its slot comes round again,
/// so memory is bounded by the slot counts, and a bucket is allocated only when something is recorded in it.
/// </summary>
internal sealed class VendorSloSeries
{
    private readonly Lock _gate = new();
    private readonly Ring _fine;
    private readonly Ring _coarse;

    public VendorSloSeries(string instance, string operation, VendorSloLayout layout)
    {
        Instance = instance;
        Operation = operation;
        _fine = new Ring(layout.FineBucket, layout.FineSlots);
        _coarse = new Ring(layout.CoarseBucket, layout.CoarseSlots);
    }

    public string Instance { get; }

    public string Operation { get; }

    public void Request(long nowTicks, VendorSloOutcome outcome, int? statusCode, TimeSpan duration)
    {
        lock (_gate)
        {
            Request(_fine.ForWrite(nowTicks), outcome, statusCode, duration);
            Request(_coarse.ForWrite(nowTicks), outcome, statusCode, duration);
        }
    }

    public void Retry(long nowTicks, bool tooManyRequests)
    {
        lock (_gate)
        {
            Retry(_fine.ForWrite(nowTicks), tooManyRequests);
            Retry(_coarse.ForWrite(nowTicks), tooManyRequests);
        }
    }

    public void RateLimitWait(long nowTicks, TimeSpan waited)
    {
        lock (_gate)
        {
            Wait(_fine.ForWrite(nowTicks), waited);
            Wait(_coarse.ForWrite(nowTicks), waited);
        }
    }

    /// <summary>Adds what was recorded in the window ending at <paramref name="nowTicks"/> to <paramref name="sum"/>: the
    /// buckets from the one holding <c>now − window</c> to the current one, so between <paramref name="window"/> and
    /// <paramref name="window"/> plus one bucket of history. Fine buckets when the window fits in them.</summary>
    public void AddTo(VendorSloCounts sum, long nowTicks, TimeSpan window)
    {
        lock (_gate)
        {
            (window <= _fine.Span ? _fine : _coarse).AddTo(sum, nowTicks, window);
        }
    }

    /// <summary>Whether anything was recorded in the window.</summary>
    public bool HasData(long nowTicks, TimeSpan window)
    {
        lock (_gate)
        {
            return (window <= _fine.Span ? _fine : _coarse).HasData(nowTicks, window);
        }
    }

    private static void Request(VendorSloCounts bucket, VendorSloOutcome outcome, int? statusCode, TimeSpan duration)
    {
        bucket[outcome]++;
        if (outcome == VendorSloOutcome.Success)
        {
            bucket.Latency.Record(duration);
        }

        if (statusCode == 429)
        {
            bucket.FinalTooManyRequests++;
        }
    }

    private static void Retry(VendorSloCounts bucket, bool tooManyRequests)
    {
        bucket.Retries++;
        if (tooManyRequests)
        {
            bucket.RetriedTooManyRequests++;
        }
    }

    private static void Wait(VendorSloCounts bucket, TimeSpan waited)
    {
        bucket.RateLimitWaits++;
        bucket.RateLimitWaitTicks += waited.Ticks;
        bucket.RateLimitWaitMaxTicks = Math.Max(bucket.RateLimitWaitMaxTicks, waited.Ticks);
    }

    private sealed class Ring(TimeSpan width, int slots)
    {
        private readonly VendorSloCounts?[] _slots = new VendorSloCounts?[slots];
        private readonly long _width = width.Ticks;

        /// <summary>The longest window the ring answers: all its slots but the current one's.</summary>
        public TimeSpan Span { get; } = width * (slots - 1);

        public VendorSloCounts ForWrite(long nowTicks)
        {
            long number = nowTicks / _width;
            int slot = (int)(number % _slots.Length);
            VendorSloCounts? bucket = _slots[slot];
            if (bucket is null)
            {
                bucket = _slots[slot] = new VendorSloCounts();
                bucket.Reset(number);
            }
            else if (bucket.Number != number)
            {
                // The slot's old bucket is past every window this ring answers: reuse it.
                bucket.Reset(number);
            }

            return bucket;
        }

        public void AddTo(VendorSloCounts sum, long nowTicks, TimeSpan window)
        {
            foreach (VendorSloCounts bucket in InWindow(nowTicks, window))
            {
                sum.Add(bucket);
            }
        }

        public bool HasData(long nowTicks, TimeSpan window)
        {
            foreach (VendorSloCounts _ in InWindow(nowTicks, window))
            {
                return true;
            }

            return false;
        }

        private IEnumerable<VendorSloCounts> InWindow(long nowTicks, TimeSpan window)
        {
            long current = nowTicks / _width;
            long first = Math.Max(0, nowTicks - window.Ticks) / _width;
            foreach (VendorSloCounts? bucket in _slots)
            {
                if (bucket is not null && bucket.Number >= first && bucket.Number <= current)
                {
                    yield return bucket;
                }
            }
        }
    }
}
