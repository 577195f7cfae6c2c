using Martech.Sdk.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Martech.Sdk.IntegrationTests.Redis;

/// <summary>AddMartechRedis: configuration, start-up validation, one shared connection, the health check.</summary>
public sealed class RedisRegistrationTests
{
    [Fact]
    public async Task AddMartechRedis_FromConfiguration_SharesOneConnectionAcrossTheStores()
    {
        await using RedisServer server = await RedisServer.StartAsync();
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Martech:Redis:Configuration"] = server.ConnectionString,
            ["Martech:Redis:Clock"] = "Caller",
            ["Martech:Redis:KeyPrefix"] = "app1",
        }).Build();
        var services = new ServiceCollection().AddSingleton(configuration);
        services.AddMartechRedis().UseRateBudgets(o => o.ExpectedProcesses = 3).UseOAuth2TokenStore().UseCheckpointStore();
        await using ServiceProvider provider = services.BuildServiceProvider();

        var budgets = (RedisSharedRateBudgetStore)provider.GetRequiredService<ISharedRateBudgetStore>();
        var tokens = provider.GetRequiredService<IOAuth2TokenStore>();
        Assert.Same(tokens, provider.GetRequiredService<IOAuth2TokenRefreshLock>());
        Assert.IsType<RedisCheckpointStore>(provider.GetRequiredService<ICheckpointStore>());
        Assert.Equal(3, provider.GetRequiredService<IOptions<SharedRateBudgetOptions>>().Value.ExpectedProcesses);
        Assert.Equal("caller's clock (each process's TimeProvider; keep the hosts synchronized)", budgets.ClockDescription);
        Assert.Equal($"Redis 127.0.0.1:{server.Port}", budgets.Name);
        Assert.Equal(("{app1:rl:K}:log", "{app1:rl:K}:state"), budgets.KeysOf("K"));

        Assert.True((await budgets.TryAcquireAsync(new SharedRateBudget("K", 1, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), 1))).Granted);
        Assert.True(await provider.GetRequiredService<ICheckpointStore>().TrySetAsync("c", "{}", 0));
        await tokens.SetAsync("t", new OAuth2Token { AccessToken = "x", ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(1) });
        Assert.Equal("x", (await tokens.GetAsync("t"))!.AccessToken);
        Assert.Single(provider.GetServices<MartechRedisConnection>());
    }

    [Fact]
    public void AddMartechRedis_WithoutConfiguration_FailsAtStartNamingTheSetting()
    {
        var services = new ServiceCollection();
        services.AddMartechRedis(o => o.OperationTimeout = TimeSpan.Zero).UseRateBudgets(o => o.ExpectedProcesses = 0);
        using ServiceProvider provider = services.BuildServiceProvider();

        var redis = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<MartechRedisOptions>>().Value);
        Assert.Contains("Martech:Redis:Configuration is empty; set it to the Redis server, such as \"127.0.0.1:6379\", or pass a connection string or connection factory to AddMartechRedis.", redis.Failures);
        Assert.Contains("Martech:Redis:OperationTimeout must be between 0 and 5 minutes (was 00:00:00).", redis.Failures);
        var shared = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<SharedRateBudgetOptions>>().Value);
        Assert.Contains("ExpectedProcesses must be at least 1", shared.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HealthCheck_HealthyWhileRedisAnswers_FailureStatusWhenItIsGone()
    {
        await using RedisServer server = await RedisServer.StartAsync();
        var services = new ServiceCollection().AddLogging();
        services.AddMartechRedis(server.ConnectionString).UseRateBudgets();
        services.AddHealthChecks().AddMartechRedis(failureStatus: HealthStatus.Degraded);
        await using ServiceProvider provider = services.BuildServiceProvider();
        HealthCheckService health = provider.GetRequiredService<HealthCheckService>();

        HealthReport up = await health.CheckHealthAsync();
        Assert.Equal(HealthStatus.Healthy, up.Status);
        Assert.Equal($"Redis 127.0.0.1:{server.Port}", up.Entries["martech-redis"].Data["store"]);

        await server.KillAsync();
        HealthReport down = await health.CheckHealthAsync();
        Assert.Equal(HealthStatus.Degraded, down.Status);
        Assert.Equal($"Redis 127.0.0.1:{server.Port} cannot be reached; rate budgets run on their fallback.", down.Entries["martech-redis"].Description);
        Assert.IsType<SharedRateBudgetUnavailableException>(down.Entries["martech-redis"].Exception);
    }

    [Fact]
    public async Task RedisServer_StartsOnItsOwnPortWithoutPersistence()
    {
        await using RedisServer first = await RedisServer.StartAsync();
        await using RedisServer second = await RedisServer.StartAsync();
        using var connection = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(first.ConnectionString + ",allowAdmin=true");
        StackExchange.Redis.IServer admin = connection.GetServer(connection.GetEndPoints()[0]);

        Assert.NotEqual(first.Port, second.Port);
        Assert.Equal("", (await admin.ConfigGetAsync("save")).Single().Value);
        Assert.Equal("no", (await admin.ConfigGetAsync("appendonly")).Single().Value);
        Assert.Equal("127.0.0.1", (await admin.ConfigGetAsync("bind")).Single().Value);
    }
}
