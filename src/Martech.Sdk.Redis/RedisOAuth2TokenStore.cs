using System.Security.Cryptography;
using System.Text.Json;
using StackExchange.Redis;

namespace Martech.Sdk;

/// <summary>
/// OAuth2 tokens in Redis, shared by every process using the same token key, with a refresh lock so only one of them
/// asks the token endpoint at a time (a rotated refresh token is then used once).
/// </summary>
/// <remarks>
/// <para>
/// A token is JSON under <c>{prefix:oauth2:key}</c>, expiring <see cref="MartechRedisOptions.TokenExpiryMargin"/>
/// after the access token (or <see cref="MartechRedisOptions.RefreshTokenRetention"/> after it when it carries a
/// refresh token, which outlives the access token). The lock is <c>{prefix:oauth2:key}:lock</c>, taken with
/// <c>SET NX PX</c> and a random holder value, and released by a script that deletes it only if it still holds that
/// value, so a holder whose lease ran out cannot release the next holder's lock.
/// </para>
/// <para>The tokens are secrets: protect the Redis server (password, TLS, network) accordingly.</para>
/// </remarks>
public sealed class RedisOAuth2TokenStore : IOAuth2TokenStore, IOAuth2TokenRefreshLock
{
    private static readonly RedisScript Release = new("""
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
        return 0
        """);

    private readonly IConnectionMultiplexer _connection;
    private readonly TimeProvider _time;
    private readonly string _prefix;
    private readonly TimeSpan _margin;
    private readonly TimeSpan _retention;
    private readonly string _name;

    /// <summary>Creates the store over a connection.</summary>
    /// <param name="connection">The Redis connection, shared with the other stores of this package.</param>
    /// <param name="options">The key prefix and expiry; the defaults when <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock the token expiry is compared with; the system clock when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">An option is invalid; the message names it.</exception>
    public RedisOAuth2TokenStore(IConnectionMultiplexer connection, MartechRedisOptions? options = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        options ??= new MartechRedisOptions();
        MartechRedisOptions.ThrowIfInvalid(options);
        _connection = connection;
        _time = timeProvider ?? TimeProvider.System;
        _prefix = options.KeyPrefix;
        _margin = options.TokenExpiryMargin;
        _retention = options.RefreshTokenRetention;
        _name = RedisFailure.Describe(connection);
    }

    /// <summary>The Redis key a token is stored under.</summary>
    /// <param name="key">The token store key.</param>
    /// <returns>The Redis key; the lock is this key followed by <c>:lock</c>.</returns>
    public string KeyOf(string key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        return "{" + _prefix + ":oauth2:" + key + "}";
    }

    /// <inheritdoc/>
    public async ValueTask<OAuth2Token?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        string redisKey = KeyOf(key);
        RedisValue value = await CallAsync(key, () => _connection.GetDatabase().StringGetAsync(redisKey), cancellationToken).ConfigureAwait(false);
        if (value.IsNullOrEmpty)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize((byte[])value!, RedisJsonContext.Default.OAuth2Token);
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"The OAuth2 token stored in {_name} under '{redisKey}' is not a token this SDK wrote ({e.Message}); remove the key.", e);
        }
    }

    /// <inheritdoc/>
    public async ValueTask SetAsync(string key, OAuth2Token token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        string redisKey = KeyOf(key);
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(token, RedisJsonContext.Default.OAuth2Token);
        TimeSpan keep = token.RefreshToken is null ? _margin : _retention;
        TimeSpan ttl = token.ExpiresAt is DateTimeOffset expiresAt ? expiresAt - _time.GetUtcNow() + keep : keep;
        if (ttl <= TimeSpan.Zero)
        {
            await RemoveAsync(key, cancellationToken).ConfigureAwait(false);
            return;
        }

        await CallAsync(key, () => _connection.GetDatabase().StringSetAsync(redisKey, json, ttl < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : ttl), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask RemoveAsync(string key, CancellationToken cancellationToken = default)
    {
        string redisKey = KeyOf(key);
        await CallAsync(key, () => _connection.GetDatabase().KeyDeleteAsync(redisKey), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask<IAsyncDisposable?> TryLockAsync(string key, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        if (lease <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(lease), lease, "The refresh lock's lease must be positive.");
        }

        string lockKey = KeyOf(key) + ":lock";
        string holder = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        bool taken = await CallAsync(key, () => _connection.GetDatabase().StringSetAsync(lockKey, holder, lease, When.NotExists), cancellationToken).ConfigureAwait(false);
        return taken ? new Held(this, key, lockKey, holder) : null;
    }

    /// <summary>Describes the store.</summary>
    /// <returns>The server.</returns>
    public override string ToString() => $"RedisOAuth2TokenStore({_name})";

    private Task<T> CallAsync<T>(string key, Func<Task<T>> call, CancellationToken cancellationToken) =>
        RedisFailure.CallAsync(call, e => new InvalidOperationException($"The OAuth2 token store {_name} could not be used for '{key}': {RedisFailure.Reason(e)}", e), cancellationToken);

    private sealed class Held(RedisOAuth2TokenStore store, string key, string lockKey, string holder) : IAsyncDisposable
    {
        private int _released;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                try
                {
                    await store.CallAsync(key, () => Release.EvaluateAsync(store._connection.GetDatabase(), [lockKey], [holder], CancellationToken.None), CancellationToken.None).ConfigureAwait(false);
                }
                catch (InvalidOperationException)
                {
                    // Redis cannot be reached: the lock expires with its lease, which is what the lease is for.
                }
            }
        }
    }
}
