using Martech.Sdk;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the health check of <c>Martech.Sdk.Redis</c>.</summary>
public static class MartechRedisHealthChecksBuilderExtensions
{
    /// <summary>Adds <see cref="RedisRateBudgetHealthCheck"/>, which pings the shared rate-budget store
    /// (<c>services.AddMartechRedis(...).UseRateBudgets()</c>).</summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="name">The check's name. The default value is <c>"martech-redis"</c>.</param>
    /// <param name="failureStatus">The status when Redis cannot be reached. The default value is
    /// <see cref="HealthStatus.Unhealthy"/>; <see cref="HealthStatus.Degraded"/> suits apps whose budgets fall back to
    /// their local share.</param>
    /// <param name="tags">Tags to filter checks by.</param>
    /// <returns>The builder.</returns>
    public static IHealthChecksBuilder AddMartechRedis(this IHealthChecksBuilder builder, string name = "martech-redis", HealthStatus failureStatus = HealthStatus.Unhealthy, IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return builder.Add(new HealthCheckRegistration(
            name,
            sp => new RedisRateBudgetHealthCheck(sp.GetRequiredService<RedisSharedRateBudgetStore>(), sp.GetService<SharedRateBudgetStatus>()),
            failureStatus,
            tags));
    }
}
