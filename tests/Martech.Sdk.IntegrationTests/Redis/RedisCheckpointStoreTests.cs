using Martech.Sdk.Tests.DataQuality.Consolidation;
using StackExchange.Redis;

namespace Martech.Sdk.IntegrationTests.Redis;

/// <summary>The checkpoint store contract, and Redis's own promises, against a real redis-server.</summary>
public sealed class RedisCheckpointStoreTests(RedisFixture redis) : CheckpointStoreContract, IClassFixture<RedisFixture>
{
    private readonly MartechRedisOptions _options = RedisFixture.IsolatedOptions();

    protected override ICheckpointStore CreateStore() => new RedisCheckpointStore(redis.ConnectTracked(), _options);

    [Fact]
    public async Task TrySet_EightConnectionsAtOnce_ExactlyOneWinsEachVersion()
    {
        RedisCheckpointStore[] processes = Enumerable.Range(0, 8).Select(_ => new RedisCheckpointStore(redis.ConnectTracked(), _options)).ToArray();

        for (long version = 0; version < 5; version++)
        {
            long expected = version;
            bool[] won = await Task.WhenAll(processes.Select((store, i) => Task.Run(() => store.TrySetAsync("jobs:export:run-7", $"{{\"writer\":{i}}}", expected))));
            Assert.Equal(1, won.Count(w => w));
        }

        Assert.Equal(5, (await processes[3].GetAsync("jobs:export:run-7"))!.Version);
    }

    [Fact]
    public async Task Checkpoint_ExpiresAfterItsTimeToLive_OrNeverWhenNone()
    {
        ConnectionMultiplexer connection = redis.ConnectTracked();
        var store = new RedisCheckpointStore(connection, _options);
        await store.TrySetAsync("ttl:default", "{}", 0);
        TimeSpan? ttl = await connection.GetDatabase().KeyTimeToLiveAsync(store.KeyOf("ttl:default"));
        Assert.InRange(ttl!.Value, TimeSpan.FromDays(30) - TimeSpan.FromMinutes(1), TimeSpan.FromDays(30));

        var keeping = new RedisCheckpointStore(connection, new MartechRedisOptions { KeyPrefix = _options.KeyPrefix, CheckpointTimeToLive = null });
        await keeping.TrySetAsync("ttl:default", "{\"n\":2}", 1);
        Assert.Null(await connection.GetDatabase().KeyTimeToLiveAsync(store.KeyOf("ttl:default")));

        var brief = new RedisCheckpointStore(connection, new MartechRedisOptions { KeyPrefix = _options.KeyPrefix, CheckpointTimeToLive = TimeSpan.FromMilliseconds(150) });
        await brief.TrySetAsync("ttl:brief", "{}", 0);
        Assert.NotNull(await brief.GetAsync("ttl:brief"));
        await Task.Delay(400);
        Assert.Null(await brief.GetAsync("ttl:brief"));
    }
}
