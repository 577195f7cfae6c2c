namespace Martech.Sdk;

/// <summary>
/// Persists OAuth2 tokens per connection or tenant, so a token (and a rotated refresh token) survives restarts and is
/// shared by every instance and process that uses the same key. Implementations must be thread-safe.
/// </summary>
/// <remarks>
/// <see cref="OAuth2Authentication"/> reads the store when it has no usable token, before it asks the token endpoint,
/// and writes every token it obtains. The default store is an <see cref="InMemoryOAuth2TokenStore"/> of its own.
/// </remarks>
public interface IOAuth2TokenStore
{
    /// <summary>Gets the token stored under a key.</summary>
    /// <param name="key">The connection or tenant key (<see cref="OAuth2Authentication.TokenStoreKey"/>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The token, or <see langword="null"/> when none is stored.</returns>
    ValueTask<OAuth2Token?> GetAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Stores a token under a key, replacing any token stored there.</summary>
    /// <param name="key">The connection or tenant key.</param>
    /// <param name="token">The token.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the token is stored.</returns>
    ValueTask SetAsync(string key, OAuth2Token token, CancellationToken cancellationToken = default);

    /// <summary>Removes the token stored under a key, if any.</summary>
    /// <param name="key">The connection or tenant key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the token is removed.</returns>
    ValueTask RemoveAsync(string key, CancellationToken cancellationToken = default);
}
