using System.Globalization;

namespace Martech.Sdk;

/// <summary>
/// One budget's side of the shared store: takes permits from <see cref="ISharedRateBudgetStore"/> and reports what the
/// vendor said to it, for a <see cref="MartechRateBudget"/> created with <see cref="SharedRateBudgets"/>.
/// </summary>
/// <remarks>
/// <para>
/// Acquirers of one budget in this process queue in order (FIFO) for their turn, and only the one whose turn it is asks
/// the store: when refused, it waits the store's <see cref="SharedPermit.RetryAfter"/> plus a little jitter (up to a
/// tenth of it, at most 20 ms, so processes refused together do not ask again together) and asks again. A request
/// never waits longer than <see cref="MartechRateLimitOptions.MaxWait"/> in all: when the store's answer says the wait
/// would pass it, or the queue takes that long, it fails at once with <see cref="MartechRateLimitedException"/>.
/// </para>
/// <para>
/// When the store throws <see cref="SharedRateBudgetUnavailableException"/>, <see cref="SharedRateBudgetFallback.LocalShare"/>
/// switches the budget to an in-process budget of the limit ÷ <see cref="SharedRateBudgetOptions.ExpectedProcesses"/>
/// (at least 1) for <see cref="SharedRateBudgetOptions.RetryStoreAfter"/>, after which the next acquirer tries the
/// store again; <see cref="SharedRateBudgetFallback.Wait"/> keeps asking the store every
/// <see cref="SharedRateBudgetOptions.RetryStoreAfter"/> (or sooner, at the deadline) until MaxWait, then fails naming
/// the store and its error.
/// </para>
/// <para>
/// Neither transition lets the process exceed the limit. The local share's log also records every permit the store
/// granted this process, so entering the fallback counts them (after a burst up to the limit it grants nothing until they
/// leave the hold). Leaving it, the store does not know the permits granted locally, so the budget asks the store again
/// only once one hold has passed since the last local grant (acquirers wait for that, within their MaxWait). The budget
/// leaves the fallback state when <see cref="SharedRateBudgetOptions.RetryStoreAfter"/> has passed even if it is not
/// used again, so <see cref="SharedRateBudgetStatus.BudgetsOnFallback"/> returns to 0 and an idle partition can be retired.
/// </para>
/// </remarks>
internal sealed class SharedBudgetClient : IDisposable
{
    private static readonly TimeSpan MaxJitter = TimeSpan.FromMilliseconds(20);

    private readonly SharedRateBudgets _shared;
    private readonly SharedRateBudget _budget;
    private readonly MartechRateLimitOptions _options;
    private readonly TimeProvider _time;
    private readonly TimeSpan _maxWait;
    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly Lock _gate = new();
    private readonly long _hold;
    private MartechRateBudget? _fallback;
    private ITimer? _fallbackTimer;
    private long _fallbackUntil;
    private long _localUntil = long.MinValue;
    private bool _onFallback;
    private bool _disposed;
    private int _limit;

    /// <summary>Creates the client of one budget.</summary>
    /// <param name="key">The budget key (provider type, credential fingerprint, operation, partition).</param>
    /// <param name="options">The budget's limit and MaxWait.</param>
    /// <param name="shared">The store and its settings.</param>
    public SharedBudgetClient(string key, MartechRateLimitOptions options, SharedRateBudgets shared)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(shared);
        _shared = shared;
        _options = options;
        _time = shared.Time;
        _maxWait = options.MaxWait < TimeSpan.Zero ? TimeSpan.Zero : options.MaxWait;
        int limit = Math.Max(1, options.PermitLimit);
        TimeSpan window = options.Window > TimeSpan.Zero ? options.Window : TimeSpan.FromSeconds(1);
        _budget = new SharedRateBudget(key, limit, window, MartechRateBudget.HoldFor(window), Math.Max(1, limit / MartechRateBudget.RecoverySteps));
        _limit = limit;
        _hold = (long)Math.Ceiling(_budget.Hold.Ticks * (double)_time.TimestampFrequency / TimeSpan.TicksPerSecond);
    }

    /// <summary>The budget as the store knows it.</summary>
    public SharedRateBudget Budget => _budget;

    /// <summary>The limit the store last said the budget grants (the configured one before the first answer).</summary>
    public int Limit => Volatile.Read(ref _limit);

    /// <summary>Whether the budget runs on its in-process share now.</summary>
    public bool OnFallback
    {
        get
        {
            lock (_gate)
            {
                return _onFallback;
            }
        }
    }

    /// <summary>Whether nobody waits for or holds a turn and the budget is not on its local share: it can be forgotten.</summary>
    public bool Idle
    {
        get
        {
            if (_turn.CurrentCount != 1)
            {
                return false;
            }

            long now = _time.GetTimestamp();
            lock (_gate)
            {
                return !_onFallback && now >= _localUntil;
            }
        }
    }

    /// <summary>Waits for a permit from the store (or the local share while the store is unavailable).</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The grant.</returns>
    /// <exception cref="MartechRateLimitedException">The wait would pass MaxWait.</exception>
    public async ValueTask<RateGrant> AcquireAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        long start = _time.GetTimestamp();
        while (true)
        {
            if (ActiveFallback(_time.GetTimestamp()) is { } fallback)
            {
                await fallback.AcquireAsync(cancellationToken).ConfigureAwait(false);
                GrantedLocally();
                return new RateGrant(_time.GetElapsedTime(start), null, fallback);
            }

            await TakeTurnAsync(start, cancellationToken).ConfigureAwait(false);
            try
            {
                if (ActiveFallback(_time.GetTimestamp()) is not null)
                {
                    continue; // the store failed while this one queued: take the local share without asking again
                }

                await WaitOutLocalGrantsAsync(start, cancellationToken).ConfigureAwait(false);

                if (await AskStoreAsync(start, cancellationToken).ConfigureAwait(false) is { } grant)
                {
                    return grant;
                }
            }
            finally
            {
                _turn.Release();
            }

            // The store is unavailable and the budget now runs on its local share: take it from there.
        }
    }

    /// <summary>Reports what a response said to the store. Never throws: a failure is counted, and marks the store
    /// unavailable in <see cref="SharedRateBudgetStatus"/>.</summary>
    /// <param name="feedback">What the response said.</param>
    /// <param name="cancellationToken">Cancels the report.</param>
    /// <returns>A task that completes when the store has applied it, or the report failed.</returns>
    public async ValueTask ReportAsync(SharedRateFeedback feedback, CancellationToken cancellationToken)
    {
        try
        {
            await _shared.Store.ReportAsync(_budget, feedback, cancellationToken).ConfigureAwait(false);
            _shared.Status.RecordSuccess();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The caller gave up; its response is already here and the report is lost, which only loses information.
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Reporting must never fail the request it reports on.
            Failed(ex, "report");
        }
    }

    /// <summary>Disposes the local share.</summary>
    public void Dispose()
    {
        MartechRateBudget? fallback;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            fallback = _fallback;
            _fallbackTimer?.Dispose();
            _fallbackTimer = null;
            if (_onFallback)
            {
                _onFallback = false;
                _shared.Status.AddOnFallback(-1);
                RateBudgetTelemetry.RecordFallback(_shared.Store, -1);
            }
        }

        fallback?.Dispose();
    }

    /// <summary>Describes the client by its key.</summary>
    /// <returns>The key and store.</returns>
    public override string ToString() => $"SharedBudgetClient({_budget.Key} in {_shared.Store.Name})";

    /// <summary>Asks the store until it grants, the wait would pass MaxWait, or (LocalShare) it is unavailable.</summary>
    /// <returns>The grant, or <see langword="null"/> when the budget switched to its local share.</returns>
    private async ValueTask<RateGrant?> AskStoreAsync(long start, CancellationToken cancellationToken)
    {
        while (true)
        {
            SharedPermit permit;
            try
            {
                permit = await _shared.Store.TryAcquireAsync(_budget, cancellationToken).ConfigureAwait(false);
            }
            catch (SharedRateBudgetUnavailableException ex)
            {
                Failed(ex, "acquire");
                if (_shared.Options.WhenUnavailable == SharedRateBudgetFallback.LocalShare)
                {
                    EnterFallback();
                    return null;
                }

                TimeSpan left = _maxWait - _time.GetElapsedTime(start);
                if (left <= TimeSpan.Zero)
                {
                    throw Unavailable(ex);
                }

                TimeSpan retry = _shared.Options.RetryStoreAfter;
                await Task.Delay(retry < left ? retry : left, _time, cancellationToken).ConfigureAwait(false);
                continue;
            }

            _shared.Status.RecordSuccess();
            LeaveFallback();
            Volatile.Write(ref _limit, Math.Max(1, permit.Limit));
            TimeSpan elapsed = _time.GetElapsedTime(start);
            if (permit.Granted)
            {
                // The local share counts it too, in case the store fails within the hold.
                LocalShare()?.RecordGrant();
                return new RateGrant(elapsed, permit.GrantedAt, null);
            }

            TimeSpan retryAfter = permit.RetryAfter > TimeSpan.Zero ? permit.RetryAfter : TimeSpan.FromMilliseconds(1);
            if (elapsed + retryAfter > _maxWait)
            {
                throw TooLong(elapsed + retryAfter);
            }

            TimeSpan delay = retryAfter + Jitter(retryAfter);
            if (elapsed + delay > _maxWait)
            {
                delay = _maxWait - elapsed;
            }

            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Queues (FIFO) for the turn to ask the store, for no longer than what is left of MaxWait.</summary>
    private async ValueTask TakeTurnAsync(long start, CancellationToken cancellationToken)
    {
        if (_turn.Wait(0, CancellationToken.None))
        {
            return;
        }

        TimeSpan left = _maxWait - _time.GetElapsedTime(start);
        if (left <= TimeSpan.Zero)
        {
            throw QueuedTooLong();
        }

        using var timeout = new CancellationTokenSource(left, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await _turn.WaitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && timeout.IsCancellationRequested)
        {
            throw QueuedTooLong();
        }
    }

    /// <summary>Waits until one hold has passed since the last local grant: the store does not know those permits.
    /// Under the turn.</summary>
    private async ValueTask WaitOutLocalGrantsAsync(long start, CancellationToken cancellationToken)
    {
        while (true)
        {
            long now = _time.GetTimestamp();
            long until;
            lock (_gate)
            {
                until = _localUntil;
            }

            if (now >= until)
            {
                return;
            }

            TimeSpan wait = TimeSpan.FromSeconds((until - now) / (double)_time.TimestampFrequency);
            TimeSpan elapsed = _time.GetElapsedTime(start);
            if (elapsed + wait > _maxWait)
            {
                throw TooLong(elapsed + wait);
            }

            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Notes a permit of the local share: the store is asked again only one hold after it.</summary>
    private void GrantedLocally()
    {
        long until = _time.GetTimestamp() + _hold;
        lock (_gate)
        {
            _localUntil = Math.Max(_localUntil, until);
        }
    }

    /// <summary>The local share (created on first use) under <see cref="SharedRateBudgetFallback.LocalShare"/>;
    /// otherwise <see langword="null"/>.</summary>
    private MartechRateBudget? LocalShare()
    {
        if (_shared.Options.WhenUnavailable != SharedRateBudgetFallback.LocalShare)
        {
            return null;
        }

        lock (_gate)
        {
            return _disposed ? null : CreateLocalShare();
        }
    }

    /// <summary>Creates the local share once. Under the gate.</summary>
    private MartechRateBudget CreateLocalShare() =>
        // Kept across outages, so its log of this process's grants (the store's too) carries over from one to the next.
        _fallback ??= new MartechRateBudget(_budget.Key, new MartechRateLimitOptions
        {
            PermitLimit = Math.Max(1, _budget.PermitLimit / _shared.Options.ExpectedProcesses),
            Window = _budget.Window,
            MaxWait = _maxWait,
        }, _time);

    private MartechRateBudget? ActiveFallback(long now)
    {
        lock (_gate)
        {
            return _onFallback && now < _fallbackUntil ? _fallback : null;
        }
    }

    /// <summary>Runs the budget on its local share for <see cref="SharedRateBudgetOptions.RetryStoreAfter"/>.</summary>
    private void EnterFallback()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            CreateLocalShare();
            _fallbackUntil = _time.GetTimestamp() + (long)(_shared.Options.RetryStoreAfter.TotalSeconds * _time.TimestampFrequency);

            // Leaves the fallback state when the period has passed even if nobody acquires again.
            _fallbackTimer ??= _time.CreateTimer(static state => ((SharedBudgetClient)state!).OnFallbackTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _fallbackTimer.Change(_shared.Options.RetryStoreAfter, Timeout.InfiniteTimeSpan);
            if (!_onFallback)
            {
                _onFallback = true;
                _shared.Status.AddOnFallback(1);
                RateBudgetTelemetry.RecordFallback(_shared.Store, 1);
            }
        }
    }

    private void OnFallbackTimer()
    {
        long now = _time.GetTimestamp();
        lock (_gate)
        {
            if (_disposed || !_onFallback)
            {
                return;
            }

            if (now < _fallbackUntil)
            {
                _fallbackTimer?.Change(TimeSpan.FromSeconds((_fallbackUntil - now) / (double)_time.TimestampFrequency), Timeout.InfiniteTimeSpan);
                return;
            }
        }

        LeaveFallback();
    }

    private void LeaveFallback()
    {
        lock (_gate)
        {
            if (!_onFallback)
            {
                return;
            }

            _onFallback = false;
            _shared.Status.AddOnFallback(-1);
            RateBudgetTelemetry.RecordFallback(_shared.Store, -1);
        }
    }

    private void Failed(Exception error, string call)
    {
        _shared.Status.RecordFailure(error);
        RateBudgetTelemetry.RecordStoreFailure(_shared.Store, call);
    }

    private static TimeSpan Jitter(TimeSpan retryAfter)
    {
        long most = Math.Min(retryAfter.Ticks / 10, MaxJitter.Ticks);
        return most <= 0 ? TimeSpan.Zero : TimeSpan.FromTicks((long)(Random.Shared.NextDouble() * most));
    }

    private MartechRateLimitedException TooLong(TimeSpan wait) =>
        new(string.Create(
            CultureInfo.InvariantCulture,
            $"The shared rate budget '{_budget.Key}' in {_shared.Store.Name} would hold this request for about {wait.TotalSeconds:0.###} s, longer than its MaxWait of {_maxWait.TotalSeconds:0.###} s."))
        {
            RetryAfter = wait,
        };

    private MartechRateLimitedException QueuedTooLong() =>
        new(string.Create(
            CultureInfo.InvariantCulture,
            $"The shared rate budget '{_budget.Key}' in {_shared.Store.Name} granted no permit within its MaxWait of {_maxWait.TotalSeconds:0.###} s (requests of this process queued for it)."));

    private MartechRateLimitedException Unavailable(SharedRateBudgetUnavailableException error) =>
        new(string.Create(
            CultureInfo.InvariantCulture,
            $"The shared rate budget store {_shared.Store.Name} could not be reached for budget '{_budget.Key}' within its MaxWait of {_maxWait.TotalSeconds:0.###} s (WhenUnavailable = Wait): {error.Message}"),
            error);
}
