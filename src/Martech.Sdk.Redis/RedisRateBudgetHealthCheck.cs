using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Martech.Sdk;

/// <summary>
/// Reports whether the shared rate budgets reach Redis: <see cref="HealthStatus.Healthy"/> when the store answers a
/// ping and no budget runs on its fallback; <see cref="HealthStatus.Degraded"/> when it answers but budgets still run on
/// their in-process share (they try the store again after <see cref="SharedRateBudgetOptions.RetryStoreAfter"/>); the
/// registration's failure status (<see cref="HealthStatus.Unhealthy"/> by default) when it cannot be reached.
/// </summary>
public sealed class RedisRateBudgetHealthCheck : IHealthCheck
{
    private readonly ISharedRateBudgetStore _store;
    private readonly SharedRateBudgetStatus? _status;

    /// <summary>Creates the check.</summary>
    /// <param name="store">The store to ping.</param>
    /// <param name="status">What the budgets last found (<c>AddSharedRateBudgets</c> registers it); without it only the
    /// ping counts.</param>
    public RedisRateBudgetHealthCheck(ISharedRateBudgetStore store, SharedRateBudgetStatus? status = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _status = status;
    }

    /// <inheritdoc/>
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var data = new Dictionary<string, object>
        {
            ["store"] = _store.Name,
            ["clock"] = _store.ClockDescription,
        };
        if (_status is not null)
        {
            data["budgetsOnFallback"] = _status.BudgetsOnFallback;
            data["failures"] = _status.Failures;
            if (_status.LastError is { } lastError)
            {
                data["lastError"] = lastError;
            }
        }

        TimeSpan roundTrip;
        try
        {
            roundTrip = await _store.PingAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SharedRateBudgetUnavailableException e)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"{_store.Name} cannot be reached; rate budgets run on their fallback.", e, data);
        }

        data["roundTripMs"] = roundTrip.TotalMilliseconds;
        if (_status is { BudgetsOnFallback: > 0 } status)
        {
            return HealthCheckResult.Degraded(
                string.Create(CultureInfo.InvariantCulture, $"{_store.Name} answers again, but {status.BudgetsOnFallback} rate budget(s) still run on their in-process share."),
                data: data);
        }

        return HealthCheckResult.Healthy(string.Create(CultureInfo.InvariantCulture, $"{_store.Name} answered in {roundTrip.TotalMilliseconds:0.###} ms."), data);
    }
}
