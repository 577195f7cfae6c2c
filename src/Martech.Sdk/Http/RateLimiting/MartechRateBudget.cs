using System.Globalization;
using System.Threading.RateLimiting;

namespace Martech.Sdk;

/// <summary>
/// The request budget of one credential: every request through the transport takes a permit first, waiting in
/// order (FIFO) when the vendor's published limit is used up, so the SDK waits instead of sending into a 429.
/// </summary>
/// <remarks>
/// <para>
/// The built-in limiter is an exact sliding log: a permit granted at <c>t</c> is held until <c>t + hold</c>, where
/// hold is <see cref="MartechRateLimitOptions.Window"/> plus a 2% guard (at most one second) for the clock and
/// network skew between the SDK and the vendor. At most <see cref="MartechRateLimitOptions.PermitLimit"/> permits
/// are held at once, so no window of that length, rolling or fixed, ever sees more than the limit, and sustained
/// throughput is about 98% of it. Grants less than 1/1024 of the hold apart share one log entry, so memory stays
/// bounded (at most ~1,026 entries) whatever the limit. It runs on the <see cref="TimeProvider"/>, so tests drive it
/// with a fake clock; the BCL limiters replenish on wall-clock timers and their sliding window is segmented,
/// which lets a rolling vendor window see more than the limit.
/// </para>
/// <para>
/// The vendor's own words correct it: <see cref="ObserveRetryAfter"/> and a snapshot with no requests remaining
/// and a reset time pause every acquirer; a snapshot with fewer remaining than the budget believes either caps the
/// grants until the vendor's reset (when it gives one) or, for rolling windows without a reset, holds the
/// difference as usage for one window.
/// </para>
/// <para>
/// The limit adapts (AIMD, for every caller on the credential). A 429 cuts it to <see cref="Backoff"/> (0.7) times the
/// permits granted in the window before the refused request, no more than the limit and no less than half of it, at
/// least 1; a 429 to a request granted before the last cut is ignored, so the requests in flight cut once. A snapshot
/// whose remaining count plus the permits in the log is below the limit lowers it to that sum; a stated limit with its
/// window (<see cref="RateLimitSnapshot.Window"/>) is a ceiling, converted to the budget's window, the lowest over the
/// vendor's windows. Each hold without a cut, the next acquisition adds a step (the configured limit / 20, at least 1):
/// whole steps up to the rate achieved before the last 429, then 1, 2, 4… past it, never above the configured limit or
/// the ceiling. A lowered budget is never retired, so its partition keeps what it learned.
/// </para>
/// <para>
/// With <see cref="MartechRateLimitOptions.LimiterFactory"/> the given <see cref="RateLimiter"/> (for example one
/// shared through Redis) grants the permits instead, and the pauses and the adaptive limit apply on top: the log
/// records this process's grants, and holds a request the limiter granted only while the limit is below the configured
/// one (remaining counts do not lower it then: the shared limiter already counts the other processes). Leases are
/// disposed as soon as they are granted: the budget counts request starts.
/// </para>
/// <para>
/// Created with <see cref="SharedRateBudgets"/> (a registered <see cref="ISharedRateBudgetStore"/>) and no limiter
/// factory, the budget takes its permits from the store instead (<see cref="Shared"/>): the rate-limit handler then
/// reports what each response says to the store, which applies the same semantics for every process, and this instance's
/// own log, pauses and limit stay unused.
/// </para>
/// </remarks>
internal sealed class MartechRateBudget : IDisposable
{
    /// <summary>Log entries per hold: grants closer together than hold/1024 share an entry.</summary>
    private const int Resolution = 1024;

    /// <summary>A 429 cuts the limit to this share of the permits granted in the window before the refused one.</summary>
    internal const double Backoff = 0.7;

    /// <summary>Recovery adds the configured limit divided by this (at least one permit) per hold without a 429.</summary>
    internal const int RecoverySteps = 20;

    /// <summary>Vendor windows whose stated limits are remembered (HubSpot states three: second, ten seconds, day).</summary>
    private const int StatedWindows = 4;

    /// <summary>Waits and pauses are capped here, so a malformed header cannot stop the budget for years.</summary>
    private static readonly TimeSpan LongestPause = TimeSpan.FromDays(1);

    private static readonly TimerCallback OnTimerCallback = static state => ((MartechRateBudget)state!).OnTimer();

    private static readonly Action<object?, CancellationToken> OnCanceledCallback =
        static (state, token) => ((Waiter)state!).Budget.Cancel((Waiter)state!, token);

    private readonly string _key;
    private readonly TimeProvider _time;
    private readonly bool _enabled;
    private readonly int _configured;
    private readonly int _step;
    private readonly TimeSpan _window;
    private readonly long _hold;
    private readonly long _quantum;
    private readonly long _maxWait;
    private readonly TimeSpan _maxWaitSpan;
    private readonly double _frequency;
    private readonly RateLimiter? _limiter;
    private readonly SharedBudgetClient? _shared;
    private readonly Lock _gate = new();

    // The sliding log: a ring of entries, oldest at _head, holding _inWindow permits in all.
    private readonly Entry[] _log;
    private readonly LinkedList<Waiter> _waiters = new();
    private int _head;
    private int _entries;
    private long _inWindow;

    private long _pausedUntil = long.MinValue;

    // The adaptive limit: the permits the budget grants per hold now, at most _configured and the vendor's ceiling.
    private int _limit;
    private long _vendorCeiling = long.MaxValue;
    private readonly (long WindowTicks, long Ceiling)[] _statedLimits = new (long, long)[StatedWindows];
    private int _statedCount;
    private long _lastCut = long.MinValue;
    private long _probeFrom = long.MaxValue;
    private long _nextIncrease = long.MaxValue;

    // Vendor said "only _cap more until _capUntil" (a window with a known reset).
    private bool _capActive;
    private long _cap;
    private long _capUntil;

    // Vendor said fewer remain than the log shows, with no reset time: usage held for one hold.
    private long _debt;
    private long _debtUntil;

    private ITimer? _timer;
    private long _timerAt = long.MaxValue;
    private bool _disposed;
    private bool _retired;

    /// <summary>Creates a budget.</summary>
    /// <param name="key">Identifies the credential (provider type and credential id), named in exceptions; not a secret.</param>
    /// <param name="options">The vendor's published limit and the longest wait.</param>
    /// <param name="time">The clock and timers.</param>
    public MartechRateBudget(string key, MartechRateLimitOptions options, TimeProvider time)
        : this(key, options, time, null)
    {
    }

    /// <summary>Creates a budget, shared through a store when one is given.</summary>
    /// <param name="key">Identifies the credential (provider type and credential id), named in exceptions and used as
    /// the store's key; not a secret.</param>
    /// <param name="options">The vendor's published limit and the longest wait.</param>
    /// <param name="time">The clock and timers.</param>
    /// <param name="shared">The shared store, or <see langword="null"/> for an in-process budget. Ignored when
    /// <see cref="MartechRateLimitOptions.LimiterFactory"/> is set: the given limiter already shares the budget.</param>
    public MartechRateBudget(string key, MartechRateLimitOptions options, TimeProvider time, SharedRateBudgets? shared)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        if (options.Enabled)
        {
            options.Validate(key);
        }

        _key = key;
        _time = time;
        _enabled = options.Enabled;
        _configured = Math.Max(1, options.PermitLimit);
        _limit = _configured;
        _step = Math.Max(1, _configured / RecoverySteps);
        _frequency = time.TimestampFrequency;
        _window = options.Window > TimeSpan.Zero ? options.Window : TimeSpan.FromSeconds(1);
        _hold = ToUnits(HoldFor(_window));
        _quantum = Math.Max(1, (_hold + Resolution - 1) / Resolution);
        _maxWaitSpan = options.MaxWait < TimeSpan.Zero ? TimeSpan.Zero : options.MaxWait;
        _maxWait = ToUnits(_maxWaitSpan);
        _log = _enabled ? new Entry[Math.Min(_configured, Resolution + 2)] : [];
        if (_enabled && options.LimiterFactory is { } factory)
        {
            _limiter = factory(key) ?? throw new InvalidOperationException($"The rate limiter factory returned no limiter for budget '{key}'.");
        }
        else if (_enabled && shared is not null)
        {
            _shared = new SharedBudgetClient(key, options, shared);
        }
    }

    /// <summary>The shared store's side of the budget, when it takes its permits from one; otherwise <see langword="null"/>.</summary>
    internal SharedBudgetClient? Shared => _shared;

    /// <summary>The budget's key (provider type and credential id).</summary>
    public string Key => _key;

    /// <summary>The permits the budget grants per window now: the configured limit, or less after a 429 or rate-limit
    /// headers showing less headroom, recovering by <see cref="RecoveryStep"/> per window without a 429.</summary>
    public int PermitLimit => _shared?.Limit ?? Volatile.Read(ref _limit);

    /// <summary>The configured limit (<see cref="MartechRateLimitOptions.PermitLimit"/>), the most the budget grants.</summary>
    public int ConfiguredPermitLimit => _configured;

    /// <summary>The permits recovery adds per hold without a 429: the configured limit / 20, at least one.</summary>
    internal int RecoveryStep => _step;

    /// <summary>How long a granted permit counts against the limit: the window plus a 2% guard, at most one second.</summary>
    /// <param name="window">The vendor's window.</param>
    /// <returns>The hold.</returns>
    internal static TimeSpan HoldFor(TimeSpan window)
    {
        long guard = Math.Min(window.Ticks / 50, TimeSpan.TicksPerSecond);
        return TimeSpan.FromTicks(window.Ticks + guard);
    }

    /// <summary>Waits for a permit.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>How long the caller waited; <see cref="TimeSpan.Zero"/> when a permit was free.</returns>
    /// <exception cref="MartechRateLimitedException">The wait would be longer than <see cref="MartechRateLimitOptions.MaxWait"/>.</exception>
    /// <exception cref="OperationCanceledException">The wait was canceled.</exception>
    public ValueTask<TimeSpan> AcquireAsync(CancellationToken cancellationToken) => Acquire(cancellationToken, out _);

    /// <summary>Waits for a permit, unless the budget was retired (<see cref="TryRetire"/>): then it does nothing and
    /// says so, and the caller takes its partition's new budget instead.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <param name="retired">Whether the budget was retired; the returned wait is then meaningless.</param>
    /// <returns>How long the caller waited.</returns>
    internal ValueTask<TimeSpan> Acquire(CancellationToken cancellationToken, out bool retired)
    {
        retired = false;
        if (!_enabled)
        {
            return default;
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<TimeSpan>(cancellationToken);
        }

        if (_limiter is not null)
        {
            return AcquireFromLimiterAsync(_limiter, cancellationToken);
        }

        if (_shared is not null)
        {
            return AcquireFromStoreAsync(_shared, cancellationToken);
        }

        return AcquireLocal(cancellationToken, out retired);
    }

    /// <summary>Takes a permit of the in-process log, or queues for one. With a limiter from the factory, the log only
    /// records the grants, and holds requests back only while the adaptive limit is below the configured one.</summary>
    private ValueTask<TimeSpan> AcquireLocal(CancellationToken cancellationToken, out bool retired)
    {
        retired = false;
        lock (_gate)
        {
            if (_disposed)
            {
                return ValueTask.FromException<TimeSpan>(new ObjectDisposedException(nameof(MartechRateBudget)));
            }

            if (_retired)
            {
                retired = true;
                return default;
            }

            long now = _time.GetTimestamp();
            if (_waiters.Count == 0 && _limiter is not null && _limit >= _configured)
            {
                Record(now); // the shared limiter granted it; nothing adaptive applies on top
                return new ValueTask<TimeSpan>(TimeSpan.Zero);
            }

            if (_waiters.Count == 0 && TryTake(now, out _))
            {
                return new ValueTask<TimeSpan>(TimeSpan.Zero);
            }

            Normalize(now);
            long wait = Estimate(now, _waiters.Count) - now;
            if (wait > _maxWait)
            {
                return ValueTask.FromException<TimeSpan>(TooLong(wait));
            }

            var waiter = new Waiter(this, now, SaturatingAdd(now, _maxWait));
            waiter.Node = _waiters.AddLast(waiter);
            if (cancellationToken.CanBeCanceled)
            {
                // Registered under the lock: if the token is already canceled the callback runs here, re-entering it.
                waiter.Registration = cancellationToken.UnsafeRegister(OnCanceledCallback, waiter);
            }

            Drain(now);
            return new ValueTask<TimeSpan>(waiter.Task);
        }
    }

    /// <summary>Applies what the vendor's rate-limit headers said.</summary>
    /// <param name="snapshot">The headers of one response.</param>
    public void Observe(RateLimitSnapshot snapshot)
    {
        if (!_enabled || (snapshot.Remaining is null && (snapshot.Limit is null || snapshot.Window is null)))
        {
            return;
        }

        lock (_gate)
        {
            if (_disposed || _retired)
            {
                return;
            }

            long now = _time.GetTimestamp();
            Normalize(now);
            if (snapshot.Limit is long stated && snapshot.Window is TimeSpan statedWindow && statedWindow > TimeSpan.Zero)
            {
                SetVendorCeiling(now, statedWindow.Ticks, CeilingFor(stated, statedWindow));
            }

            if (snapshot.Remaining is not long remaining)
            {
                Drain(now);
                return;
            }

            bool windowJustReset = snapshot.ResetAfter is TimeSpan reset && reset <= TimeSpan.Zero;
            if (_limiter is null && !windowJustReset && _inWindow + Math.Max(0, remaining) < _limit)
            {
                // The vendor shows less headroom than the budget assumes (another app or process on the credential, or
                // a lower limit than configured): what it shows is the limit from now on, recovering slowly.
                Lower(now, _inWindow + Math.Max(0, remaining));
            }

            if (snapshot.ResetAfter is TimeSpan resetAfter)
            {
                if (resetAfter <= TimeSpan.Zero)
                {
                    Drain(now);
                    return; // the vendor's window has just reset: nothing to hold back
                }

                long until = SaturatingAdd(now, ToUnits(Clamp(resetAfter)));
                if (remaining <= 0)
                {
                    _pausedUntil = Math.Max(_pausedUntil, until);
                }
                else if (_limiter is null)
                {
                    // The newest statement wins: it counts everything the vendor has seen so far.
                    _capActive = true;
                    _cap = remaining;
                    _capUntil = until;
                }
            }
            else if (_limiter is null)
            {
                // No reset time (a rolling or daily window): what the vendor counts beyond our own log is someone
                // else's usage; hold it for one window, as our own grants are held.
                long available = _limit - _inWindow;
                _debt = Math.Max(0, available - Math.Max(0, remaining));
                _debtUntil = SaturatingAdd(now, _hold);
            }

            Drain(now);
        }
    }

    /// <summary>Remembers a vendor-stated limit for one of its windows and gives the ceiling it sets on the budget's
    /// limit: the lowest over the vendor's windows, converted to the budget's window, at most the configured limit. What a
    /// shared budget reports to its store as <see cref="SharedRateFeedback.Ceiling"/>.</summary>
    /// <param name="stated">The vendor's limit.</param>
    /// <param name="statedWindow">The vendor's window of it.</param>
    /// <returns>The ceiling.</returns>
    internal long StatedCeiling(long stated, TimeSpan statedWindow)
    {
        lock (_gate)
        {
            if (statedWindow > TimeSpan.Zero)
            {
                SetVendorCeiling(_time.GetTimestamp(), statedWindow.Ticks, CeilingFor(stated, statedWindow));
            }

            return Ceiling();
        }
    }

    /// <summary>Pauses every acquirer for a 429's <c>Retry-After</c>, so parallel requests stop too.</summary>
    /// <param name="retryAfter">How long the vendor asked to wait.</param>
    public void ObserveRetryAfter(TimeSpan retryAfter)
    {
        if (!_enabled || retryAfter <= TimeSpan.Zero)
        {
            return;
        }

        lock (_gate)
        {
            if (_disposed || _retired)
            {
                return;
            }

            long now = _time.GetTimestamp();
            _pausedUntil = Math.Max(_pausedUntil, SaturatingAdd(now, ToUnits(Clamp(retryAfter))));
            Drain(now);
        }
    }

    /// <summary>
    /// Cuts the limit after a 429 to <see cref="Backoff"/> times the permits granted in the window before the refused
    /// request (no more than the limit, no less than half of it), at least one, for every caller on the credential. A 429 to a request granted
    /// before the last cut is ignored: that request was sent under the old limit, which is already cut.
    /// </summary>
    /// <param name="grantedAt">A timestamp (of the budget's clock) taken when the refused request was granted its
    /// permits, just before it was sent.</param>
    public void ObserveTooManyRequests(long grantedAt)
    {
        if (!_enabled)
        {
            return;
        }

        lock (_gate)
        {
            if (_disposed || _retired || grantedAt <= _lastCut)
            {
                return;
            }

            long now = _time.GetTimestamp();
            Normalize(now);
            // What got through before the refused request, but at least half the limit: a 429 after a handful of
            // requests (someone else emptied the window, which Retry-After covers) must not collapse the limit at once.
            long achieved = Math.Min(_limit, Math.Max(0, _inWindow - 1));
            Lower(now, (long)(Math.Max(achieved, _limit / 2.0) * Backoff));
            _probeFrom = Math.Max(1, achieved);
            _lastCut = now;
        }
    }

    /// <summary>Holds the rest of the limit for one window after a 429 that said neither when to retry nor what is
    /// left: the vendor's window is full for now. It does not lower the limit (<see cref="ObserveTooManyRequests"/>
    /// does that).</summary>
    internal void ObserveExhausted()
    {
        if (!_enabled || _limiter is not null)
        {
            return;
        }

        lock (_gate)
        {
            if (_disposed || _retired)
            {
                return;
            }

            long now = _time.GetTimestamp();
            Normalize(now);
            _debt = Math.Max(0, _limit - _inWindow);
            _debtUntil = SaturatingAdd(now, _hold);
            Drain(now);
        }
    }

    /// <summary>
    /// Moves one permit this caller was granted, at <paramref name="grantedFrom"/> or later, to now: the caller then
    /// waited on another budget before sending, and the vendor counts the request when it arrives. Without this the
    /// permit would leave the window early by that wait, and the next request could start less than a window after
    /// this one. When the log cannot tell the caller's permit from an older one, the older one moves (which only
    /// holds the budget back longer); when the caller's permit may have left the window already, one permit is
    /// recorded now.
    /// </summary>
    /// <param name="grantedFrom">A timestamp (of the budget's clock) no later than the grant.</param>
    internal void Restamp(long grantedFrom)
    {
        if (!_enabled || _limiter is not null)
        {
            return;
        }

        lock (_gate)
        {
            if (_disposed || _retired)
            {
                return;
            }

            long now = _time.GetTimestamp();
            Normalize(now);
            if (SaturatingAdd(grantedFrom, _hold) > now && FindRestampEntry(grantedFrom) is int index)
            {
                _log[index].Count--;
                _inWindow--;
            }

            Record(now);
        }
    }

    /// <summary>Records a permit granted elsewhere (by the shared store this budget is the local share of) in the log,
    /// so it counts against this budget's limit for one hold from now.</summary>
    internal void RecordGrant()
    {
        if (!_enabled)
        {
            return;
        }

        lock (_gate)
        {
            if (_disposed || _retired)
            {
                return;
            }

            long now = _time.GetTimestamp();
            Normalize(now);
            Record(now);
        }
    }

    /// <summary>
    /// Retires the budget of a partition when it holds nothing: no permit in the window, no waiter, no pause, cap or
    /// debt, so a new budget for the partition would behave the same. A retired budget grants nothing more
    /// (<see cref="Acquire"/> says it was retired) and ignores what it is told.
    /// </summary>
    /// <returns>Whether the budget is retired.</returns>
    internal bool TryRetire()
    {
        if (!_enabled || _limiter is not null)
        {
            return false;
        }

        if (_shared is not null)
        {
            // The state is in the store: an idle client holds nothing a new one would not.
            lock (_gate)
            {
                _retired = _retired || (!_disposed && _shared.Idle);
                return _retired;
            }
        }

        lock (_gate)
        {
            if (_disposed || _retired)
            {
                return _retired;
            }

            long now = _time.GetTimestamp();
            Normalize(now);
            if (_entries > 0 || _waiters.Count > 0 || now < _pausedUntil || _capActive || _debt > 0 || _limit < _configured)
            {
                return false;
            }

            _retired = true;
            _timer?.Dispose();
            _timer = null;
            return true;
        }
    }

    /// <summary>Fails the waiting acquirers, stops the timer and disposes a limiter from the factory.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _timer?.Dispose();
            _timer = null;
            while (_waiters.First is { } node)
            {
                _waiters.RemoveFirst();
                node.Value.Registration.Unregister();
                node.Value.TrySetException(new ObjectDisposedException(nameof(MartechRateBudget)));
            }
        }

        _limiter?.Dispose();
        _shared?.Dispose();
    }

    /// <summary>Describes the budget by its key.</summary>
    /// <returns>The key.</returns>
    public override string ToString() => $"MartechRateBudget({_key})";

    private async ValueTask<TimeSpan> AcquireFromLimiterAsync(RateLimiter limiter, CancellationToken cancellationToken)
    {
        long start = _time.GetTimestamp();
        if (Volatile.Read(ref _pausedUntil) <= start)
        {
            bool acquired;
            using (RateLimitLease lease = limiter.AttemptAcquire(1))
            {
                acquired = lease.IsAcquired;
            }

            if (acquired)
            {
                return await AcquireLocal(cancellationToken, out _).ConfigureAwait(false);
            }
        }

        while (true)
        {
            await WaitOutPauseAsync(start, cancellationToken).ConfigureAwait(false);
            TimeSpan left = _maxWaitSpan - _time.GetElapsedTime(start);
            RateLimitLease lease;
            using (var timeout = new CancellationTokenSource(left > TimeSpan.Zero ? left : TimeSpan.Zero, _time))
            using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token))
            {
                try
                {
                    lease = await limiter.AcquireAsync(1, linked.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && timeout.IsCancellationRequested)
                {
                    throw TooLongWithoutEstimate();
                }
            }

            using (lease)
            {
                if (!lease.IsAcquired)
                {
                    if (!lease.TryGetMetadata(MetadataName.RetryAfter, out TimeSpan retryAfter) || retryAfter <= TimeSpan.Zero)
                    {
                        throw TooLongWithoutEstimate();
                    }

                    if (_time.GetElapsedTime(start) + retryAfter > _maxWaitSpan)
                    {
                        throw TooLong(ToUnits(retryAfter));
                    }

                    await Task.Delay(retryAfter, _time, cancellationToken).ConfigureAwait(false);
                    continue;
                }
            }

            // A pause that began while this request queued on the limiter still applies to it, and so does the
            // adaptive limit.
            await WaitOutPauseAsync(start, cancellationToken).ConfigureAwait(false);
            await AcquireLocal(cancellationToken, out _).ConfigureAwait(false);
            return _time.GetElapsedTime(start);
        }
    }

    private static async ValueTask<TimeSpan> AcquireFromStoreAsync(SharedBudgetClient shared, CancellationToken cancellationToken) =>
        (await shared.AcquireAsync(cancellationToken).ConfigureAwait(false)).Waited;

    private async ValueTask WaitOutPauseAsync(long start, CancellationToken cancellationToken)
    {
        while (true)
        {
            long now = _time.GetTimestamp();
            long until = Volatile.Read(ref _pausedUntil);
            if (until <= now)
            {
                return;
            }

            if (until - start > _maxWait)
            {
                throw TooLong(until - now);
            }

            await Task.Delay(ToTimeSpan(until - now), _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Grants a permit now if every constraint allows; otherwise says when to look again. Under the lock.</summary>
    private bool TryTake(long now, out long retryAt)
    {
        if (now < _pausedUntil)
        {
            retryAt = _pausedUntil;
            return false;
        }

        Normalize(now);
        if (now >= _nextIncrease)
        {
            Recover(now);
        }

        if (_capActive && _cap <= 0)
        {
            retryAt = _capUntil;
            return false;
        }

        if (_inWindow + _debt >= _limit)
        {
            long logFree = _entries > 0 ? _log[_head].Last + _hold : long.MaxValue;
            retryAt = _debt > 0 ? Math.Min(logFree, _debtUntil) : logFree;
            retryAt = Math.Min(retryAt, _nextIncrease); // recovery may let the next one through sooner
            return false;
        }

        Record(now);
        if (_capActive)
        {
            _cap--;
        }

        retryAt = now;
        return true;
    }

    /// <summary>Drops expired log entries, cap and debt. Under the lock.</summary>
    private void Normalize(long now)
    {
        while (_entries > 0 && _log[_head].Last + _hold <= now)
        {
            _inWindow -= _log[_head].Count;
            _head = (_head + 1) % _log.Length;
            _entries--;
        }

        if (_capActive && now >= _capUntil)
        {
            _capActive = false;
        }

        if (_debt > 0 && now >= _debtUntil)
        {
            _debt = 0;
        }
    }

    /// <summary>Lowers the limit to <paramref name="to"/> (at least one) and restarts the recovery clock. Under the lock.</summary>
    private void Lower(long now, long to)
    {
        long lowered = Math.Max(1, to);
        if (lowered < _limit)
        {
            Volatile.Write(ref _limit, (int)lowered);
        }

        _nextIncrease = _limit < Ceiling() ? SaturatingAdd(now, _hold) : long.MaxValue;
    }

    /// <summary>Adds one recovery step, up to the ceiling, once a hold has passed without a cut: a whole step up to the
    /// rate achieved before the last 429, then 1, 2, 4… past it (at most a step), so probing for headroom that is not
    /// there costs about one refused request. Under the lock.</summary>
    private void Recover(long now)
    {
        long ceiling = Ceiling();
        if (_limit < ceiling)
        {
            long next = _limit < _probeFrom
                ? Math.Min((long)_limit + _step, _probeFrom)
                : _limit + Math.Min(_step, _limit - _probeFrom + 1);
            Volatile.Write(ref _limit, (int)Math.Min(ceiling, next));
        }

        _nextIncrease = _limit < ceiling ? SaturatingAdd(now, _hold) : long.MaxValue;
    }

    /// <summary>Remembers the vendor's newest stated limit for one of its windows (converted to the budget's window); the
    /// lowest over the windows is the ceiling, and the limit drops to it at once, while a higher statement lets recovery
    /// climb to it. Under the lock.</summary>
    private void SetVendorCeiling(long now, long windowTicks, long ceiling)
    {
        int slot = 0;
        while (slot < _statedCount && _statedLimits[slot].WindowTicks != windowTicks)
        {
            slot++;
        }

        if (slot == _statedLimits.Length)
        {
            slot--; // more windows than remembered: the last slot follows the newest
        }
        else if (slot == _statedCount)
        {
            _statedCount++;
        }

        _statedLimits[slot] = (windowTicks, Math.Max(1, ceiling));
        _vendorCeiling = long.MaxValue;
        for (int i = 0; i < _statedCount; i++)
        {
            _vendorCeiling = Math.Min(_vendorCeiling, _statedLimits[i].Ceiling);
        }

        if (_limit > Ceiling())
        {
            Volatile.Write(ref _limit, (int)Ceiling());
        }
        else if (_limit < Ceiling() && _nextIncrease == long.MaxValue)
        {
            _nextIncrease = SaturatingAdd(now, _hold);
        }
    }

    private long Ceiling() => Math.Min(_configured, _vendorCeiling);

    /// <summary>
    /// The most a vendor's stated limit allows in the budget's window: the limit itself when the vendor's window is at
    /// least as long (every window of ours lies within one of theirs), else the limit times the vendor windows that
    /// fit into ours, rounded up (so never below what the vendor allows).
    /// </summary>
    private long CeilingFor(long stated, TimeSpan statedWindow)
    {
        if (stated <= 0 || statedWindow >= _window)
        {
            return stated;
        }

        long windows = (_window.Ticks + statedWindow.Ticks - 1) / statedWindow.Ticks;
        return stated > long.MaxValue / windows ? long.MaxValue : stated * windows;
    }

    private void Record(long now)
    {
        if (_entries > 0)
        {
            ref Entry tail = ref _log[(_head + _entries - 1) % _log.Length];
            if (now - tail.First < _quantum || _entries == _log.Length)
            {
                tail.Count++;
                tail.Last = Math.Max(tail.Last, now);
                _inWindow++;
                return;
            }
        }

        ref Entry entry = ref _log[(_head + _entries) % _log.Length];
        entry = new Entry { First = now, Last = now, Count = 1 };
        _entries++;
        _inWindow++;
    }

    /// <summary>The log entry <see cref="Restamp"/> takes a permit from: the newest with permits granted no later than
    /// <paramref name="grantedFrom"/>, else the oldest with permits. Under the lock, normalized.</summary>
    private int? FindRestampEntry(long grantedFrom)
    {
        int? oldest = null;
        for (int n = _entries - 1; n >= 0; n--)
        {
            int i = (_head + n) % _log.Length;
            if (_log[i].Count <= 0)
            {
                continue;
            }

            if (_log[i].First <= grantedFrom)
            {
                return i;
            }

            oldest = i;
        }

        return oldest;
    }

    /// <summary>When the acquirer at a queue position (0 = next) would get its permit. Under the lock, normalized.</summary>
    private long Estimate(long now, long position)
    {
        long start = Math.Max(now, _pausedUntil);
        long at = FromLog(position + _debt, start);
        if (_debt > 0)
        {
            at = Math.Min(at, Math.Max(_debtUntil, FromLog(position, start)));
        }

        if (_capActive && position >= _cap)
        {
            at = Math.Max(at, _capUntil);
        }

        return at;
    }

    /// <summary>
    /// When the k-th future grant fits the sliding log: the grant <c>limit</c> places before it must have expired.
    /// That is a logged permit for the first round and a future grant (one hold later) after it.
    /// </summary>
    private long FromLog(long k, long start)
    {
        long free = _limit - _inWindow;
        long rounds = k / _limit;
        long r = k % _limit;
        long first = r < free ? start : Math.Max(start, LoggedPermitTime(r - free) + _hold);
        return SaturatingAdd(first, rounds * _hold);
    }

    /// <summary>The grant time of the i-th oldest logged permit.</summary>
    private long LoggedPermitTime(long index)
    {
        for (int n = 0, i = _head; n < _entries; n++, i = (i + 1) % _log.Length)
        {
            if (index < _log[i].Count)
            {
                return _log[i].Last;
            }

            index -= _log[i].Count;
        }

        return _entries > 0 ? _log[(_head + _entries - 1) % _log.Length].Last : long.MinValue;
    }

    /// <summary>Grants waiters in order while permits are free, fails those whose wait would pass MaxWait, and sets
    /// the timer for the next chance. Under the lock.</summary>
    private void Drain(long now)
    {
        while (_waiters.First is { } node)
        {
            Waiter waiter = node.Value;
            if (TryTake(now, out long retryAt))
            {
                _waiters.RemoveFirst();
                waiter.Registration.Unregister();
                waiter.TrySetResult(_time.GetElapsedTime(waiter.Enqueued, now));
                continue;
            }

            while (_waiters.First is { } late && late.Value.Deadline < retryAt)
            {
                _waiters.RemoveFirst();
                late.Value.Registration.Unregister();
                late.Value.TrySetException(TooLong(retryAt - now));
            }

            if (_waiters.Count > 0)
            {
                Schedule(now, retryAt);
            }

            return;
        }
    }

    private void Schedule(long now, long at)
    {
        if (_timer is not null && _timerAt == at)
        {
            return;
        }

        // A new timer per due time rather than Change: cheap on this slow path, and correct with one-shot fakes.
        _timer?.Dispose();
        _timerAt = at;
        TimeSpan due = ToTimeSpan(at - now);
        _timer = _time.CreateTimer(OnTimerCallback, this, due > TimeSpan.Zero ? due : TimeSpan.FromTicks(1), Timeout.InfiniteTimeSpan);
    }

    private void OnTimer()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _timerAt = long.MaxValue;
            Drain(_time.GetTimestamp());
        }
    }

    private void Cancel(Waiter waiter, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (waiter.Node?.List is not null)
            {
                _waiters.Remove(waiter.Node);
            }
        }

        waiter.TrySetCanceled(cancellationToken);
    }

    private MartechRateLimitedException TooLong(long waitUnits)
    {
        TimeSpan wait = ToTimeSpan(waitUnits);
        return new MartechRateLimitedException(string.Create(
            CultureInfo.InvariantCulture,
            $"The rate budget '{_key}' would hold this request for about {wait.TotalSeconds:0.###} s, longer than its MaxWait of {_maxWaitSpan.TotalSeconds:0.###} s."))
        {
            RetryAfter = wait,
        };
    }

    private MartechRateLimitedException TooLongWithoutEstimate() =>
        new(string.Create(CultureInfo.InvariantCulture, $"The rate limiter of budget '{_key}' granted no permit within its MaxWait of {_maxWaitSpan.TotalSeconds:0.###} s."));

    private static TimeSpan Clamp(TimeSpan span) => span > LongestPause ? LongestPause : span;

    private static long SaturatingAdd(long a, long b)
    {
        long sum = unchecked(a + b);
        return b > 0 && sum < a ? long.MaxValue : sum;
    }

    private long ToUnits(TimeSpan span)
    {
        if (span <= TimeSpan.Zero)
        {
            return 0;
        }

        double units = Math.Ceiling(span.Ticks * _frequency / TimeSpan.TicksPerSecond);
        return units >= long.MaxValue / 4 ? long.MaxValue / 4 : (long)units;
    }

    private TimeSpan ToTimeSpan(long units)
    {
        if (units <= 0)
        {
            return TimeSpan.Zero;
        }

        double ticks = Math.Ceiling(units * (double)TimeSpan.TicksPerSecond / _frequency);
        return ticks >= TimeSpan.MaxValue.Ticks ? TimeSpan.MaxValue : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>Permits granted close together: the first and last grant times and how many.</summary>
    private struct Entry
    {
        public long First;
        public long Last;
        public long Count;
    }

    private sealed class Waiter(MartechRateBudget budget, long enqueued, long deadline)
        : TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        public MartechRateBudget Budget { get; } = budget;

        public long Enqueued { get; } = enqueued;

        public long Deadline { get; } = deadline;

        public LinkedListNode<Waiter>? Node { get; set; }

        public CancellationTokenRegistration Registration { get; set; }
    }
}
