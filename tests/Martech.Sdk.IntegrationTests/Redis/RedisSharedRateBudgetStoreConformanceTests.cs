using Martech.Sdk.Testing.Conformance;

namespace Martech.Sdk.IntegrationTests.Redis;

/// <summary>The shared rate-budget conformance suite against the Lua store on a real redis-server, timed by Redis
/// <c>TIME</c>; the second client is another connection, as another process would have.</summary>
public sealed class RedisSharedRateBudgetStoreConformanceTests(RedisFixture redis) : SharedRateBudgetStoreConformance, IClassFixture<RedisFixture>
{
    protected override Task<ISharedRateBudgetStore> CreateStoreAsync() =>
        Task.FromResult<ISharedRateBudgetStore>(new RedisSharedRateBudgetStore(redis.ConnectTracked()));

    protected override Task<ISharedRateBudgetStore> CreateSecondClientAsync(ISharedRateBudgetStore first) =>
        Task.FromResult<ISharedRateBudgetStore>(new RedisSharedRateBudgetStore(redis.ConnectTracked()));
}

/// <summary>The same suite with the caller's clock (for serverless Redis that refuses <c>TIME</c>).</summary>
public sealed class RedisCallerClockConformanceTests(RedisFixture redis) : SharedRateBudgetStoreConformance, IClassFixture<RedisFixture>
{
    private static readonly MartechRedisOptions CallerClock = new() { Clock = RedisClock.Caller };

    protected override Task<ISharedRateBudgetStore> CreateStoreAsync() =>
        Task.FromResult<ISharedRateBudgetStore>(new RedisSharedRateBudgetStore(redis.ConnectTracked(), CallerClock));

    protected override Task<ISharedRateBudgetStore> CreateSecondClientAsync(ISharedRateBudgetStore first) =>
        Task.FromResult<ISharedRateBudgetStore>(new RedisSharedRateBudgetStore(redis.ConnectTracked(), CallerClock));
}
