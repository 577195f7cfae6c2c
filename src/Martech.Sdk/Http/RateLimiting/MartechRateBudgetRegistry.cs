using System.Collections.Concurrent;

namespace Martech.Sdk;

/// <summary>
/// The process's rate budgets, one per key (provider type and credential id; with <c>#operation</c> for an operation's
/// budget), so provider instances that share a credential share its budgets. A DI singleton; disposing it disposes the
/// budgets. When shared rate budgets are registered (<c>AddSharedRateBudgets</c>), <see cref="Shared"/> is the store
/// every budget created for the registry takes its permits from.
/// </summary>
/// <param name="shared">The shared store, or <see langword="null"/> for in-process budgets.</param>
internal sealed class MartechRateBudgetRegistry(SharedRateBudgets? shared = null) : IDisposable
{
    private readonly ConcurrentDictionary<string, IDisposable> _budgets = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private bool _disposed;

    /// <summary>The shared store budgets are created with, or <see langword="null"/> for in-process budgets.</summary>
    public SharedRateBudgets? Shared { get; } = shared;

    /// <summary>Gets the budget for a key, creating it once (the first caller's options win).</summary>
    /// <typeparam name="TBudget">The kind of budget: <see cref="MartechRateBudget"/> for a credential,
    /// <see cref="MartechOperationBudget"/> for one of its operations.</typeparam>
    /// <param name="key">The budget key, such as <c>"HubSpot:3f2a…"</c>.</param>
    /// <param name="create">Creates the budget when the key has none yet; called at most once per key.</param>
    /// <returns>The shared budget.</returns>
    /// <exception cref="InvalidOperationException">The key holds another kind of budget.</exception>
    public TBudget GetOrCreate<TBudget>(string key, Func<string, TBudget> create)
        where TBudget : class, IDisposable
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentNullException.ThrowIfNull(create);
        if (_budgets.TryGetValue(key, out IDisposable? existing))
        {
            return Expect<TBudget>(key, existing);
        }

        // Creation runs under a lock rather than in GetOrAdd, which may call the factory twice and leak the loser's
        // limiter (a Redis connection, say).
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_budgets.TryGetValue(key, out existing))
            {
                return Expect<TBudget>(key, existing);
            }

            TBudget budget = create(key) ?? throw new InvalidOperationException($"The factory returned no rate budget for '{key}'.");
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

        foreach (IDisposable budget in _budgets.Values)
        {
            budget.Dispose();
        }

        _budgets.Clear();
    }

    private static TBudget Expect<TBudget>(string key, IDisposable budget)
        where TBudget : class =>
        budget as TBudget ?? throw new InvalidOperationException($"The rate budget '{key}' is a {budget.GetType().Name}, not a {typeof(TBudget).Name}.");
}
