using System.Collections.Concurrent;

namespace Martech.Sdk.Tests.Http.Transport;

/// <summary>
/// A clock for transport tests: a timer due within <see cref="FireWithin"/> fires at once and moves the clock forward
/// by its due time (so retry delays and short timeouts happen without waiting); longer timers never fire. Every
/// requested due time is recorded, so tests can assert the delays the transport asked for.
/// </summary>
/// <remarks>
/// Not <see cref="Martech.Sdk.Testing.ManualTimeProvider"/>: the transport arms its timers (retry backoff,
/// <c>Retry-After</c> waits, attempt timeouts) inside a call the test is awaiting, at moments the test cannot see, so no
/// test code could advance a manual clock at the right time. Here time passes when someone waits, which is what a
/// whole-pipeline test needs.
/// </remarks>
internal sealed class ShortTimerTimeProvider(TimeSpan fireWithin) : TimeProvider
{
    private long _ticks = new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero).UtcTicks;

    public TimeSpan FireWithin { get; } = fireWithin;

    public ConcurrentQueue<TimeSpan> Requested { get; } = new();

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public override long GetTimestamp() => Interlocked.Read(ref _ticks);

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    private readonly ConcurrentQueue<(TimeSpan Due, Action Fire)> _pending = new();

    /// <summary>Fires every pending timer due within <paramref name="maxDue"/> that has not fired (such as an attempt
    /// timeout longer than <see cref="FireWithin"/>), as if that much time passed.</summary>
    public void Fire(TimeSpan maxDue)
    {
        int count = _pending.Count;
        for (int i = 0; i < count && _pending.TryDequeue(out var timer); i++)
        {
            if (timer.Due <= maxDue)
            {
                timer.Fire();
            }
            else
            {
                _pending.Enqueue(timer);
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new Timer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private sealed class Timer(ShortTimerTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        private int _fired;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                return true;
            }

            owner.Requested.Enqueue(dueTime);
            if (dueTime <= owner.FireWithin)
            {
                FireOnce(dueTime);
            }
            else
            {
                owner._pending.Enqueue((dueTime, () => FireOnce(dueTime)));
            }

            return true;
        }

        private void FireOnce(TimeSpan dueTime)
        {
            if (Interlocked.Exchange(ref _fired, 1) == 0)
            {
                Interlocked.Add(ref owner._ticks, dueTime.Ticks);

                // Fire on the thread pool, as real timers do, so the caller finishes registering first.
                ThreadPool.QueueUserWorkItem(_ => callback(state));
            }
        }

        public void Dispose() => Interlocked.Exchange(ref _fired, 1);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
