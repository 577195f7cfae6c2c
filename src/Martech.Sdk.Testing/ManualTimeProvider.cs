using System.Globalization;

namespace Martech.Sdk.Testing;

/// <summary>
/// A <see cref="TimeProvider"/> for tests whose clock and timers move only when the test says so: give it to the code
/// under test (register it as the container's <see cref="TimeProvider"/>, or pass it to an emulator), then
/// <see cref="Advance"/> it.
/// </summary>
/// <remarks>
/// <para>Timers fire during <see cref="Advance"/> (and a forward <see cref="SetUtcNow"/>), each at its own due moment
/// and in due order, on the advancing thread: while a callback runs, <see cref="GetUtcNow"/> and
/// <see cref="GetTimestamp"/> read that timer's due moment, so a timer the callback arms is due relative to it, and
/// when <see cref="Advance"/> returns, everything due by then has run. Timers armed at the same moment fire in the
/// order they were armed. A timer due now (a zero due time) fires at the next <see cref="Advance"/>, even
/// <c>Advance(TimeSpan.Zero)</c>, never inside <see cref="CreateTimer"/>. <c>Task.Delay(span, provider)</c>,
/// <c>WaitAsync(span, provider)</c> and <c>new CancellationTokenSource(span, provider)</c> all run on these
/// timers.</para>
/// <para>Two clocks are kept, as on a real machine: the wall clock (<see cref="GetUtcNow"/>) and the monotonic one
/// (<see cref="GetTimestamp"/>, <see cref="Elapsed"/>, timers). <see cref="Advance"/> moves both.
/// <see cref="SetUtcNow"/> to an earlier moment moves only the wall clock back, as a clock correction does, which is
/// how a test replays a vendor's signed webhook from years ago; timers and timestamps never go back.</para>
/// <para>Every member is thread-safe. When several threads advance at once, their advances add up and one of them
/// fires the timers, in due order; the others return once everything due by then has fired. The local time zone is UTC unless <see cref="SetLocalTimeZone"/> says
/// otherwise, so tests do not depend on the machine's zone.</para>
/// </remarks>
/// <example>
/// <code>
/// var clock = new ManualTimeProvider();                   // 2025-03-03 09:00 UTC, a Monday
/// services.AddSingleton&lt;TimeProvider&gt;(clock);
/// Task waiting = worker.WaitForRetryAsync();              // arms a 30-second timer on the clock
/// clock.Advance(TimeSpan.FromSeconds(30));                // the timer fires here, on this thread
/// </code>
/// </example>
public sealed class ManualTimeProvider : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly object _firing = new();
    private int _firingThread;
    private int _firingDepth;
    private readonly List<ManualTimer> _timers = [];
    private readonly long _origin;
    private long _monotonicTicks;
    private long _target;
    private long _wallOffsetTicks;
    private long _armings;
    private TimeZoneInfo _localTimeZone = TimeZoneInfo.Utc;

    /// <summary>Creates a clock that starts at <see cref="DefaultStart"/>.</summary>
    public ManualTimeProvider()
        : this(DefaultStart)
    {
    }

    /// <summary>Creates a clock that starts at <paramref name="start"/>.</summary>
    /// <param name="start">The wall-clock time the clock starts at.</param>
    public ManualTimeProvider(DateTimeOffset start)
    {
        Start = start.ToUniversalTime();
        _origin = Start.UtcTicks;
        _monotonicTicks = _origin;
        _target = _origin;
    }

    /// <summary>Gets the moment a clock created without a start begins at: Monday 3 March 2025, 09:00 UTC (a
    /// working-day morning, so business-hours logic has a whole day ahead).</summary>
    public static DateTimeOffset DefaultStart { get; } = new(2025, 3, 3, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Gets the wall-clock time the clock started at.</summary>
    public DateTimeOffset Start { get; }

    /// <summary>Gets how far the monotonic clock has moved since the clock was created: the sum of every advance
    /// (a backward <see cref="SetUtcNow"/> does not reduce it).</summary>
    public TimeSpan Elapsed
    {
        get
        {
            lock (_gate)
            {
                return TimeSpan.FromTicks(_monotonicTicks - _origin);
            }
        }
    }

    /// <summary>Gets how many timers are armed (created, not disposed, and due at some moment), so a test can check
    /// that the code under test leaves none behind.</summary>
    public int ActiveTimers
    {
        get
        {
            lock (_gate)
            {
                int armed = 0;
                foreach (ManualTimer timer in _timers)
                {
                    if (timer.DueAt is not null)
                    {
                        armed++;
                    }
                }

                return armed;
            }
        }
    }

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone
    {
        get
        {
            lock (_gate)
            {
                return _localTimeZone;
            }
        }
    }

    /// <summary>Gets the frequency of <see cref="GetTimestamp"/>: one tick is one <see cref="TimeSpan"/> tick, so
    /// elapsed times convert without rounding.</summary>
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return new DateTimeOffset(_monotonicTicks + _wallOffsetTicks, TimeSpan.Zero);
        }
    }

    /// <summary>Gets the monotonic clock, in <see cref="TimeSpan"/> ticks (<see cref="TimestampFrequency"/>).</summary>
    /// <returns>The timestamp.</returns>
    public override long GetTimestamp()
    {
        lock (_gate)
        {
            return _monotonicTicks;
        }
    }

    /// <summary>Sets the zone <see cref="LocalTimeZone"/> returns.</summary>
    /// <param name="localTimeZone">The zone.</param>
    /// <exception cref="ArgumentNullException"><paramref name="localTimeZone"/> is <see langword="null"/>.</exception>
    public void SetLocalTimeZone(TimeZoneInfo localTimeZone)
    {
        ArgumentNullException.ThrowIfNull(localTimeZone);
        lock (_gate)
        {
            _localTimeZone = localTimeZone;
        }
    }

    /// <summary>Moves both clocks forward by <paramref name="by"/>, firing every timer that falls due on the way at
    /// its due moment, in due order, on this thread.</summary>
    /// <param name="by">How far; <see cref="TimeSpan.Zero"/> fires the timers that are already due.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="by"/> is negative.</exception>
    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        lock (_gate)
        {
            // Concurrent advances add up: each moves the shared target.
            _target = Math.Max(_target, _monotonicTicks) + by.Ticks;
        }

        // One thread fires timers at a time, so they fire in due order whoever advances: the firing thread reads the
        // target before each timer, so it also fires what the others asked for, and they wait for it to finish. An
        // advance from inside a callback runs on the firing thread and goes ahead.
        int me = Environment.CurrentManagedThreadId;
        lock (_firing)
        {
            while (_firingThread != 0 && _firingThread != me)
            {
                Monitor.Wait(_firing);
            }

            _firingThread = me;
            _firingDepth++;
        }

        try
        {
            FireDueTimers();
        }
        finally
        {
            lock (_firing)
            {
                if (--_firingDepth == 0)
                {
                    _firingThread = 0;
                    Monitor.PulseAll(_firing);
                }
            }
        }
    }

    private void FireDueTimers()
    {
        while (true)
        {
            ManualTimer? next = null;
            lock (_gate)
            {
                long target = _target;
                foreach (ManualTimer timer in _timers)
                {
                    if (timer.DueAt is long due && due <= target
                        && (next is null || due < next.DueAt || (due == next.DueAt && timer.Arming < next.Arming)))
                    {
                        next = timer;
                    }
                }

                if (next is null)
                {
                    _monotonicTicks = Math.Max(_monotonicTicks, target);
                    return;
                }

                // An overdue timer (see AdvanceWithoutFiringTimers) fires now: the clocks never go back.
                _monotonicTicks = Math.Max(_monotonicTicks, next.DueAt!.Value);
                next.DueAt = next.Period is long period ? _monotonicTicks + period : null;
                next.Arming = ++_armings;
            }

            next.Fire();
        }
    }

    /// <summary>Sets the wall clock. A later moment advances both clocks to it as <see cref="Advance"/> does,
    /// firing the timers due on the way; an earlier one moves only the wall clock back (a clock correction), leaving
    /// <see cref="GetTimestamp"/>, <see cref="Elapsed"/> and timers where they are.</summary>
    /// <param name="value">The new wall-clock time.</param>
    public void SetUtcNow(DateTimeOffset value)
    {
        long forward;
        lock (_gate)
        {
            forward = value.UtcTicks - (_monotonicTicks + _wallOffsetTicks);
            if (forward < 0)
            {
                _wallOffsetTicks += forward;
                return;
            }
        }

        Advance(TimeSpan.FromTicks(forward));
    }

    /// <summary>Moves both clocks forward without firing timers, as a loaded machine runs its timers late; the
    /// timers that fell due fire at the next <see cref="Advance"/>, at that moment.</summary>
    /// <param name="by">How far.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="by"/> is negative.</exception>
    public void AdvanceWithoutFiringTimers(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        lock (_gate)
        {
            _monotonicTicks += by.Ticks;
        }
    }

    /// <summary>Creates a timer on this clock: it fires only while the clock is advanced.</summary>
    /// <param name="callback">What to call when the timer fires.</param>
    /// <param name="state">What to pass to <paramref name="callback"/>.</param>
    /// <param name="dueTime">When it first fires, from now; <see cref="Timeout.InfiniteTimeSpan"/> for never.</param>
    /// <param name="period">The interval after that; <see cref="Timeout.InfiniteTimeSpan"/> or
    /// <see cref="TimeSpan.Zero"/> for once.</param>
    /// <returns>The timer.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="callback"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dueTime"/> or <paramref name="period"/> is
    /// negative and not infinite.</exception>
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        lock (_gate)
        {
            _timers.Add(timer);
        }

        return timer;
    }

    /// <summary>Returns the wall-clock time, for assertion messages.</summary>
    /// <returns>The time as <c>yyyy-MM-ddTHH:mm:ss.fffZ</c>.</returns>
    public override string ToString() => GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        private bool _disposed;

        public long? DueAt { get; set; }

        public long? Period { get; private set; }

        public long Arming { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (dueTime != Timeout.InfiniteTimeSpan)
            {
                ArgumentOutOfRangeException.ThrowIfLessThan(dueTime, TimeSpan.Zero);
            }

            if (period != Timeout.InfiniteTimeSpan)
            {
                ArgumentOutOfRangeException.ThrowIfLessThan(period, TimeSpan.Zero);
            }

            lock (owner._gate)
            {
                if (_disposed)
                {
                    return false;
                }

                Period = period == Timeout.InfiniteTimeSpan || period == TimeSpan.Zero ? null : period.Ticks;
                DueAt = dueTime == Timeout.InfiniteTimeSpan ? null : owner._monotonicTicks + dueTime.Ticks;
                Arming = ++owner._armings;
            }

            return true;
        }

        public void Fire() => callback(state);

        public void Dispose()
        {
            lock (owner._gate)
            {
                _disposed = true;
                DueAt = null;
                owner._timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
