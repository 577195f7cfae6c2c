using System.Diagnostics;
using Martech.Sdk.Testing;
using StackExchange.Redis;

namespace Martech.Sdk.IntegrationTests.Redis;

/// <summary>The Lua budget against a real redis-server: atomic across connections, every key expiring and in one
/// cluster slot, the documented clocks, and quick failure when Redis is gone.</summary>
public sealed class RedisSharedRateBudgetStoreTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private static SharedRateBudget Budget(string key, int limit, TimeSpan window) =>
        new(key, limit, window, window + TimeSpan.FromTicks(Math.Min(window.Ticks / 50, TimeSpan.TicksPerSecond)), Math.Max(1, limit / 20));

    [Fact]
    public async Task TryAcquire_EightConnectionsAtOnce_NeverAdmitMoreThanTheLimitInAnyHold()
    {
        MartechRedisOptions options = RedisFixture.IsolatedOptions();
        SharedRateBudget budget = Budget("HubSpot:0a1b2c3d4e5f", 25, TimeSpan.FromMilliseconds(400));
        RedisSharedRateBudgetStore[] stores = Enumerable.Range(0, 8).Select(_ => new RedisSharedRateBudgetStore(redis.ConnectTracked(), options)).ToArray();
        var grants = new List<long>();
        var until = Stopwatch.StartNew();

        await Task.WhenAll(stores.Select(store => Task.Run(async () =>
        {
            while (until.Elapsed < TimeSpan.FromSeconds(2.5))
            {
                SharedPermit permit = await store.TryAcquireAsync(budget);
                if (permit.Granted)
                {
                    lock (grants)
                    {
                        grants.Add(permit.GrantedAt);
                    }
                }
                else
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(permit.RetryAfter.TotalMilliseconds, 20)));
                }
            }
        })));

        long hold = (long)Math.Ceiling(budget.Hold.TotalMilliseconds);
        long[] sorted = [.. grants.Order()];
        int most = 0;
        for (int i = 0; i < sorted.Length; i++)
        {
            int inHold = 0;
            for (int j = i; j < sorted.Length && sorted[j] < sorted[i] + hold; j++)
            {
                inHold++;
            }

            most = Math.Max(most, inHold);
        }

        Assert.Equal(25, most); // the limit reached, never passed
        Assert.True(sorted.Length >= 25 * 4, $"only {sorted.Length} grants in 2.5 s");
    }

    [Fact]
    public async Task Keys_EveryKeyHasAnExpiryAndABudgetsKeysShareOneSlot()
    {
        MartechRedisOptions options = RedisFixture.IsolatedOptions();
        ConnectionMultiplexer connection = redis.ConnectTracked();
        var store = new RedisSharedRateBudgetStore(connection, options);
        SharedRateBudget budget = Budget("Slack:77aa00ff#chat.postMessage@C024BE91L", 5, TimeSpan.FromSeconds(1));
        SharedPermit permit = await store.TryAcquireAsync(budget);
        await store.ReportAsync(budget, new SharedRateFeedback { GrantedAt = permit.GrantedAt, PauseFor = TimeSpan.FromSeconds(30) });

        (string log, string state) = store.KeysOf(budget.Key);
        IDatabase db = connection.GetDatabase();
        IServer server = connection.GetServer(connection.GetEndPoints()[0]);
        RedisKey[] keys = [.. server.Keys(pattern: "{" + options.KeyPrefix + ":*")];

        Assert.Equal(new[] { log, state }, keys.Select(k => (string)k!).Order(StringComparer.Ordinal));
        foreach (RedisKey key in keys)
        {
            TimeSpan? ttl = await db.KeyTimeToLiveAsync(key);
            Assert.NotNull(ttl);
            Assert.InRange(ttl.Value, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(32)); // the pause's end, then a hold
        }

        Assert.Equal(connection.HashSlot(log), connection.HashSlot(state));
        Assert.Equal(connection.HashSlot(log), connection.HashSlot("{" + options.KeyPrefix + ":rl:" + budget.Key + "}"));
        Assert.StartsWith("{" + options.KeyPrefix + ":rl:Slack:77aa00ff#chat.postMessage@C024BE91L}", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keys_IdleBudgetExpiresAfterItsIdleHolds()
    {
        MartechRedisOptions options = RedisFixture.IsolatedOptions();
        options.BudgetIdleHolds = 3;
        ConnectionMultiplexer connection = redis.ConnectTracked();
        var store = new RedisSharedRateBudgetStore(connection, options);
        SharedRateBudget budget = Budget("P:idle", 2, TimeSpan.FromMilliseconds(100));

        await store.TryAcquireAsync(budget);
        (string log, string state) = store.KeysOf(budget.Key);
        TimeSpan? ttl = await connection.GetDatabase().KeyTimeToLiveAsync(state);

        Assert.InRange(ttl!.Value, TimeSpan.FromMilliseconds(150), TimeSpan.FromMilliseconds(306));
        await Task.Delay(500);
        Assert.False(await connection.GetDatabase().KeyExistsAsync(state));
        Assert.False(await connection.GetDatabase().KeyExistsAsync(log));
    }

    [Fact]
    public async Task Keys_CutLimit_StateOutlivesTheLogForTheLearnedStateRetention()
    {
        MartechRedisOptions options = RedisFixture.IsolatedOptions();
        options.BudgetIdleHolds = 3;
        ConnectionMultiplexer connection = redis.ConnectTracked();
        IDatabase db = connection.GetDatabase();
        var store = new RedisSharedRateBudgetStore(connection, options);
        SharedRateBudget budget = Budget("P:learned", 10, TimeSpan.FromMilliseconds(100));
        SharedPermit last = default;
        for (int i = 0; i < 10; i++)
        {
            last = await store.TryAcquireAsync(budget);
        }

        await store.ReportAsync(budget, new SharedRateFeedback { GrantedAt = last.GrantedAt, TooManyRequests = true });
        (string log, string state) = store.KeysOf(budget.Key);

        TimeSpan? stateTtl = await db.KeyTimeToLiveAsync(state);
        TimeSpan? logTtl = await db.KeyTimeToLiveAsync(log);
        Assert.InRange(stateTtl!.Value, TimeSpan.FromHours(23), TimeSpan.FromDays(1)); // LearnedStateRetention
        Assert.InRange(logTtl!.Value, TimeSpan.FromMilliseconds(150), TimeSpan.FromMilliseconds(306)); // 3 holds

        await Task.Delay(500);
        Assert.False(await db.KeyExistsAsync(log));
        Assert.True(await db.KeyExistsAsync(state));
        SharedPermit after = await store.TryAcquireAsync(budget);
        Assert.True(after.Granted);
        Assert.InRange(after.Limit, 6, 7); // ⌊0.7 × 9⌋, then at most one recovery step: still cut, not the configured 10
    }

    [Fact]
    public void LearnedStateRetention_OutOfRange_IsRejectedNamingTheSetting()
    {
        var options = new MartechRedisOptions { Configuration = "127.0.0.1:6379", LearnedStateRetention = TimeSpan.FromSeconds(5) };

        string problem = Assert.Single(options.Validate());

        Assert.Contains("Martech:Redis:LearnedStateRetention", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_TooManyPauseCapAndCeiling_AreSeenThroughAnotherConnection()
    {
        MartechRedisOptions options = RedisFixture.IsolatedOptions();
        var first = new RedisSharedRateBudgetStore(redis.ConnectTracked(), options);
        var second = new RedisSharedRateBudgetStore(redis.ConnectTracked(), options);
        SharedRateBudget budget = Budget("P:shared", 10, TimeSpan.FromSeconds(10));

        var permits = new List<SharedPermit>();
        for (int i = 0; i < 10; i++)
        {
            permits.Add(await first.TryAcquireAsync(budget));
        }

        await Task.Delay(5);
        await first.ReportAsync(budget, new SharedRateFeedback { GrantedAt = permits[9].GrantedAt, TooManyRequests = true });
        await second.ReportAsync(budget, new SharedRateFeedback { GrantedAt = permits[8].GrantedAt, TooManyRequests = true }); // in flight before the cut
        Assert.Equal(6, (await second.TryAcquireAsync(budget)).Limit); // ⌊0.7 × 9⌋, cut once

        await second.ReportAsync(budget, new SharedRateFeedback { GrantedAt = permits[0].GrantedAt, Ceiling = 4 });
        Assert.Equal(4, (await first.TryAcquireAsync(budget)).Limit);

        SharedRateBudget other = Budget("P:shared2", 10, TimeSpan.FromSeconds(10));
        SharedPermit one = await first.TryAcquireAsync(other);
        await second.ReportAsync(other, new SharedRateFeedback { GrantedAt = one.GrantedAt, Remaining = 1, ResetAfter = TimeSpan.FromSeconds(3) });
        Assert.True((await first.TryAcquireAsync(other)).Granted);
        SharedPermit capped = await first.TryAcquireAsync(other);
        Assert.False(capped.Granted);
        Assert.InRange(capped.RetryAfter, TimeSpan.FromSeconds(2.5), TimeSpan.FromSeconds(3));

        SharedRateBudget third = Budget("P:shared3", 10, TimeSpan.FromSeconds(10));
        SharedPermit granted = await second.TryAcquireAsync(third);
        await first.ReportAsync(third, new SharedRateFeedback { GrantedAt = granted.GrantedAt, PauseFor = TimeSpan.FromSeconds(2) });
        SharedPermit paused = await second.TryAcquireAsync(third);
        Assert.False(paused.Granted);
        Assert.InRange(paused.RetryAfter, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task CallerClock_SkewedHostsShiftThePermitsByTheirSkew_ServerClockIgnoresIt()
    {
        // Documented: with the caller's clock, a host whose clock runs d ahead sees the others' permits leave the
        // window d early; with Redis TIME the hosts' clocks do not matter.
        TimeSpan window = TimeSpan.FromSeconds(2);
        SharedRateBudget budget = Budget("P:skew", 3, window);
        foreach (RedisClock clock in new[] { RedisClock.Caller, RedisClock.Server })
        {
            MartechRedisOptions options = RedisFixture.IsolatedOptions(clock);
            var onTime = new RedisSharedRateBudgetStore(redis.ConnectTracked(), options, new SkewedTimeProvider(TimeSpan.Zero));
            var ahead = new RedisSharedRateBudgetStore(redis.ConnectTracked(), options, new SkewedTimeProvider(budget.Hold + TimeSpan.FromMilliseconds(200)));
            var slightlyAhead = new RedisSharedRateBudgetStore(redis.ConnectTracked(), options, new SkewedTimeProvider(TimeSpan.FromMilliseconds(500)));
            for (int i = 0; i < 3; i++)
            {
                Assert.True((await onTime.TryAcquireAsync(budget)).Granted);
            }

            SharedPermit nearly = await slightlyAhead.TryAcquireAsync(budget);
            SharedPermit far = await ahead.TryAcquireAsync(budget);

            Assert.False(nearly.Granted);
            if (clock == RedisClock.Caller)
            {
                Assert.Equal("caller's clock (each process's TimeProvider; keep the hosts synchronized)", onTime.ClockDescription);
                Assert.InRange(nearly.RetryAfter, budget.Hold - TimeSpan.FromMilliseconds(700), budget.Hold - TimeSpan.FromMilliseconds(400)); // 0.5 s early
                Assert.True(far.Granted); // a whole hold ahead: the others' permits have left its window
            }
            else
            {
                Assert.Equal("Redis TIME (the server's clock; Redis 5 or newer)", onTime.ClockDescription);
                Assert.InRange(nearly.RetryAfter, budget.Hold - TimeSpan.FromMilliseconds(300), budget.Hold);
                Assert.False(far.Granted);
            }
        }
    }

    [Fact]
    public async Task RedisKilled_FailsQuicklyAsUnavailable_AndWorksAgainWhenItIsBack()
    {
        const string Password = "pw-7Hq2xZ9sQ4";
        await using RedisServer server = await RedisServer.StartAsync(Password);
        var connections = new List<ConnectionMultiplexer>();
        try
        {
            ConnectionMultiplexer connection = RedisFixture.Connect(server, connections);
            var store = new RedisSharedRateBudgetStore(connection, RedisFixture.IsolatedOptions());
            SharedRateBudget budget = Budget("P:down", 5, TimeSpan.FromSeconds(1));
            Assert.True((await store.TryAcquireAsync(budget)).Granted);
            Assert.Equal($"Redis 127.0.0.1:{server.Port}", store.Name);
            Assert.DoesNotContain(Password, server.ToString(), StringComparison.Ordinal);
            Assert.Contains(server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), server.ToString(), StringComparison.Ordinal);

            await server.KillAsync();
            var elapsed = Stopwatch.StartNew();
            var unavailable = await Assert.ThrowsAsync<SharedRateBudgetUnavailableException>(() => store.TryAcquireAsync(budget).AsTask());
            elapsed.Stop();

            Assert.StartsWith($"The shared rate-budget store Redis 127.0.0.1:{server.Port} could not be used for budget 'P:down': ", unavailable.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(Password, unavailable.ToString(), StringComparison.Ordinal);
            Assert.True(elapsed.Elapsed < TimeSpan.FromSeconds(2), $"took {elapsed.Elapsed}");
            await Assert.ThrowsAsync<SharedRateBudgetUnavailableException>(() => store.PingAsync().AsTask());

            await server.RestartAsync();
            SharedPermit? again = null;
            for (var wait = Stopwatch.StartNew(); again is null && wait.Elapsed < TimeSpan.FromSeconds(15); await Task.Delay(100))
            {
                try
                {
                    again = await store.TryAcquireAsync(budget);
                }
                catch (SharedRateBudgetUnavailableException)
                {
                    // still reconnecting
                }
            }

            Assert.True(again?.Granted, "no permit within 15 s of Redis coming back");

            // A wrong password: unavailable, and the message shows neither password.
            var wrong = new RedisSharedRateBudgetStore(RedisFixture.Connect(server.ConnectionString.Replace(Password, "wrong-pw-5Kd8", StringComparison.Ordinal), connections), RedisFixture.IsolatedOptions());
            var refused = await Assert.ThrowsAsync<SharedRateBudgetUnavailableException>(() => wrong.TryAcquireAsync(budget).AsTask());
            Assert.DoesNotContain("wrong-pw-5Kd8", refused.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain(Password, refused.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            foreach (ConnectionMultiplexer connection in connections)
            {
                await connection.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Script_AfterAScriptFlush_IsLoadedAgain()
    {
        ConnectionMultiplexer connection = redis.ConnectTracked();
        var store = new RedisSharedRateBudgetStore(connection, RedisFixture.IsolatedOptions());
        SharedRateBudget budget = Budget("P:flush", 5, TimeSpan.FromSeconds(1));
        Assert.True((await store.TryAcquireAsync(budget)).Granted);

        using (ConnectionMultiplexer admin = await ConnectionMultiplexer.ConnectAsync(redis.Server.ConnectionString + ",allowAdmin=true"))
        {
            await admin.GetServer(admin.GetEndPoints()[0]).ScriptFlushAsync();
        }

        Assert.True((await store.TryAcquireAsync(budget)).Granted);
    }

    [Fact]
    public async Task Arguments_BadBudget_IsRefusedNamingTheField()
    {
        var store = new RedisSharedRateBudgetStore(redis.ConnectTracked(), RedisFixture.IsolatedOptions());

        ArgumentException e = await Assert.ThrowsAsync<ArgumentException>(() => store.TryAcquireAsync(new SharedRateBudget("P:x", 0, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), 1)).AsTask());

        Assert.Equal("The shared budget 'P:x' has PermitLimit 0; it must be at least 1. (Parameter 'budget')", e.Message);
        Assert.Equal(
            "Martech:Redis:KeyPrefix must be non-empty text without braces (was 'a{b'), such as \"martech\". (Parameter 'options')",
            Assert.Throws<ArgumentException>(() => new RedisSharedRateBudgetStore(redis.ConnectTracked(), new MartechRedisOptions { KeyPrefix = "a{b" })).Message);
    }
}
