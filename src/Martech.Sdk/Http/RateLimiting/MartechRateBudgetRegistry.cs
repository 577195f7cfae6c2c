using System.Collections.Concurrent;

namespace Martech.Sdk;

/// <summary>
/// The process's rate budgets, one per key (provider type and credential id), so provider instances that share a
/// credential share its budget. A DI singleton; disposing it disposes the budgets.
/// </summary>
internal sealed class MartechRateBudgetRegistry : IDisposable
{
    private readonly ConcurrentDictionary<string, MartechRateBudget> _budgets = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private bool _disposed;

    /// <summary>Gets the budget for a key, creating it once (the first caller's options win).</summary>
    /// <param name="key">The budget key, such as <c>"HubSpot:3f2a…"</c>.</param>
    /// <param name="create">Creates the budget when the key has none yet; called at most once per key.</param>
    /// <returns>The shared budget.</returns>
    public MartechRateBudget GetOrCreate(string key, Func<string, MartechRateBudget> create)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentNullException.ThrowIfNull(create);
        if (_budgets.TryGetValue(key, out MartechRateBudget? budget))
        {
            return budget;
        }

        // Creation runs under a lock rather than in GetOrAdd, which may call the factory twice and leak the loser's
        // limiter (a Redis connection, say).
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_budgets.TryGetValue(key, out budget))
            {
                return budget;
            }

            budget = create(key) ?? throw new InvalidOperationException($"The factory returned no rate budget for '{key}'.");
            _budgets[key] = budget;
            return budget;
        }
    }

    /// <summary>Disposes every budget.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        foreach (MartechRateBudget budget in _budgets.Values)
        {
            budget.Dispose();
        }

        _budgets.Clear();
    }
}
