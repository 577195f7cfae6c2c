using System.Threading.RateLimiting;

namespace Martech.Sdk.Tests.Http.RateLimiting;

/// <summary>
/// A hand-written limiter standing in for a shared (say Redis-backed) one: it grants from <see cref="Available"/>,
/// queues the rest until <see cref="Release"/>, and records every call.
/// </summary>
internal sealed class RecordingRateLimiter : RateLimiter
{
    private readonly Lock _gate = new();
    private readonly Queue<TaskCompletionSource<RateLimitLease>> _queued = new();

    public int Available { get; set; }

    /// <summary>When set, every request without a permit is refused at once with this RetryAfter.</summary>
    public TimeSpan? RefuseWithRetryAfter { get; set; }

    public List<string> Calls { get; } = [];

    public bool Disposed { get; private set; }

    public int Queued
    {
        get
        {
            lock (_gate)
            {
                return _queued.Count(q => !q.Task.IsCompleted);
            }
        }
    }

    public override TimeSpan? IdleDuration => null;

    public override RateLimiterStatistics? GetStatistics() => null;

    /// <summary>Grants the oldest queued request.</summary>
    public void Release()
    {
        lock (_gate)
        {
            while (_queued.TryDequeue(out var next))
            {
                if (next.TrySetResult(new Lease(true, null)))
                {
                    return;
                }
            }
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        lock (_gate)
        {
            Calls.Add("attempt");
            return Take(permitCount) ?? new Lease(false, RefuseWithRetryAfter);
        }
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Calls.Add("acquire");
            if (Take(permitCount) is { } lease)
            {
                return ValueTask.FromResult<RateLimitLease>(lease);
            }

            if (RefuseWithRetryAfter is { } retryAfter)
            {
                return ValueTask.FromResult<RateLimitLease>(new Lease(false, retryAfter));
            }

            var queued = new TaskCompletionSource<RateLimitLease>(TaskCreationOptions.RunContinuationsAsynchronously);
            cancellationToken.Register(() => queued.TrySetCanceled(cancellationToken));
            _queued.Enqueue(queued);
            return new ValueTask<RateLimitLease>(queued.Task);
        }
    }

    protected override void Dispose(bool disposing)
    {
        Disposed = true;
        base.Dispose(disposing);
    }

    private Lease? Take(int permits)
    {
        if (Available < permits)
        {
            return null;
        }

        Available -= permits;
        return new Lease(true, null);
    }

    private sealed class Lease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = retryAfter;
            return retryAfter is not null && metadataName == MetadataName.RetryAfter.Name;
        }
    }
}
