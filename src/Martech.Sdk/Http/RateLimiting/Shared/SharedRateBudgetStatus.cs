namespace Martech.Sdk;

/// <summary>
/// Whether the shared rate-budget store answers, as the budgets last found it: a singleton registered by
/// <c>services.AddSharedRateBudgets(...)</c>, read by health checks (the Redis package's reports through it) and
/// dashboards. Thread-safe; it holds no secret.
/// </summary>
/// <remarks>
/// Every acquisition and report the budgets make updates it: a call that throws
/// <see cref="SharedRateBudgetUnavailableException"/> (or fails otherwise) marks the store unavailable, the next call
/// that succeeds marks it available again. While unavailable, budgets follow
/// <see cref="SharedRateBudgetOptions.WhenUnavailable"/>; <see cref="BudgetsOnFallback"/> counts those running on their
/// in-process share.
/// </remarks>
public sealed class SharedRateBudgetStatus
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private bool _available = true;
    private DateTimeOffset _since;
    private string? _lastError;
    private DateTimeOffset? _lastErrorAt;
    private long _failures;
    private int _onFallback;

    /// <summary>Creates the status of a store, available until a call says otherwise.</summary>
    /// <param name="store">The store.</param>
    /// <param name="options">The budgets' settings.</param>
    /// <param name="time">The clock of <see cref="Since"/>; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    internal SharedRateBudgetStatus(ISharedRateBudgetStore store, SharedRateBudgetOptions options, TimeProvider? time)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        _time = time ?? TimeProvider.System;
        StoreName = store.Name;
        ClockDescription = store.ClockDescription;
        WhenUnavailable = options.WhenUnavailable;
        _since = _time.GetUtcNow();
    }

    /// <summary>The store's name (<see cref="ISharedRateBudgetStore.Name"/>).</summary>
    public string StoreName { get; }

    /// <summary>The clock the store times budgets with (<see cref="ISharedRateBudgetStore.ClockDescription"/>).</summary>
    public string ClockDescription { get; }

    /// <summary>What budgets do while the store cannot be reached.</summary>
    public SharedRateBudgetFallback WhenUnavailable { get; }

    /// <summary>Whether the last call to the store succeeded (<see langword="true"/> before the first call).</summary>
    public bool IsAvailable
    {
        get
        {
            lock (_gate)
            {
                return _available;
            }
        }
    }

    /// <summary>Since when <see cref="IsAvailable"/> has had its value.</summary>
    public DateTimeOffset Since
    {
        get
        {
            lock (_gate)
            {
                return _since;
            }
        }
    }

    /// <summary>The last failure: the exception type and, for <see cref="SharedRateBudgetUnavailableException"/> (whose
    /// message holds no secret by contract), its message; <see langword="null"/> when no call has failed.</summary>
    public string? LastError
    {
        get
        {
            lock (_gate)
            {
                return _lastError;
            }
        }
    }

    /// <summary>When the last failure happened; <see langword="null"/> when no call has failed.</summary>
    public DateTimeOffset? LastErrorAt
    {
        get
        {
            lock (_gate)
            {
                return _lastErrorAt;
            }
        }
    }

    /// <summary>How many calls to the store have failed since the process started.</summary>
    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>How many budgets run on their in-process share now (<see cref="SharedRateBudgetFallback.LocalShare"/>).</summary>
    public int BudgetsOnFallback => Volatile.Read(ref _onFallback);

    /// <summary>Describes the status.</summary>
    /// <returns>The store, whether it is available and since when.</returns>
    public override string ToString() =>
        $"Shared rate budgets in {StoreName}: {(IsAvailable ? "available" : "unavailable")} since {Since:O}, {BudgetsOnFallback} on fallback";

    /// <summary>Records a call that succeeded.</summary>
    internal void RecordSuccess()
    {
        lock (_gate)
        {
            if (!_available)
            {
                _available = true;
                _since = _time.GetUtcNow();
            }
        }
    }

    /// <summary>Records a call that failed.</summary>
    /// <param name="error">What failed.</param>
    internal void RecordFailure(Exception error)
    {
        Interlocked.Increment(ref _failures);
        string message = error is SharedRateBudgetUnavailableException ? $"{error.GetType().Name}: {error.Message}" : error.GetType().Name;
        lock (_gate)
        {
            DateTimeOffset now = _time.GetUtcNow();
            if (_available)
            {
                _available = false;
                _since = now;
            }

            _lastError = message;
            _lastErrorAt = now;
        }
    }

    /// <summary>Counts a budget going on (+1) or off (−1) its in-process share.</summary>
    /// <param name="delta">+1 or −1.</param>
    internal void AddOnFallback(int delta) => Interlocked.Add(ref _onFallback, delta);
}
