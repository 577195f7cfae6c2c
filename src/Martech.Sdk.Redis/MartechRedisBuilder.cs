using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Martech.Sdk;

/// <summary>Chooses what <c>Martech.Sdk.Redis</c> keeps in Redis, all on one connection
/// (<c>services.AddMartechRedis(...)</c>).</summary>
public sealed class MartechRedisBuilder
{
    internal MartechRedisBuilder(IServiceCollection services) => Services = services;

    /// <summary>The services being configured.</summary>
    public IServiceCollection Services { get; }

    /// <summary>
    /// Shares every provider's rate budgets (and operation budgets and partitions) across processes through Redis:
    /// registers <see cref="RedisSharedRateBudgetStore"/> and calls <c>services.AddSharedRateBudgets(...)</c>, so every
    /// budget of the container takes its permits from it. The settings of the shared budgets (what happens while Redis
    /// is unreachable) come from <paramref name="configure"/> and are validated at start-up.
    /// </summary>
    /// <param name="configure">Code configuration, such as <c>o =&gt; o.ExpectedProcesses = 3</c>.</param>
    /// <returns>The builder.</returns>
    public MartechRedisBuilder UseRateBudgets(Action<SharedRateBudgetOptions>? configure = null)
    {
        Services.AddSingleton(sp => new RedisSharedRateBudgetStore(Connection(sp), Options(sp), sp.GetService<TimeProvider>()));
        Services.AddSharedRateBudgets(sp => sp.GetRequiredService<RedisSharedRateBudgetStore>(), configure);
        return this;
    }

    /// <summary>Keeps OAuth2 tokens in Redis (<see cref="RedisOAuth2TokenStore"/>), shared by every process, and refreshes
    /// them one process at a time: registers it as the <see cref="IOAuth2TokenStore"/> and the
    /// <see cref="IOAuth2TokenRefreshLock"/>.</summary>
    /// <returns>The builder.</returns>
    public MartechRedisBuilder UseOAuth2TokenStore()
    {
        Services.AddSingleton(sp => new RedisOAuth2TokenStore(Connection(sp), Options(sp), sp.GetService<TimeProvider>()));
        Services.AddSingleton<IOAuth2TokenStore>(sp => sp.GetRequiredService<RedisOAuth2TokenStore>());
        Services.AddSingleton<IOAuth2TokenRefreshLock>(sp => sp.GetRequiredService<RedisOAuth2TokenStore>());
        return this;
    }

    /// <summary>Keeps checkpoints of resumable work in Redis (<see cref="RedisCheckpointStore"/>): registers it as the
    /// <see cref="ICheckpointStore"/>.</summary>
    /// <returns>The builder.</returns>
    public MartechRedisBuilder UseCheckpointStore()
    {
        Services.AddSingleton(sp => new RedisCheckpointStore(Connection(sp), Options(sp)));
        Services.AddSingleton<ICheckpointStore>(sp => sp.GetRequiredService<RedisCheckpointStore>());
        return this;
    }

    private static StackExchange.Redis.IConnectionMultiplexer Connection(IServiceProvider services) =>
        services.GetRequiredService<MartechRedisConnection>().Connection;

    private static MartechRedisOptions Options(IServiceProvider services) =>
        services.GetRequiredService<IOptions<MartechRedisOptions>>().Value;
}
