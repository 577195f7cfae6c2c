using BenchmarkDotNet.Attributes;
using Martech.Sdk.Testing;
using StackExchange.Redis;

namespace Martech.Sdk.Benchmarks;

/// <summary>
/// One rate-budget permit: through the Redis store (one Lua script, <c>EVALSHA</c>, on a redis-server on loopback that
/// the benchmark starts itself) with either clock, against the in-process budget (the baseline). The limit is far above
/// what the loop reaches, so no call waits: this is the cost of asking.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class RedisPermitBenchmarks : IDisposable
{
    private static readonly SharedRateBudget Budget = new("Bench:0a1b2c3d4e5f", 100_000_000, TimeSpan.FromSeconds(1), MartechRateBudget.HoldFor(TimeSpan.FromSeconds(1)), 5_000_000);

    private RedisServer _server = null!;
    private ConnectionMultiplexer _connection = null!;
    private RedisSharedRateBudgetStore _serverClock = null!;
    private RedisSharedRateBudgetStore _callerClock = null!;
    private MartechRateBudget _local = null!;

    [GlobalSetup]
    public void Setup()
    {
        _server = RedisServer.StartAsync().GetAwaiter().GetResult();
        var options = new MartechRedisOptions { Configuration = _server.ConnectionString };
        _connection = ConnectionMultiplexer.Connect(options.ToConfigurationOptions());
        _serverClock = new RedisSharedRateBudgetStore(_connection, new MartechRedisOptions { KeyPrefix = "bench-server" });
        _callerClock = new RedisSharedRateBudgetStore(_connection, new MartechRedisOptions { KeyPrefix = "bench-caller", Clock = RedisClock.Caller });
        _local = new MartechRateBudget(Budget.Key, new MartechRateLimitOptions { PermitLimit = Budget.PermitLimit, Window = Budget.Window }, TimeProvider.System);

        // Load the script and check every path grants before measuring.
        if (!_serverClock.TryAcquireAsync(Budget).AsTask().GetAwaiter().GetResult().Granted
            || !_callerClock.TryAcquireAsync(Budget).AsTask().GetAwaiter().GetResult().Granted)
        {
            throw new InvalidOperationException("The Redis budget refused a permit below its limit.");
        }
    }

    [Benchmark(Baseline = true, Description = "In-process budget")]
    public ValueTask<TimeSpan> InProcess() => _local.AcquireAsync(CancellationToken.None);

    [Benchmark(Description = "Redis, server clock (TIME)")]
    public async Task<long> RedisServerClock() => Granted(await _serverClock.TryAcquireAsync(Budget));

    [Benchmark(Description = "Redis, caller clock")]
    public async Task<long> RedisCallerClock() => Granted(await _callerClock.TryAcquireAsync(Budget));

    [GlobalCleanup]
    public void Dispose()
    {
        _local?.Dispose();
        _connection?.Dispose();
        _server?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        GC.SuppressFinalize(this);
    }

    private static long Granted(SharedPermit permit) =>
        permit.Granted ? permit.GrantedAt : throw new InvalidOperationException($"The Redis budget refused a permit (limit {permit.Limit}).");
}
