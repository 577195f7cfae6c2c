using Martech.Sdk.Testing;
using StackExchange.Redis;

namespace Martech.Sdk.IntegrationTests.Redis;

/// <summary>One real redis-server per test class, and connections to it (each its own multiplexer, as separate
/// processes would have).</summary>
public sealed class RedisFixture : IAsyncLifetime
{
    private readonly List<ConnectionMultiplexer> _connections = [];

    public RedisServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await RedisServer.StartAsync();

    /// <summary>A new connection, with the options AddMartechRedis uses.</summary>
    public ConnectionMultiplexer Connect() => Connect(Server);

    public static ConnectionMultiplexer Connect(RedisServer server, List<ConnectionMultiplexer>? track = null) =>
        Connect(server.ConnectionString, track);

    public static ConnectionMultiplexer Connect(string configuration, List<ConnectionMultiplexer>? track = null)
    {
        var options = new MartechRedisOptions { Configuration = configuration };
        ConnectionMultiplexer connection = ConnectionMultiplexer.Connect(options.ToConfigurationOptions());
        track?.Add(connection);
        return connection;
    }

    public ConnectionMultiplexer ConnectTracked()
    {
        lock (_connections)
        {
            return Connect(Server, _connections);
        }
    }

    /// <summary>Options with a key prefix of their own, so tests sharing the server never share keys.</summary>
    public static MartechRedisOptions IsolatedOptions(RedisClock clock = RedisClock.Server) =>
        new() { KeyPrefix = "t" + Guid.NewGuid().ToString("N")[..12], Clock = clock };

    public async Task DisposeAsync()
    {
        foreach (ConnectionMultiplexer connection in _connections)
        {
            await connection.DisposeAsync();
        }

        await Server.DisposeAsync();
    }
}

/// <summary>A clock that runs a fixed offset from the system clock, as a host with a skewed clock would.</summary>
internal sealed class SkewedTimeProvider(TimeSpan offset) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;
}
