using Martech.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Martech.Sdk.IntegrationTests.Redis;

/// <summary>A real provider (HubSpot, against its emulator) whose budgets live in a real redis-server.</summary>
public sealed class RedisTransportTests
{
    [Fact]
    public async Task HubSpot_BudgetKeysHoldTheFingerprintNeverTheToken_AndEveryKeyExpires()
    {
        await using RedisServer redis = await RedisServer.StartAsync();
        await using var hubspot = new HubSpotEmulator();
        await hubspot.StartAsync();
        hubspot.AddContact(new Dictionary<string, string> { ["email"] = "ada@example.com" });
        await using ServiceProvider services = Build(redis, hubspot);

        Page<Contact> page = await services.GetRequiredService<IContactClient>().ListAsync(new ContactListOptions { PageSize = 10 }).AsPages().FirstAsync();

        Assert.Single(page.Items);
        using ConnectionMultiplexer connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        RedisKey[] keys = [.. connection.GetServer(connection.GetEndPoints()[0]).Keys()];
        Assert.Contains(keys, k => ((string)k!).StartsWith("{e2e:rl:", StringComparison.Ordinal));
        foreach (RedisKey key in keys)
        {
            Assert.DoesNotContain(HubSpotEmulator.DefaultAccessToken, (string)key!, StringComparison.Ordinal);
            Assert.NotNull(await connection.GetDatabase().KeyTimeToLiveAsync(key));
        }
    }

    [Fact]
    public async Task HubSpot_RedisDown_CallsGoOnAtTheLocalShare_AndTheHealthCheckSaysSo()
    {
        await using RedisServer redis = await RedisServer.StartAsync();
        await using var hubspot = new HubSpotEmulator();
        await hubspot.StartAsync();
        await using ServiceProvider services = Build(redis, hubspot);
        var contacts = services.GetRequiredService<IContactClient>();
        HealthCheckService health = services.GetRequiredService<HealthCheckService>();
        await contacts.ListAsync(new ContactListOptions { PageSize = 10 }).AsPages().FirstAsync();
        Assert.Equal(HealthStatus.Healthy, (await health.CheckHealthAsync()).Status);

        await redis.KillAsync();
        await contacts.ListAsync(new ContactListOptions { PageSize = 10 }).AsPages().FirstAsync(); // on the fallback
        Assert.Equal(HealthStatus.Unhealthy, (await health.CheckHealthAsync()).Status);
        Assert.True(services.GetRequiredService<SharedRateBudgetStatus>().BudgetsOnFallback > 0);

        await redis.RestartAsync();
        HealthReport back = await health.CheckHealthAsync();
        for (int i = 0; i < 50 && back.Status == HealthStatus.Unhealthy; i++)
        {
            await Task.Delay(100); // reconnecting
            back = await health.CheckHealthAsync();
        }

        Assert.Equal(HealthStatus.Degraded, back.Status); // Redis answers; budgets return to it after RetryStoreAfter
        Assert.Contains("still run on their in-process share", back.Entries["martech-redis"].Description, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(RedisServer redis, HubSpotEmulator hubspot)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddMartech().AddHubSpot(configure: o =>
        {
            o.BaseAddress = hubspot.BaseAddress;
            o.AccessToken = HubSpotEmulator.DefaultAccessToken;
        });
        services.AddMartechRedis(redis.ConnectionString, o => o.KeyPrefix = "e2e").UseRateBudgets(o => o.RetryStoreAfter = TimeSpan.FromMinutes(1));
        services.AddHealthChecks().AddMartechRedis();
        return services.BuildServiceProvider();
    }
}
