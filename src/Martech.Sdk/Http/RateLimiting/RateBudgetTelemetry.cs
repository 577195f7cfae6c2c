using System.Diagnostics.Metrics;

namespace Martech.Sdk;

/// <summary>
/// <c>martech.client.rate_limit.permit_limit</c>: the permits per window a rate budget grants now (lowered by a 429 or
/// the vendor's headers, recovering slowly), recorded after each response the budget is told about, by provider (and
/// operation, for an operation's budget).
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
}
