namespace Martech.Sdk.Testing;

/// <summary>
/// The reference <see cref="ISharedRateBudgetStore"/>: the contract's semantics exactly, in memory, on a
/// <see cref="TimeProvider"/>. Use it in tests (two service providers sharing one instance behave like two processes
/// sharing a Redis budget), to drive budgets with <see cref="ManualTimeProvider"/>, and in a single process that wants
/// the shared-budget code path without a server. <see cref="Available"/> simulates an outage.
/// </summary>
/// <remarks>
/// <para>
/// Per key it keeps what the in-process budget keeps: a sliding log of grant times (a permit granted at <c>t</c>
/// counts until <c>t + hold</c>), the adaptive limit (starting at <see cref="SharedRateBudget.PermitLimit"/>), the
/// vendor ceiling, a pause, a cap (N more until a reset), a debt (usage the vendor counts beyond the log, held for one
/// hold), the time of the last cut and the recovery schedule. A request is granted when the key is not paused, any cap
/// has permits left, and the permits held plus the debt are below the limit; otherwise the refusal's
/// <see cref="SharedPermit.RetryAfter"/> is the earliest moment that can change: the pause's end, the cap's reset, the
/// oldest permit's release, the debt's end, or the next recovery step.
/// </para>
/// <para>
/// Reports are applied in this order: a <see cref="SharedRateFeedback.Ceiling"/> (the newest wins; the limit drops to
/// it at once, a higher one lets recovery climb to it); <see cref="SharedRateFeedback.Remaining"/> (held plus remaining
/// below the limit lowers the limit to that sum unless the vendor's window has just reset; with a positive
/// <see cref="SharedRateFeedback.ResetAfter"/> it is a cap until then, or a pause when nothing remains; without one,
/// the difference is a debt for one hold); <see cref="SharedRateFeedback.TooManyRequests"/> (when
/// <see cref="SharedRateFeedback.GrantedAt"/> is after the last cut: the limit becomes 0.7 × max(held − 1, limit ÷ 2),
/// at least 1, and recovery starts one hold later); <see cref="SharedRateFeedback.PauseFor"/>; and
/// <see cref="SharedRateFeedback.Exhausted"/> (the rest of the limit held as debt for one hold). Each hold without a
/// cut, the next acquisition adds <see cref="SharedRateBudget.RecoveryStep"/> (whole steps up to the rate achieved
/// before the last cut, then 1, 2, 4… past it), never above the permit limit or the ceiling.
/// </para>
/// <para>
/// Times are UTC milliseconds of the <see cref="TimeProvider"/> (<see cref="SharedPermit.GrantedAt"/> is one). A
/// 429 to a permit granted in the same millisecond as the last cut counts as granted before it. A key's state expires
/// once nothing is held, paused, capped or owed and it has not been used for ten holds (at least a minute), as a Redis
/// key's TTL would, but while its limit is below the permit limit or a ceiling is set it is kept for a day after its
/// last use (the Redis store's default <c>LearnedStateRetention</c>), so a cut limit is not forgotten; thread-safe.
/// </para>
/// </remarks>
public sealed class InMemorySharedRateBudgetStore : ISharedRateBudgetStore
{
    private const double Backoff = 0.7;
    private static readonly long MinimumIdleMs = 60_000;
    private static readonly long LearnedRetentionMs = (long)TimeSpan.FromDays(1).TotalMilliseconds;

    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, State> _states = new(StringComparer.Ordinal);
    private long _calls;
    private long _lookups;
    private volatile bool _available = true;

    /// <summary>Creates an empty store.</summary>
    /// <param name="time">The clock; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    public InMemorySharedRateBudgetStore(TimeProvider? time = null) => _time = time ?? TimeProvider.System;

    /// <inheritdoc />
    public string Name => "in-memory";

    /// <inheritdoc />
    public string ClockDescription => "the store's TimeProvider (UTC milliseconds)";

    /// <summary>
    /// Whether the store answers. Set it to <see langword="false"/> to simulate an outage: every call then throws
    /// <see cref="SharedRateBudgetUnavailableException"/> (what a Redis store does when the server is unreachable),
    /// and the budgets follow <see cref="SharedRateBudgetOptions.WhenUnavailable"/>. The default value is
    /// <see langword="true"/>.
    /// </summary>
    public bool Available
    {
        get => _available;
        set => _available = value;
    }

    /// <summary>How many calls (acquisitions, reports and pings) reached the store, refused or not.</summary>
    public long Calls => Interlocked.Read(ref _calls);

    /// <inheritdoc />
    public ValueTask<SharedPermit> TryAcquireAsync(SharedRateBudget budget, CancellationToken cancellationToken = default)
    {
        Check(budget);
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<SharedPermit>(cancellationToken);
        }

        Enter();
        long now = Now();
        lock (_gate)
        {
            State state = StateOf(budget, now);
            return new ValueTask<SharedPermit>(state.TryAcquire(now));
        }
    }

    /// <inheritdoc />
    public ValueTask ReportAsync(SharedRateBudget budget, SharedRateFeedback feedback, CancellationToken cancellationToken = default)
    {
        Check(budget);
        ArgumentNullException.ThrowIfNull(feedback);
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled(cancellationToken);
        }

        Enter();
        long now = Now();
        lock (_gate)
        {
            StateOf(budget, now).Report(now, feedback);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<TimeSpan> PingAsync(CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<TimeSpan>(cancellationToken);
        }

        Enter();
        return new ValueTask<TimeSpan>(TimeSpan.Zero);
    }

    /// <summary>The current (adapted) limit of a key, or <see langword="null"/> when the store holds nothing for it.</summary>
    /// <param name="key">The budget key.</param>
    /// <returns>The limit.</returns>
    public int? LimitOf(string key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        lock (_gate)
        {
            return _states.TryGetValue(key, out State? state) && !state.Expired(Now()) ? state.Limit : null;
        }
    }

    /// <summary>Describes the store.</summary>
    /// <returns>The name and the number of keys.</returns>
    public override string ToString()
    {
        lock (_gate)
        {
            return $"InMemorySharedRateBudgetStore ({_states.Count} keys)";
        }
    }

    private static void Check(SharedRateBudget budget)
    {
        ArgumentNullException.ThrowIfNull(budget);
        if (string.IsNullOrWhiteSpace(budget.Key))
        {
            throw new ArgumentException("The shared rate budget's Key cannot be empty.", nameof(budget));
        }

        if (budget.PermitLimit < 1)
        {
            throw new ArgumentException($"The shared rate budget '{budget.Key}' PermitLimit must be at least 1 (was {budget.PermitLimit}).", nameof(budget));
        }

        if (budget.Hold <= TimeSpan.Zero || budget.Window <= TimeSpan.Zero)
        {
            throw new ArgumentException($"The shared rate budget '{budget.Key}' Window and Hold must be positive (were {budget.Window} and {budget.Hold}).", nameof(budget));
        }

        if (budget.RecoveryStep < 1)
        {
            throw new ArgumentException($"The shared rate budget '{budget.Key}' RecoveryStep must be at least 1 (was {budget.RecoveryStep}).", nameof(budget));
        }
    }

    private void Enter()
    {
        Interlocked.Increment(ref _calls);
        if (!_available)
        {
            throw new SharedRateBudgetUnavailableException("The in-memory shared rate budget store is set unavailable (Available = false).");
        }
    }

    private long Now() => _time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>The key's state, new when it has none or it expired; sweeps expired keys now and then. Under the lock.</summary>
    private State StateOf(SharedRateBudget budget, long now)
    {
        if (++_lookups % 4096 == 0)
        {
            foreach (KeyValuePair<string, State> entry in _states.Where(e => e.Value.Expired(now)).ToList())
            {
                _states.Remove(entry.Key);
            }
        }

        if (!_states.TryGetValue(budget.Key, out State? state) || state.Expired(now))
        {
            state = new State(budget.PermitLimit);
            _states[budget.Key] = state;
        }

        state.Use(budget, now);
        return state;
    }

    private static long Ms(TimeSpan span) => span <= TimeSpan.Zero ? 0 : (long)Math.Ceiling(Math.Min(span.TotalMilliseconds, TimeSpan.FromDays(1).TotalMilliseconds));

    private static long Add(long a, long b) => b > 0 && a > long.MaxValue - b ? long.MaxValue : a + b;

    /// <summary>The state of one key. Every member runs under the store's lock.</summary>
    private sealed class State(int permitLimit)
    {
        private readonly Queue<long> _grants = new();
        private int _configured = permitLimit;
        private int _step = 1;
        private long _hold = 1;
        private long _ceiling = long.MaxValue;
        private long _lastCut = long.MinValue;
        private long _probeFrom = long.MaxValue;
        private long _nextIncrease = long.MaxValue;
        private long _pausedUntil = long.MinValue;
        private bool _capActive;
        private long _cap;
        private long _capUntil;
        private long _debt;
        private long _debtUntil;
        private long _lastUse;
        private long _lastGrant = long.MinValue;

        public int Limit { get; private set; } = permitLimit;

        private long Ceiling => Math.Min(_configured, _ceiling);

        public void Use(SharedRateBudget budget, long now)
        {
            _configured = budget.PermitLimit;
            _step = budget.RecoveryStep;
            _hold = Math.Max(1, Ms(budget.Hold));
            _lastUse = Math.Max(_lastUse, now);
            if (Limit > Ceiling)
            {
                Limit = (int)Ceiling; // the configured limit was lowered since
            }

            Normalize(now);
        }

        public bool Expired(long now)
        {
            Normalize(now);
            long idle = Limit < _configured || _ceiling != long.MaxValue
                ? Math.Max(LearnedRetentionMs, 10 * _hold)
                : Math.Max(MinimumIdleMs, 10 * _hold);
            return _grants.Count == 0 && now >= _pausedUntil && !_capActive && _debt == 0
                && now >= Add(_lastUse, idle);
        }

        public SharedPermit TryAcquire(long now)
        {
            now = Math.Max(now, _lastGrant); // grant times never go back, even if the clock does
            if (now < _pausedUntil)
            {
                return Refuse(now, _pausedUntil);
            }

            if (now >= _nextIncrease)
            {
                Recover(now);
            }

            if (_capActive && _cap <= 0)
            {
                return Refuse(now, _capUntil);
            }

            if (_grants.Count + _debt >= Limit)
            {
                long at = _grants.Count > 0 ? Add(_grants.Peek(), _hold) : long.MaxValue;
                if (_debt > 0)
                {
                    at = Math.Min(at, _debtUntil);
                }

                return Refuse(now, Math.Min(at, _nextIncrease));
            }

            _grants.Enqueue(now);
            _lastGrant = now;
            if (_capActive)
            {
                _cap--;
            }

            return new SharedPermit(true, TimeSpan.Zero, now, Limit);
        }

        public void Report(long now, SharedRateFeedback feedback)
        {
            if (feedback.Ceiling is long ceiling)
            {
                _ceiling = Math.Max(1, ceiling);
                if (Limit > Ceiling)
                {
                    Limit = (int)Ceiling;
                }
                else if (Limit < Ceiling && _nextIncrease == long.MaxValue)
                {
                    _nextIncrease = Add(now, _hold);
                }
            }

            if (feedback.Remaining is long reported)
            {
                long remaining = Math.Max(0, reported);
                bool justReset = feedback.ResetAfter is TimeSpan reset && reset <= TimeSpan.Zero;
                if (!justReset && _grants.Count + remaining < Limit)
                {
                    Lower(now, _grants.Count + remaining);
                }

                if (feedback.ResetAfter is TimeSpan resetAfter)
                {
                    if (resetAfter > TimeSpan.Zero)
                    {
                        long until = Add(now, Ms(resetAfter));
                        if (remaining <= 0)
                        {
                            _pausedUntil = Math.Max(_pausedUntil, until);
                        }
                        else
                        {
                            _capActive = true;
                            _cap = remaining;
                            _capUntil = until;
                        }
                    }
                }
                else
                {
                    _debt = Math.Max(0, Limit - _grants.Count - remaining);
                    _debtUntil = Add(now, _hold);
                }
            }

            if (feedback.TooManyRequests && feedback.GrantedAt > _lastCut)
            {
                long achieved = Math.Min(Limit, Math.Max(0, _grants.Count - 1));
                Lower(now, (long)(Math.Max(achieved, Limit / 2.0) * Backoff));
                _probeFrom = Math.Max(1, achieved);
                _lastCut = now;
            }

            if (feedback.PauseFor is TimeSpan pause && pause > TimeSpan.Zero)
            {
                _pausedUntil = Math.Max(_pausedUntil, Add(now, Ms(pause)));
            }

            if (feedback.Exhausted)
            {
                _debt = Math.Max(0, Limit - _grants.Count);
                _debtUntil = Add(now, _hold);
            }
        }

        private void Normalize(long now)
        {
            while (_grants.Count > 0 && Add(_grants.Peek(), _hold) <= now)
            {
                _grants.Dequeue();
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

        private void Lower(long now, long to)
        {
            long lowered = Math.Max(1, to);
            if (lowered < Limit)
            {
                Limit = (int)lowered;
            }

            _nextIncrease = Limit < Ceiling ? Add(now, _hold) : long.MaxValue;
        }

        private void Recover(long now)
        {
            if (Limit < Ceiling)
            {
                long next = Limit < _probeFrom
                    ? Math.Min((long)Limit + _step, _probeFrom)
                    : Limit + Math.Min(_step, Limit - _probeFrom + 1);
                Limit = (int)Math.Min(Ceiling, next);
            }

            _nextIncrease = Limit < Ceiling ? Add(now, _hold) : long.MaxValue;
        }

        private SharedPermit Refuse(long now, long at) =>
            new(false, TimeSpan.FromMilliseconds(Math.Max(1, Math.Min(at, Add(now, Ms(TimeSpan.FromDays(1)))) - now)), 0, Limit);
    }
}
