using System.Collections.Concurrent;

namespace Martech.Sdk.Providers.Tests.Slack;

/// <summary>A clock for wire tests: a timer due within five seconds fires at once and moves the clock forward by its
/// due time, so a Retry-After wait happens without waiting; longer timers (attempt timeouts) never fire. Every due time
/// asked for is recorded, so a test can see the delay the transport chose.</summary>
internal sealed class SlackWireClock : TimeProvider
{
    private static readonly TimeSpan FireWithin = TimeSpan.FromSeconds(5);
    private long _ticks = new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero).UtcTicks;

    public ConcurrentQueue<TimeSpan> Requested { get; } = new();

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public override long GetTimestamp() => Interlocked.Read(ref _ticks);

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new Timer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private sealed class Timer(SlackWireClock owner, TimerCallback callback, object? state) : ITimer
    {
        private int _fired;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                return true;
            }

            owner.Requested.Enqueue(dueTime);
            if (dueTime <= FireWithin && Interlocked.Exchange(ref _fired, 1) == 0)
            {
                Interlocked.Add(ref owner._ticks, dueTime.Ticks);
                callback(state);
            }

            return true;
        }

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
