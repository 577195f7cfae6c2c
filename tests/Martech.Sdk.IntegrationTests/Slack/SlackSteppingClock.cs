namespace Martech.Sdk.IntegrationTests.Slack;

/// <summary>
/// A clock shared by the SDK and the emulator that moves only when someone waits: a timer due within five seconds (a
/// rate-budget wait) fires at once and moves the clock forward by its due time, so a paced listing spanning minutes of
/// the emulator's rate windows runs in milliseconds; longer timers (attempt timeouts) never fire. Use it with requests
/// one after another: a wait while another request is in flight would move that request's arrival too.
/// </summary>
/// <remarks>
/// Not <see cref="Martech.Sdk.Testing.ManualTimeProvider"/>: the SDK's rate-budget waits happen inside a listing the test
/// is awaiting, so the clock has to move by itself when the SDK waits, and the callback runs inline so the emulator sees
/// the moved clock on the very next request.
/// </remarks>
internal sealed class SlackSteppingClock : TimeProvider
{
    private static readonly TimeSpan FireWithin = TimeSpan.FromSeconds(5);
    private readonly long _start = new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero).UtcTicks;
    private long _ticks;

    public SlackSteppingClock() => _ticks = _start;

    /// <summary>How far the clock has moved.</summary>
    public TimeSpan Elapsed => TimeSpan.FromTicks(Interlocked.Read(ref _ticks) - _start);

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public override long GetTimestamp() => Interlocked.Read(ref _ticks);

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new Timer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private sealed class Timer(SlackSteppingClock owner, TimerCallback callback, object? state) : ITimer
    {
        private int _fired;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (dueTime != Timeout.InfiniteTimeSpan && dueTime <= FireWithin && Interlocked.Exchange(ref _fired, 1) == 0)
            {
                Interlocked.Add(ref owner._ticks, Math.Max(0, dueTime.Ticks));
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
