namespace Martech.Sdk;

/// <summary>
/// Lets processes that share an <see cref="IOAuth2TokenStore"/> refresh a token one at a time (single flight across
/// processes): a token store that can also lock (<c>Martech.Sdk.Redis</c>'s does) implements this, and
/// <see cref="OAuth2Authentication"/> then takes the lock before asking the token endpoint, reads the store again under
/// it (another process may have refreshed already), and releases it after writing the new token. Processes that do not
/// get the lock wait for the new token in the store instead of refreshing too, so a rotating refresh token is used once.
/// </summary>
/// <remarks>The lock is a lease: it expires after its time to live, so a process that dies holding it cannot stop the
/// others for longer than that.</remarks>
public interface IOAuth2TokenRefreshLock
{
    /// <summary>Tries to take the refresh lock of a key.</summary>
    /// <param name="key">The token's store key (<see cref="OAuth2Authentication.TokenStoreKey"/>).</param>
    /// <param name="lease">How long the lock lives unless released first.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The held lock, disposed to release it (releasing only if still this holder's); <see langword="null"/>
    /// when another holder has it.</returns>
    ValueTask<IAsyncDisposable?> TryLockAsync(string key, TimeSpan lease, CancellationToken cancellationToken = default);
}
