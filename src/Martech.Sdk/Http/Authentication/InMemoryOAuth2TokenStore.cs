using System.Collections.Concurrent;

namespace Martech.Sdk;

/// <summary>A thread-safe <see cref="IOAuth2TokenStore"/> in process memory: tokens are shared by every
/// <see cref="OAuth2Authentication"/> given this store, and lost when the process ends.</summary>
public sealed class InMemoryOAuth2TokenStore : IOAuth2TokenStore
{
    private readonly ConcurrentDictionary<string, OAuth2Token> _tokens = new(StringComparer.Ordinal);

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
}
