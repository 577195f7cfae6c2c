using System.Diagnostics.Metrics;

namespace Martech.Sdk;

/// <summary>
/// The rate budgets' metrics. <c>martech.client.rate_limit.permit_limit</c>: the permits per window a rate budget grants now (lowered by a 429 or
/// the vendor's headers, recovering slowly), recorded after each response the budget is told about, by provider (and
/// operation, for an operation's budget). With a shared store, <c>martech.rate_budget.shared_store.unavailable</c> counts
/// the calls to it that failed and <c>martech.rate_budget.shared_store.fallback</c> the budgets on their in-process share.
/// </summary>
internal static class RateBudgetTelemetry
{
    /// <summary>The gauge, on the SDK's meter.</summary>
    public static Gauge<long> PermitLimit { get; } = MartechTelemetry.Meter.CreateGauge<long>(
        "martech.client.rate_limit.permit_limit",
        "{request}",
        "Requests per window the rate budget grants now: the configured limit, or less after a 429 or the vendor's rate-limit headers.");

    /// <summary>Records a budget's new limit, when a listener is attached.</summary>
    /// <param name="context">The instance, for its provider tags.</param>
    /// <param name="budget">The budget.</param>
    /// <param name="operation">The operation whose own budget changed, or <see langword="null"/> for the instance budget.</param>
    public static void RecordPermitLimit(MartechTransportContext context, MartechRateBudget budget, string? operation)
    {
        if (!PermitLimit.Enabled)
        {
            return;
        }

        int permitLimit = budget.PermitLimit;
        if (operation is null)
        {
            PermitLimit.Record(permitLimit, context.Tags.Provider, context.Tags.ProviderType);
        }
        else
        {
            PermitLimit.Record(permitLimit, context.Tags.Provider, context.Tags.ProviderType, new KeyValuePair<string, object?>(MartechTelemetry.OperationTag, operation));
        }
    }

    /// <summary>Tag: the shared store's name (<see cref="ISharedRateBudgetStore.Name"/>).</summary>
    public const string StoreTag = "martech.rate_budget.store";

    /// <summary>Tag: the call to the shared store that failed: <c>acquire</c> or <c>report</c>.</summary>
    public const string StoreCallTag = "martech.rate_budget.store.call";

    /// <summary>The counter of failed calls to the shared store, on the SDK's meter.</summary>
    public static Counter<long> StoreFailures { get; } = MartechTelemetry.Meter.CreateCounter<long>(
        "martech.rate_budget.shared_store.unavailable",
        "{failure}",
        "Calls to the shared rate-budget store that failed (the store could not be reached), by store and call.");

    /// <summary>The budgets on their in-process share, on the SDK's meter.</summary>
    public static UpDownCounter<long> OnFallback { get; } = MartechTelemetry.Meter.CreateUpDownCounter<long>(
        "martech.rate_budget.shared_store.fallback",
        "{budget}",
        "Rate budgets running on their in-process share of the limit because the shared store cannot be reached, by store.");

    /// <summary>Counts a failed call to the shared store.</summary>
    /// <param name="store">The store.</param>
    /// <param name="call"><c>acquire</c> or <c>report</c>.</param>
    public static void RecordStoreFailure(ISharedRateBudgetStore store, string call) =>
        StoreFailures.Add(1, new KeyValuePair<string, object?>(StoreTag, store.Name), new KeyValuePair<string, object?>(StoreCallTag, call));

    /// <summary>Counts a budget going on (+1) or off (−1) its in-process share.</summary>
    /// <param name="store">The store.</param>
    /// <param name="delta">+1 or −1.</param>
    public static void RecordFallback(ISharedRateBudgetStore store, int delta) =>
        OnFallback.Add(delta, new KeyValuePair<string, object?>(StoreTag, store.Name));
}
