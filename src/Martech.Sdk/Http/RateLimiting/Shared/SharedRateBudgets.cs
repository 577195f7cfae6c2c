namespace Martech.Sdk;

/// <summary>
/// The process's connection to the shared rate-budget store: the store, its settings, its status and the clock. A DI
/// singleton registered by <c>AddSharedRateBudgets</c>; <see cref="MartechRateBudgetRegistry"/> hands it to every budget
/// it creates, so each budget (instance, operation, partition) takes its permits from the store.
/// </summary>
internal sealed class SharedRateBudgets
{
    public SharedRateBudgets(ISharedRateBudgetStore store, SharedRateBudgetOptions options, SharedRateBudgetStatus status, TimeProvider? time)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(status);
        options.Validate();
        Store = store;
        Options = options;
        Status = status;
        Time = time ?? TimeProvider.System;
    }

    public ISharedRateBudgetStore Store { get; }

    public SharedRateBudgetOptions Options { get; }

    public SharedRateBudgetStatus Status { get; }

    public TimeProvider Time { get; }
}

/// <summary>How a request got its permit: from the store (with the store's grant time, for reporting) or from an
/// in-process budget (the budget itself, or a shared budget's local share while the store is unavailable).</summary>
/// <param name="Waited">How long the caller waited.</param>
/// <param name="StoreGrantedAt">The store's grant time, when the store granted the permit.</param>
/// <param name="Local">The in-process budget that granted it, when the store did not.</param>
internal readonly record struct RateGrant(TimeSpan Waited, long? StoreGrantedAt, MartechRateBudget? Local);
