using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Martech.Sdk;

/// <summary>
/// Reports whether the shared rate budgets reach Redis: <see cref="HealthStatus.Healthy"/> when the store answers a
/// ping, with the round-trip time; the registration's failure status (<see cref="HealthStatus.Unhealthy"/> by default)
/// when it cannot be reached, while budgets follow their fallback (<see cref="SharedRateBudgetOptions.WhenUnavailable"/>).
/// </summary>
public sealed class RedisRateBudgetHealthCheck : IHealthCheck
{
    private readonly ISharedRateBudgetStore _store;

    /// <summary>Creates the check.</summary>
    /// <param name="store">The store to ping.</param>
    public RedisRateBudgetHealthCheck(ISharedRateBudgetStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
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

        try
        {
            TimeSpan roundTrip = await _store.PingAsync(cancellationToken).ConfigureAwait(false);
            data["roundTripMs"] = roundTrip.TotalMilliseconds;
            return HealthCheckResult.Healthy(string.Create(CultureInfo.InvariantCulture, $"{_store.Name} answered in {roundTrip.TotalMilliseconds:0.###} ms."), data);
        }
        catch (SharedRateBudgetUnavailableException e)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"{_store.Name} cannot be reached; rate budgets run on their fallback.", e, data);
        }
    }
}
