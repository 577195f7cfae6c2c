using Martech.Sdk;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <c>Martech.Sdk.Redis</c>.</summary>
public static class MartechRedisServiceCollectionExtensions
{
    /// <summary>
    /// Adds one Redis connection for Martech.Sdk, made from <c>Martech:Redis:Configuration</c> (or
    /// <paramref name="configure"/>); choose what it keeps with the returned builder. Settings
    /// (<see cref="MartechRedisOptions"/>) bind from <c>Martech:Redis</c>, then <paramref name="configure"/>, and are
    /// validated at start-up.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Code configuration, such as <c>o =&gt; o.Clock = RedisClock.Caller</c>.</param>
    /// <returns>The builder.</returns>
    public static MartechRedisBuilder AddMartechRedis(this IServiceCollection services, Action<MartechRedisOptions>? configure = null) =>
        Add(services, null, null, configure);

    /// <summary>Adds one Redis connection for Martech.Sdk to the given server; see
    /// <see cref="AddMartechRedis(IServiceCollection, Action{MartechRedisOptions}?)"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The StackExchange.Redis configuration string, such as <c>"127.0.0.1:6379"</c>; it
    /// replaces <c>Martech:Redis:Configuration</c>.</param>
    /// <param name="configure">Code configuration.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="configuration"/> is empty.</exception>
    public static MartechRedisBuilder AddMartechRedis(this IServiceCollection services, string configuration, Action<MartechRedisOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(configuration);
        return Add(services, configuration, null, configure);
    }

    /// <summary>Adds Martech.Sdk's Redis stores on a connection the app makes (and disposes) itself, such as one it
    /// already uses; see <see cref="AddMartechRedis(IServiceCollection, Action{MartechRedisOptions}?)"/>. Give it
    /// <c>AbortOnConnectFail=false</c> and short timeouts, so an unreachable server fails calls quickly.</summary>
    /// <param name="services">The services.</param>
    /// <param name="connectionFactory">Returns the connection; called once.</param>
    /// <param name="configure">Code configuration.</param>
    /// <returns>The builder.</returns>
    public static MartechRedisBuilder AddMartechRedis(this IServiceCollection services, Func<IServiceProvider, IConnectionMultiplexer> connectionFactory, Action<MartechRedisOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(connectionFactory);
        return Add(services, null, connectionFactory, configure);
    }

    /// <summary>Shares every provider's rate budgets across processes through the Redis server at
    /// <paramref name="configuration"/>: <c>services.AddMartechRedis(configuration).UseRateBudgets(configure)</c>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The StackExchange.Redis configuration string, such as <c>"127.0.0.1:6379"</c>.</param>
    /// <param name="configure">What budgets do while Redis cannot be reached, such as <c>o =&gt; o.ExpectedProcesses = 3</c>.</param>
    /// <returns>The builder, to keep tokens or checkpoints in Redis too.</returns>
    /// <exception cref="ArgumentException"><paramref name="configuration"/> is empty.</exception>
    public static MartechRedisBuilder AddRedisRateBudgets(this IServiceCollection services, string configuration, Action<SharedRateBudgetOptions>? configure = null) =>
        services.AddMartechRedis(configuration).UseRateBudgets(configure);

    private static MartechRedisBuilder Add(IServiceCollection services, string? configuration, Func<IServiceProvider, IConnectionMultiplexer>? factory, Action<MartechRedisOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        OptionsBuilder<MartechRedisOptions> options = services.AddOptions<MartechRedisOptions>()
            .Configure<IServiceProvider>(static (o, sp) => sp.GetService<IConfiguration>()?.GetSection("Martech:Redis").Bind(o));
        if (configuration is not null)
        {
            options.Configure(o => o.Configuration = configuration);
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddSingleton<IValidateOptions<MartechRedisOptions>>(new Validator(needsConfiguration: factory is null));
        options.ValidateOnStart();
        services.RemoveAll<MartechRedisConnection>();
        services.AddSingleton(sp => factory is null
            ? new MartechRedisConnection(new Lazy<IConnectionMultiplexer>(() => ConnectionMultiplexer.Connect(sp.GetRequiredService<IOptions<MartechRedisOptions>>().Value.ToConfigurationOptions())), owned: true)
            : new MartechRedisConnection(new Lazy<IConnectionMultiplexer>(() => factory(sp) ?? throw new InvalidOperationException("The Redis connection factory given to AddMartechRedis returned null.")), owned: false));
        return new MartechRedisBuilder(services);
    }

    private sealed class Validator(bool needsConfiguration) : IValidateOptions<MartechRedisOptions>
    {
        public ValidateOptionsResult Validate(string? name, MartechRedisOptions options)
        {
            var problems = options.Validate("Martech:Redis", needsConfiguration).ToList();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
