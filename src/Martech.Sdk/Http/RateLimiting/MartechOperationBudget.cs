using System.Collections.Concurrent;

namespace Martech.Sdk;

/// <summary>
/// The rate budget of one operation of one credential (<see cref="MartechOperationRateLimit"/>): one
/// <see cref="MartechRateBudget"/>, or one per partition when the limit is per partition, plus one for requests without
/// a partition.
/// </summary>
/// <remarks>
/// Partitions come and go (a channel posted to once), so their budgets are swept when their number doubles past
/// <see cref="SweepThreshold"/>: a budget that holds nothing any more (no permit in its window, no waiter, no pause) is
/// retired and forgotten, and the partition's next request starts a new one, which behaves the same. A request that
/// found a budget just as it was retired takes the new one.
/// </remarks>
internal sealed class MartechOperationBudget : IDisposable
{
    /// <summary>Partitions kept before the first sweep.</summary>
    internal const int SweepThreshold = 1024;

    private readonly string _key;
    private readonly MartechRateLimitOptions _options;
    private readonly TimeProvider _time;
    private readonly MartechRateBudget _shared;
    private readonly SharedRateBudgets? _store;
    private readonly ConcurrentDictionary<string, MartechRateBudget>? _partitions;
    private readonly Lock _sweeping = new();
    private int _count;
    private int _sweepAt = SweepThreshold;

    /// <summary>Creates the budget of an operation.</summary>
    /// <param name="key">The credential's budget key and the operation, such as <c>"Slack:3f2a…#conversations.list"</c>.</param>
    /// <param name="limit">The operation's limit.</param>
    /// <param name="maxWait">The longest a request waits (the instance's <see cref="MartechRateLimitOptions.MaxWait"/>).</param>
    /// <param name="time">The clock and timers.</param>
    /// <param name="store">The shared store the operation's budgets (and each partition's, keyed
    /// <c>key@partition</c>) take their permits from, or <see langword="null"/> for in-process budgets.</param>
    public MartechOperationBudget(string key, MartechOperationRateLimit limit, TimeSpan maxWait, TimeProvider time, SharedRateBudgets? store = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentNullException.ThrowIfNull(limit);
        ArgumentNullException.ThrowIfNull(time);
        _key = key;
        _options = limit.ToBudgetOptions(maxWait);
        _time = time;
        SharesInstanceBudget = limit.SharesInstanceBudget;
        _store = store;
        _shared = new MartechRateBudget(key, _options, time, store);
        if (limit.PerPartition)
        {
            _partitions = new ConcurrentDictionary<string, MartechRateBudget>(StringComparer.Ordinal);
        }
    }

    /// <summary>The budget's key (credential and operation).</summary>
    public string Key => _key;

    /// <summary>Whether requests of the operation also wait on the instance-wide budget.</summary>
    public bool SharesInstanceBudget { get; }

    /// <summary>Whether the budgets take their permits from a shared store.</summary>
    internal bool IsShared => _shared.Shared is not null;

    /// <summary>The budget of a request's partition (the operation's own when it has no partition or the limit is not
    /// per partition), for budgets shared through a store, which the caller acquires from itself.</summary>
    /// <param name="partition">The request's <see cref="MartechRequestOptions.RateLimitPartition"/>.</param>
    /// <returns>The budget.</returns>
    internal MartechRateBudget BudgetOf(string? partition) => _partitions is null || partition is null ? _shared : Partition(partition);

    /// <summary>How many partitions have a budget now.</summary>
    internal int PartitionCount => Volatile.Read(ref _count);

    /// <summary>Waits for a permit of the request's partition.</summary>
    /// <param name="partition">The request's <see cref="MartechRequestOptions.RateLimitPartition"/>.</param>
    /// <param name="budget">The budget the permit comes from, for what the response says and for
    /// <see cref="MartechRateBudget.Restamp"/>.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>How long the caller waited.</returns>
    public ValueTask<TimeSpan> AcquireAsync(string? partition, out MartechRateBudget budget, CancellationToken cancellationToken)
    {
        if (_partitions is null || partition is null)
        {
            budget = _shared;
            return _shared.AcquireAsync(cancellationToken);
        }

        while (true)
        {
            budget = Partition(partition);
            ValueTask<TimeSpan> acquired = budget.Acquire(cancellationToken, out bool retired);
            if (!retired)
            {
                return acquired;
            }

            // Retired by a sweep after the lookup: forget it (if the sweep has not) and take the partition's next one.
            if (_partitions.TryRemove(KeyValuePair.Create(partition, budget)))
            {
                Interlocked.Decrement(ref _count);
            }
        }
    }

    /// <summary>Disposes every budget of the operation.</summary>
    public void Dispose()
    {
        _shared.Dispose();
        if (_partitions is null)
        {
            return;
        }

        foreach (MartechRateBudget budget in _partitions.Values)
        {
            budget.Dispose();
        }

        _partitions.Clear();
    }

    /// <summary>Describes the budget by its key.</summary>
    /// <returns>The key.</returns>
    public override string ToString() => $"MartechOperationBudget({_key})";

    private MartechRateBudget Partition(string partition)
    {
        ConcurrentDictionary<string, MartechRateBudget> partitions = _partitions!;
        while (true)
        {
            if (partitions.TryGetValue(partition, out MartechRateBudget? budget))
            {
                return budget;
            }

            // Cheap to make (no limiter, no timer until someone waits), so a lost race just disposes the spare.
            var created = new MartechRateBudget(_key + "@" + partition, _options, _time, _store);
            if (partitions.TryAdd(partition, created))
            {
                if (Interlocked.Increment(ref _count) > Volatile.Read(ref _sweepAt))
                {
                    Sweep();
                }

                return created;
            }

            created.Dispose();
        }
    }

    /// <summary>Retires and forgets the partitions that hold nothing, then waits for the count to double again.</summary>
    private void Sweep()
    {
        if (!_sweeping.TryEnter())
        {
            return; // another caller is sweeping
        }

        try
        {
            foreach (KeyValuePair<string, MartechRateBudget> entry in _partitions!)
            {
                // Not disposed: a caller that found it a moment ago must see "retired" and look again, not fail.
                if (entry.Value.TryRetire() && _partitions.TryRemove(entry))
                {
                    Interlocked.Decrement(ref _count);
                }
            }

            Volatile.Write(ref _sweepAt, Math.Max(SweepThreshold, Volatile.Read(ref _count) * 2));
        }
        finally
        {
            _sweeping.Exit();
        }
    }
}
