using System.Collections.Concurrent;

namespace Martech.Sdk;

/// <summary>A thread-safe <see cref="IOAuth2TokenStore"/> in process memory: tokens are shared by every
/// <see cref="OAuth2Authentication"/> given this store, and lost when the process ends. It is also an
/// <see cref="IOAuth2TokenRefreshLock"/> whose leases expire on its <see cref="TimeProvider"/>, so several
/// <see cref="OAuth2Authentication"/>s sharing it refresh a token one at a time, as processes sharing a distributed
/// store do.</summary>
public sealed class InMemoryOAuth2TokenStore : IOAuth2TokenStore, IOAuth2TokenRefreshLock
{
    private readonly ConcurrentDictionary<string, OAuth2Token> _tokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Lease> _locks = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;

    /// <summary>Creates an empty store on the system clock.</summary>
    public InMemoryOAuth2TokenStore()
        : this(null)
    {
    }

    /// <summary>Creates an empty store.</summary>
    /// <param name="timeProvider">The clock refresh-lock leases expire on; <see langword="null"/> for
    /// <see cref="TimeProvider.System"/>.</param>
    public InMemoryOAuth2TokenStore(TimeProvider? timeProvider)
    {
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc/>
    public ValueTask<OAuth2Token?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_tokens.TryGetValue(key, out OAuth2Token? token) ? token : null);
    }

    /// <inheritdoc/>
    public ValueTask SetAsync(string key, OAuth2Token token, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentNullException.ThrowIfNull(token);
        cancellationToken.ThrowIfCancellationRequested();
        _tokens[key] = token;
        return default;
    }

    /// <inheritdoc/>
    public ValueTask RemoveAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        cancellationToken.ThrowIfCancellationRequested();
        _tokens.TryRemove(key, out _);
        return default;
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lease"/> is not positive.</exception>
    public ValueTask<IAsyncDisposable?> TryLockAsync(string key, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        cancellationToken.ThrowIfCancellationRequested();
        long now = _time.GetTimestamp();
        lock (_gate)
        {
            if (_locks.TryGetValue(key, out Lease? held) && _time.GetElapsedTime(now, held.ExpiresAt) > TimeSpan.Zero)
            {
                return ValueTask.FromResult<IAsyncDisposable?>(null);
            }

            var taken = new Lease(this, key, now + (long)(lease.TotalSeconds * _time.TimestampFrequency));
            _locks[key] = taken;
            return ValueTask.FromResult<IAsyncDisposable?>(taken);
        }
    }

    private void Release(Lease lease)
    {
        lock (_gate)
        {
            // Only this holder's: after its lease expired another may hold the key.
            if (_locks.TryGetValue(lease.Key, out Lease? held) && ReferenceEquals(held, lease))
            {
                _locks.Remove(lease.Key);
            }
        }
    }

    /// <summary>One holder's lock of a key, until <see cref="ExpiresAt"/> (a timestamp) unless released first.</summary>
    private sealed class Lease(InMemoryOAuth2TokenStore store, string key, long expiresAt) : IAsyncDisposable
    {
        public string Key { get; } = key;

        public long ExpiresAt { get; } = expiresAt;

        public ValueTask DisposeAsync()
        {
            store.Release(this);
            return default;
        }

        public override string ToString() => $"OAuth2 refresh lock of '{Key}'";
    }
}
