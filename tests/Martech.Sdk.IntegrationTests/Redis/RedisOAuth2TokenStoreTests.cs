using System.Collections.Concurrent;
using StackExchange.Redis;

namespace Martech.Sdk.IntegrationTests.Redis;

/// <summary>The OAuth2 token store and its refresh lock against a real redis-server.</summary>
public sealed class RedisOAuth2TokenStoreTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    [Fact]
    public async Task Token_RoundTripsWithEveryFieldAndExpiresAfterItsMargin()
    {
        MartechRedisOptions options = RedisFixture.IsolatedOptions();
        ConnectionMultiplexer connection = redis.ConnectTracked();
        var store = new RedisOAuth2TokenStore(connection, options);
        var token = new OAuth2Token
        {
            AccessToken = "at-secret",
            ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(10),
            Scope = "api refresh_token",
            AdditionalProperties = new Dictionary<string, string> { ["instance_url"] = "https://example.my.salesforce.com" },
        };

        await store.SetAsync("salesforce:tenant-a", token);
        OAuth2Token? read = await new RedisOAuth2TokenStore(redis.ConnectTracked(), options).GetAsync("salesforce:tenant-a");

        Assert.NotNull(read);
        Assert.Equal((token.AccessToken, token.TokenType, token.ExpiresAt, token.Scope, token.RefreshToken), (read.AccessToken, read.TokenType, read.ExpiresAt, read.Scope, read.RefreshToken));
        Assert.Equal("https://example.my.salesforce.com", read.AdditionalProperties["instance_url"]);
        TimeSpan? ttl = await connection.GetDatabase().KeyTimeToLiveAsync(store.KeyOf("salesforce:tenant-a"));
        Assert.InRange(ttl!.Value, TimeSpan.FromMinutes(14.9), TimeSpan.FromMinutes(15)); // expiry + 5 min margin

        await store.SetAsync("salesforce:tenant-a", token with { RefreshToken = "rt-secret" });
        ttl = await connection.GetDatabase().KeyTimeToLiveAsync(store.KeyOf("salesforce:tenant-a"));
        Assert.InRange(ttl!.Value, TimeSpan.FromDays(30), TimeSpan.FromDays(30) + TimeSpan.FromMinutes(10)); // the refresh token outlives it

        await store.RemoveAsync("salesforce:tenant-a");
        Assert.Null(await store.GetAsync("salesforce:tenant-a"));
    }

    [Fact]
    public async Task RefreshLock_FiveProcessesAtOnce_RefreshOnce()
    {
        MartechRedisOptions options = RedisFixture.IsolatedOptions();
        RedisOAuth2TokenStore[] processes = Enumerable.Range(0, 5).Select(_ => new RedisOAuth2TokenStore(redis.ConnectTracked(), options)).ToArray();
        int refreshes = 0;
        var seen = new ConcurrentBag<string>();
        using var start = new Barrier(5);

        await Task.WhenAll(processes.Select(store => Task.Run(async () =>
        {
            start.SignalAndWait();
            while (true)
            {
                if (await store.GetAsync("hubspot:portal-1") is { } current)
                {
                    seen.Add(current.AccessToken);
                    return;
                }

                await using IAsyncDisposable? held = await store.TryLockAsync("hubspot:portal-1", TimeSpan.FromSeconds(10));
                if (held is null)
                {
                    await Task.Delay(10); // another process refreshes: wait for its token
                    continue;
                }

                if (await store.GetAsync("hubspot:portal-1") is null)
                {
                    int n = Interlocked.Increment(ref refreshes);
                    await Task.Delay(100); // the token endpoint
                    await store.SetAsync("hubspot:portal-1", new OAuth2Token { AccessToken = $"token-{n}", ExpiresAt = DateTimeOffset.UtcNow.AddHours(1) });
                }
            }
        })));

        Assert.Equal(1, refreshes);
        Assert.Equal(["token-1"], seen.Distinct());
        Assert.Equal(5, seen.Count);
    }

    [Fact]
    public async Task RefreshLock_ExpiredHolderCannotReleaseTheNextHoldersLock()
    {
        MartechRedisOptions options = RedisFixture.IsolatedOptions();
        var first = new RedisOAuth2TokenStore(redis.ConnectTracked(), options);
        var second = new RedisOAuth2TokenStore(redis.ConnectTracked(), options);

        IAsyncDisposable? stale = await first.TryLockAsync("k", TimeSpan.FromMilliseconds(100));
        Assert.NotNull(stale);
        Assert.Null(await second.TryLockAsync("k", TimeSpan.FromSeconds(10)));
        await Task.Delay(200);
        IAsyncDisposable? current = await second.TryLockAsync("k", TimeSpan.FromSeconds(10));
        Assert.NotNull(current);

        await stale.DisposeAsync(); // its lease ran out: releases nothing
        Assert.Null(await first.TryLockAsync("k", TimeSpan.FromSeconds(10)));

        await current.DisposeAsync();
        IAsyncDisposable? next = await first.TryLockAsync("k", TimeSpan.FromSeconds(10));
        Assert.NotNull(next);
        await next.DisposeAsync();
    }
}
