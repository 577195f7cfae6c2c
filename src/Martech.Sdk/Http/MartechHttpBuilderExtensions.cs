using Martech.Sdk;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Gives a provider instance the shared HTTP transport.</summary>
public static class MartechHttpBuilderExtensions
{
    /// <summary>
    /// Registers the instance's HTTP transport: a named <see cref="HttpClient"/> (name = instance name) whose handlers
    /// run telemetry → resilience → authentication → rate limiting, and a keyed <see cref="MartechHttpTransport"/>
    /// the provider resolves (<c>sp.GetRequiredKeyedService&lt;MartechHttpTransport&gt;(name)</c>). Called by vendor
    /// packages' <c>Add&lt;Vendor&gt;</c> methods.
    /// </summary>
    /// <param name="provider">The provider instance.</param>
    /// <param name="configure">Builds the vendor's HTTP options from the container (its bound options, a token
    /// store, the client factory for OAuth2). Called once, when the transport is first used.</param>
    /// <returns>The named client's builder: tests replace the primary handler with
    /// <c>ConfigurePrimaryHttpMessageHandler</c>, and <c>services.AddHttpClient(name)</c> returns the same builder later.</returns>
    public static IHttpClientBuilder AddHttpTransport(this MartechProviderBuilder provider, Func<IServiceProvider, MartechHttpOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(configure);
        string name = provider.Name;
        IServiceCollection services = provider.Services;
        services.TryAddSingleton<MartechRateBudgetRegistry>();
        services.AddKeyedSingleton(name, (sp, _) =>
        {
            MartechHttpOptions options = configure(sp) ?? throw new InvalidOperationException($"Provider '{name}' returned no HTTP options.");
            options.Validate(name);
            TimeProvider time = sp.GetService<TimeProvider>() ?? TimeProvider.System;
            string budgetKey = $"{provider.ProviderType}:{options.Authentication?.CredentialId ?? name}";
            MartechRateBudgetRegistry registry = sp.GetRequiredService<MartechRateBudgetRegistry>();
            MartechRateBudget budget = registry.GetOrCreate(budgetKey, key => new MartechRateBudget(key, options.RateLimit, time, registry.Shared));
            Dictionary<string, MartechOperationBudget>? operations = null;
            if (options.RateLimit is { Enabled: true, Operations.Count: > 0 })
            {
                operations = new Dictionary<string, MartechOperationBudget>(StringComparer.Ordinal);
                foreach ((string operation, MartechOperationRateLimit limit) in options.RateLimit.Operations)
                {
                    operations[operation] = registry.GetOrCreate(
                        budgetKey + "#" + limit.BudgetName(operation),
                        key => new MartechOperationBudget(key, limit, options.RateLimit.MaxWait, time, registry.Shared));
                }
            }

            ILogger logger = sp.GetService<ILoggerFactory>()?.CreateLogger("Martech.Sdk.Http") ?? NullLogger.Instance;
            return new MartechTransportContext(name, provider.ProviderType, options, budget, time, logger, operations)
            {
                Observer = sp.GetService<MartechTransportObserver>(),
            };
        });
        services.AddKeyedSingleton(name, (sp, _) => new MartechHttpTransport(
            sp.GetRequiredKeyedService<MartechTransportContext>(name),
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(name)));

        // The token endpoint of OAuth2 schemes: its own client, outside the authentication handler.
        services.AddHttpClient(name + ".oauth").RemoveAllLoggers();

        MartechTransportContext Context(IServiceProvider sp) => sp.GetRequiredKeyedService<MartechTransportContext>(name);
        return services.AddHttpClient(name)
            .ConfigurePrimaryHttpMessageHandler(static () => new SocketsHttpHandler
            {
                // Connections are recycled here rather than by rotating handlers, so the client can be kept.
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                AutomaticDecompression = System.Net.DecompressionMethods.All,
            })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .ConfigureHttpClient((sp, client) =>
            {
                client.BaseAddress = Context(sp).Options.BaseAddress;
                client.Timeout = Timeout.InfiniteTimeSpan; // the resilience pipeline owns timeouts
            })

            // The factory's default loggers write full request URLs, which can carry API keys: ours redact them.
            .RemoveAllLoggers()
            .AddHttpMessageHandler(sp => new TelemetryHandler(Context(sp)))
            .AddHttpMessageHandler(sp => new ResilienceHandler(Context(sp)))

            // Authentication before the budget: a permit is taken when the request is about to go out, after any token
            // fetch, and a resend after a 401 takes a permit of its own, so the vendor never sees more than the budget.
            .AddHttpMessageHandler(sp => new AuthenticationHandler(Context(sp)))
            .AddHttpMessageHandler(sp => new RateLimitHandler(Context(sp)));
    }
}
