using Martech.Sdk;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Shares every provider instance's rate budgets across processes through an <see cref="ISharedRateBudgetStore"/>.</summary>
public static class SharedRateBudgetServiceCollectionExtensions
{
    /// <summary>
    /// Makes every rate budget of the container (each provider instance's, and each of its operation budgets and
    /// partitions) take its permits from the registered <see cref="ISharedRateBudgetStore"/> and report the vendor's
    /// rate-limit headers, 429s and <c>Retry-After</c> to it, so every process on a credential shares its limit. Use
    /// this overload when a package registers the store (<c>AddRedisRateBudgets</c> of <c>Martech.Sdk.Redis</c> calls
    /// it); the host fails at start when no store is registered or the options are out of range.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets what budgets do while the store cannot be reached (by default each process takes
    /// its share, limit ÷ <see cref="SharedRateBudgetOptions.ExpectedProcesses"/>, in process).</param>
    /// <returns>The services.</returns>
    /// <remarks>Also registers <see cref="SharedRateBudgetStatus"/>, which health checks read. A provider whose
    /// <see cref="MartechRateLimitOptions.LimiterFactory"/> is set keeps that limiter for its instance budget.</remarks>
    public static IServiceCollection AddSharedRateBudgets(this IServiceCollection services, Action<SharedRateBudgetOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        OptionsBuilder<SharedRateBudgetOptions> options = services.AddOptions<SharedRateBudgetOptions>();
        if (!services.Any(d => d.ServiceType == typeof(SharedRateBudgets)))
        {
            services.AddSingleton<IValidateOptions<SharedRateBudgetOptions>, SharedRateBudgetOptionsValidator>();
            options.ValidateOnStart();
            services.AddSingleton(sp => new SharedRateBudgetStatus(
                sp.GetRequiredService<ISharedRateBudgetStore>(),
                sp.GetRequiredService<IOptions<SharedRateBudgetOptions>>().Value,
                sp.GetService<TimeProvider>()));
            services.AddSingleton(sp => new SharedRateBudgets(
                sp.GetRequiredService<ISharedRateBudgetStore>(),
                sp.GetRequiredService<IOptions<SharedRateBudgetOptions>>().Value,
                sp.GetRequiredService<SharedRateBudgetStatus>(),
                sp.GetService<TimeProvider>()));
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        return services;
    }

    /// <summary>Shares every rate budget of the container through <paramref name="store"/> (replacing any store registered
    /// before); see <see cref="AddSharedRateBudgets(IServiceCollection, Action{SharedRateBudgetOptions}?)"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="store">The store, such as an <c>InMemorySharedRateBudgetStore</c> shared by two containers in a test.</param>
    /// <param name="configure">Sets what budgets do while the store cannot be reached.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddSharedRateBudgets(this IServiceCollection services, ISharedRateBudgetStore store, Action<SharedRateBudgetOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(store);
        services.RemoveAll<ISharedRateBudgetStore>();
        services.AddSingleton(store);
        return services.AddSharedRateBudgets(configure);
    }

    /// <summary>Shares every rate budget of the container through the store <paramref name="storeFactory"/> creates once
    /// (replacing any store registered before); see
    /// <see cref="AddSharedRateBudgets(IServiceCollection, Action{SharedRateBudgetOptions}?)"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="storeFactory">Creates the store from the container (a connection, a clock).</param>
    /// <param name="configure">Sets what budgets do while the store cannot be reached.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddSharedRateBudgets(
        this IServiceCollection services, Func<IServiceProvider, ISharedRateBudgetStore> storeFactory, Action<SharedRateBudgetOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(storeFactory);
        services.RemoveAll<ISharedRateBudgetStore>();
        services.AddSingleton(sp => storeFactory(sp) ?? throw new InvalidOperationException("Martech shared rate budgets: the store factory returned no ISharedRateBudgetStore."));
        return services.AddSharedRateBudgets(configure);
    }

    /// <summary>Checks the options and that a store is registered, when the host starts.</summary>
    private sealed class SharedRateBudgetOptionsValidator(IServiceProviderIsService services) : IValidateOptions<SharedRateBudgetOptions>
    {
        public ValidateOptionsResult Validate(string? name, SharedRateBudgetOptions options)
        {
            var problems = new List<string>();
            try
            {
                options.Validate();
            }
            catch (InvalidOperationException ex)
            {
                problems.Add(ex.Message);
            }

            if (!services.IsService(typeof(ISharedRateBudgetStore)))
            {
                problems.Add("Martech shared rate budgets: no ISharedRateBudgetStore is registered; pass one to services.AddSharedRateBudgets(store), or use AddRedisRateBudgets of Martech.Sdk.Redis.");
            }

            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
