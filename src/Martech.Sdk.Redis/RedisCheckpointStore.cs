using StackExchange.Redis;

namespace Martech.Sdk;

/// <summary>
/// Checkpoints in Redis, shared by every process: each key is a hash of its version and JSON document under
/// <c>{prefix:cp:key}</c>, written and deleted by Lua compare-and-set scripts, so two runs of one job cannot both
/// advance it.
/// </summary>
/// <remarks>A checkpoint expires <see cref="MartechRedisOptions.CheckpointTimeToLive"/> (30 days by default) after its
/// last write, so abandoned jobs do not fill the server; set it to <see langword="null"/> to keep checkpoints until
/// deleted. Run Redis with persistence (AOF or RDB) when a restart of Redis must not lose them.</remarks>
public sealed class RedisCheckpointStore : ICheckpointStore
{
    private static readonly RedisScript Set = new("""
        local v = tonumber(redis.call('HGET', KEYS[1], 'v') or '0')
        if v ~= tonumber(ARGV[1]) then return 0 end
        redis.call('HSET', KEYS[1], 'v', v + 1, 'json', ARGV[2])
        if ARGV[3] ~= '' then redis.call('PEXPIRE', KEYS[1], ARGV[3]) else redis.call('PERSIST', KEYS[1]) end
        return 1
        """);

    private static readonly RedisScript Delete = new("""
        local v = tonumber(redis.call('HGET', KEYS[1], 'v') or '0')
        if v == 0 or v ~= tonumber(ARGV[1]) then return 0 end
        redis.call('DEL', KEYS[1])
        return 1
        """);

    private static readonly RedisValue[] Fields = ["v", "json"];

    private readonly IConnectionMultiplexer _connection;
    private readonly string _prefix;
    private readonly RedisValue _ttl;
    private readonly string _name;

    /// <summary>Creates the store over a connection.</summary>
    /// <param name="connection">The Redis connection, shared with the other stores of this package.</param>
    /// <param name="options">The key prefix and checkpoint expiry; the defaults when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">An option is invalid; the message names it.</exception>
    public RedisCheckpointStore(IConnectionMultiplexer connection, MartechRedisOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        options ??= new MartechRedisOptions();
        MartechRedisOptions.ThrowIfInvalid(options);
        _connection = connection;
        _prefix = options.KeyPrefix;
        _ttl = options.CheckpointTimeToLive is TimeSpan ttl ? (long)Math.Ceiling(ttl.TotalMilliseconds) : string.Empty;
        _name = RedisFailure.Describe(connection);
    }

    /// <summary>The Redis key a checkpoint is stored under.</summary>
    /// <param name="key">The checkpoint key.</param>
    /// <returns>The Redis key.</returns>
    public string KeyOf(string key)
    {
        CheckKey(key);
        return "{" + _prefix + ":cp:" + key + "}";
    }

    /// <inheritdoc/>
    public async Task<CheckpointEntry?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        string redisKey = KeyOf(key);
        RedisValue[] values = await CallAsync(key, () => _connection.GetDatabase().HashGetAsync(redisKey, Fields), cancellationToken).ConfigureAwait(false);
        return values[0].IsNull || values[1].IsNull ? null : new CheckpointEntry(key, (long)values[0], (string)values[1]!);
    }

    /// <inheritdoc/>
    public async Task<bool> TrySetAsync(string key, string json, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(json);
        string redisKey = KeyOf(key);
        if (string.IsNullOrWhiteSpace(json))
        {
            throw new ArgumentException($"The checkpoint document for '{key}' is empty; write JSON text.", nameof(json));
        }

        CheckVersion(key, expectedVersion, 0);
        RedisResult result = await CallAsync(key, () => Set.EvaluateAsync(_connection.GetDatabase(), [redisKey], [expectedVersion, json, _ttl], CancellationToken.None), cancellationToken).ConfigureAwait(false);
        return (long)result == 1;
    }

    /// <inheritdoc/>
    public async Task<bool> TryDeleteAsync(string key, long expectedVersion, CancellationToken cancellationToken = default)
    {
        string redisKey = KeyOf(key);
        CheckVersion(key, expectedVersion, 1);
        RedisResult result = await CallAsync(key, () => Delete.EvaluateAsync(_connection.GetDatabase(), [redisKey], [expectedVersion], CancellationToken.None), cancellationToken).ConfigureAwait(false);
        return (long)result == 1;
    }

    /// <summary>Describes the store.</summary>
    /// <returns>The server.</returns>
    public override string ToString() => $"RedisCheckpointStore({_name})";

    private static void CheckKey(string key)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            throw new ArgumentException("A checkpoint key is null, empty or white space; name the checkpoint.", nameof(key));
        }
    }

    private static void CheckVersion(string key, long expectedVersion, long minimum)
    {
        if (expectedVersion < minimum)
        {
            throw new ArgumentException($"The expected version {expectedVersion} of checkpoint '{key}' is below {minimum}.", nameof(expectedVersion));
        }
    }

    private Task<T> CallAsync<T>(string key, Func<Task<T>> call, CancellationToken cancellationToken) =>
        RedisFailure.CallAsync(call, e => new InvalidOperationException($"The checkpoint store {_name} could not be used for '{key}': {RedisFailure.Reason(e)}", e), cancellationToken);
}
