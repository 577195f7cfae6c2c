using System.Net.Http.Headers;

namespace Martech.Sdk;

/// <summary>
/// OAuth2 with the client-credentials or refresh-token grant: a bearer access token obtained from the token endpoint,
/// kept in an <see cref="IOAuth2TokenStore"/>, refreshed shortly before it expires and once when the vendor answers 401.
/// </summary>
/// <remarks>
/// <para>Refresh is single-flight: however many requests find the token missing or expiring at once, one token
/// request is made and all of them use its answer. A failed refresh fails every request waiting on it. When the token
/// store is also an <see cref="IOAuth2TokenRefreshLock"/>, refresh is single-flight across every process sharing the
/// store too: the process holding the lock refreshes, the others wait for its token in the store (for at most
/// <see cref="OAuth2Options.RefreshLockLease"/> before taking the lock themselves), so a rotating refresh token is
/// spent once.</para>
/// <para>When the token endpoint refuses the grant or the client (<c>invalid_grant</c>, <c>invalid_client</c>,
/// <c>unauthorized_client</c>, HTTP 400, 401 or 403), requests fail with <see cref="MartechAuthenticationException"/>
/// whose <see cref="MartechAuthenticationException.ReauthorizationRequired"/> is <see langword="true"/>, and a refused
/// refresh token is dropped from memory and from the token store. Server errors and
/// network failures of the token endpoint surface as <see cref="MartechRequestException"/> or the network exception,
/// and a later request tries again.</para>
/// </remarks>
public sealed class OAuth2Authentication : MartechAuthentication
{
    private static readonly string[] AuthorizationHeader = ["Authorization"];

    // Waiting for another process's refresh: the store is polled after 50 ms, then at doubling intervals up to 1 s.
    private static readonly TimeSpan FirstPollDelay = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan MaxPollDelay = TimeSpan.FromSeconds(1);

    // How many leases a refresh waits for other processes' refreshes before it gives up.
    private const int MaxLockRounds = 3;

    private readonly OAuth2Options _options;
    private readonly OAuth2TokenEndpoint _endpoint;
    private readonly IOAuth2TokenStore _store;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();

    // The token in use with its cached header; replaced whole, read without the lock on the hot path.
    private volatile CurrentToken? _current;

    // The refresh in flight, which every caller that needs a token joins.
    private Task<CurrentToken>? _refresh;

    // The access token the vendor last answered 401 to: never taken back from the store.
    private volatile string? _rejectedAccessToken;

    // The newest refresh token seen, kept even while no access token is current (after a 401).
    private volatile string? _refreshToken;

    /// <summary>Creates the scheme. The options are checked and copied here.</summary>
    /// <param name="options">The token endpoint, client and grant.</param>
    /// <param name="httpClient">The client token requests are sent with (not the vendor client, whose handlers would
    /// authenticate the token request itself). It is not disposed by this scheme.</param>
    /// <param name="tokenStore">Where tokens are kept per <see cref="TokenStoreKey"/>; <see langword="null"/> for a
    /// private in-memory store.</param>
    /// <param name="timeProvider">The clock for expiry; <see langword="null"/> for <see cref="TimeProvider.System"/>.</param>
    /// <exception cref="ArgumentException">An option is missing or invalid; the parameter name says which.</exception>
    public OAuth2Authentication(OAuth2Options options, HttpClient httpClient, IOAuth2TokenStore? tokenStore = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(httpClient);
        _options = options.ValidateAndCopy();
        _store = tokenStore ?? new InMemoryOAuth2TokenStore(timeProvider);
        _time = timeProvider ?? TimeProvider.System;
        CredentialId = _options.TokenStoreKey is { } key
            ? CredentialIds.Compute("oauth2", _options.TokenEndpoint!.AbsoluteUri, _options.ClientId, key)
            : CredentialIds.Compute("oauth2", _options.TokenEndpoint!.AbsoluteUri, _options.ClientId, _options.GrantType.ToString(), _options.Scope, _options.RefreshToken);
        TokenStoreKey = _options.TokenStoreKey ?? "oauth2:" + CredentialId;
        _endpoint = new OAuth2TokenEndpoint(_options, httpClient, new MartechRedactor(authentication: this));
    }

    /// <inheritdoc/>
    public override string CredentialId { get; }

    /// <summary>The key this scheme's token is stored under: <see cref="OAuth2Options.TokenStoreKey"/>, or one derived
    /// from the options.</summary>
    public string TokenStoreKey { get; }

    /// <inheritdoc/>
    public override IReadOnlyCollection<string> SecretHeaders => AuthorizationHeader;

    /// <summary>The client secret, the refresh tokens and the current access token.</summary>
    protected internal override IEnumerable<string> SecretValues
    {
        get
        {
            OAuth2Token? token = _current?.Token;
            var values = new List<string>(5);
            AddIfSet(values, _options.ClientSecret);
            AddIfSet(values, _endpoint?.ClientHeaderValue);
            AddIfSet(values, _options.RefreshToken);
            AddIfSet(values, _refreshToken);
            AddIfSet(values, token?.AccessToken);
            return values;
        }
    }

    /// <inheritdoc/>
    public override ValueTask ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        CurrentToken? current = _current;
        if (current is not null && _time.GetUtcNow() < current.RefreshAt)
        {
            request.Headers.Authorization = current.Header;
            return default;
        }

        return ApplySlowAsync(request, cancellationToken);
    }

    /// <summary>Gets the current access token, obtaining or refreshing it first if needed, for example to read
    /// Salesforce's <c>instance_url</c> from <see cref="OAuth2Token.AdditionalProperties"/>.</summary>
    /// <param name="cancellationToken">Stops waiting for a refresh (the refresh itself goes on for other callers).</param>
    /// <returns>The token.</returns>
    /// <exception cref="MartechAuthenticationException">The token endpoint refused the grant or the client.</exception>
    public async ValueTask<OAuth2Token> GetTokenAsync(CancellationToken cancellationToken = default) =>
        (await GetCurrentAsync(cancellationToken).ConfigureAwait(false)).Token;

    /// <summary>
    /// Drops the access token the rejected request carried, unless a newer one has replaced it already, and obtains a
    /// fresh one (one token request however many requests were rejected at once).
    /// </summary>
    /// <param name="request">The request the vendor answered with 401.</param>
    /// <param name="cancellationToken">Stops waiting for the refresh.</param>
    /// <returns><see langword="true"/> when a different token is now current, so the request is worth sending again.</returns>
    /// <exception cref="MartechAuthenticationException">The token endpoint refused the grant or the client.</exception>
    public override async ValueTask<bool> RenewAfterUnauthorizedAsync(HttpRequestMessage request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        string? used = request.Headers.Authorization?.Parameter;
        if (used is not null)
        {
            lock (_gate)
            {
                _rejectedAccessToken = used;

                // Only if still current: a concurrent refresh may have replaced it, and that token is not rejected.
                if (_current is { } current && string.Equals(current.Token.AccessToken, used, StringComparison.Ordinal))
                {
                    _current = null;
                }
            }
        }

        CurrentToken fresh = await GetCurrentAsync(cancellationToken).ConfigureAwait(false);
        return !string.Equals(fresh.Token.AccessToken, used, StringComparison.Ordinal);
    }

    /// <summary>Describes the scheme without its secrets.</summary>
    /// <returns>The grant, the token endpoint and the credential id.</returns>
    public override string ToString() => $"OAuth2 {_endpoint.GrantType} at {MartechRedactor.Default.RedactUrl(_options.TokenEndpoint)} ({CredentialId})";

    private async ValueTask ApplySlowAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        CurrentToken current = await GetCurrentAsync(cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = current.Header;
    }

    private async Task<CurrentToken> GetCurrentAsync(CancellationToken cancellationToken)
    {
        // Twice at most: a refresh already in flight when a 401 arrived may bring back the rejected token from the store.
        for (int round = 0; ; round++)
        {
            Task<CurrentToken> flight;
            TaskCompletionSource<CurrentToken>? owner = null;
            lock (_gate)
            {
                CurrentToken? current = _current;
                if (current is not null && _time.GetUtcNow() < current.RefreshAt && !IsRejected(current.Token))
                {
                    return current;
                }

                if (_refresh is null)
                {
                    owner = new TaskCompletionSource<CurrentToken>(TaskCreationOptions.RunContinuationsAsynchronously);
                    _refresh = owner.Task;
                }

                flight = _refresh;
            }

            if (owner is not null)
            {
                // Not bound to this caller's token: the others waiting on it must not fail because this one gave up.
                _ = RefreshAsync(owner);
            }

            CurrentToken result = await flight.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (round > 0 || !IsRejected(result.Token))
            {
                return result;
            }
        }
    }

    private async Task RefreshAsync(TaskCompletionSource<CurrentToken> owner)
    {
        try
        {
            CurrentToken token = _store is IOAuth2TokenRefreshLock refreshLock
                ? await RefreshUnderLockAsync(refreshLock).ConfigureAwait(false)
                : await StoredOrObtainAsync(CancellationToken.None).ConfigureAwait(false);
            Publish(owner, token);
        }
#pragma warning disable CA1031 // Every failure, whatever its type, goes to the callers waiting on this refresh.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            lock (_gate)
            {
                _refresh = null;
            }

            owner.TrySetException(ex);

            // Observed here, so a failure nobody waited for (all callers cancelled) is not reported as unobserved.
            _ = owner.Task.Exception;
        }
    }

    /// <summary>The store's token when it is usable (another instance or process refreshed already), else a new one
    /// from the token endpoint, written to the store.</summary>
    private async Task<CurrentToken> StoredOrObtainAsync(CancellationToken endpointTimeout)
    {
        DateTimeOffset now = _time.GetUtcNow();
        OAuth2Token? stored = await _store.GetAsync(TokenStoreKey, CancellationToken.None).ConfigureAwait(false);
        if (stored is not null && IsUsable(stored, now))
        {
            return Track(stored, now, obtainedNow: false);
        }

        // The store's first: another process may have rotated it.
        string? refreshToken = NullIfEmpty(stored?.RefreshToken) ?? _refreshToken ?? _options.RefreshToken;
        OAuth2Token token;
        try
        {
            token = await _endpoint.RequestAsync(refreshToken, now, endpointTimeout).ConfigureAwait(false);
        }
        catch (MartechAuthenticationException ex) when (ex.ReauthorizationRequired && _options.GrantType == OAuth2GrantType.RefreshToken && refreshToken is not null)
        {
            await ForgetRefreshTokenAsync(refreshToken).ConfigureAwait(false);
            throw;
        }
        catch (OperationCanceledException ex) when (endpointTimeout.IsCancellationRequested)
        {
            throw new MartechTimeoutException(
                $"The OAuth2 token request to {MartechRedactor.Default.RedactUrl(_options.TokenEndpoint)} timed out after {(_options.RefreshLockLease * 3 / 4).TotalSeconds:0.###} s, three quarters of the refresh lock's lease (OAuth2Options.RefreshLockLease), so the lock cannot expire while the token is being obtained.",
                ex)
            { MayHaveBeenProcessed = true, Operation = "oauth2.token" };
        }

        token = token with
        {
            RefreshToken = token.RefreshToken ?? refreshToken,
            Scope = token.Scope ?? _options.Scope,
        };

        // In memory first: a store that fails to save must not lose a token the endpoint issued (and may have
        // rotated the refresh token for).
        CurrentToken obtained = Track(token, now, obtainedNow: true);
        lock (_gate)
        {
            _current = obtained;
        }

        await _store.SetAsync(TokenStoreKey, token, CancellationToken.None).ConfigureAwait(false);
        return obtained;
    }

    /// <summary>
    /// Single flight across processes sharing the store: the refresh lock's holder reads the store again under it and
    /// asks the token endpoint only when it still holds no usable token, writing the new one before releasing the lock.
    /// A process that finds the lock held waits for the holder's token in the store (polling at a growing interval) and
    /// takes the lock itself when the lease runs out without one, as it does when the holder died.
    /// </summary>
    private async Task<CurrentToken> RefreshUnderLockAsync(IOAuth2TokenRefreshLock refreshLock)
    {
        TimeSpan lease = _options.RefreshLockLease;
        for (int round = 0; ; round++)
        {
            DateTimeOffset now = _time.GetUtcNow();
            OAuth2Token? stored = await _store.GetAsync(TokenStoreKey, CancellationToken.None).ConfigureAwait(false);
            if (stored is not null && IsUsable(stored, now))
            {
                return Track(stored, now, obtainedNow: false);
            }

            IAsyncDisposable? held = await refreshLock.TryLockAsync(TokenStoreKey, lease, CancellationToken.None).ConfigureAwait(false);
            if (held is not null)
            {
                await using (held.ConfigureAwait(false))
                {
                    // The token request must end before the lease does, or a second process could refresh meanwhile.
                    using var timeout = new CancellationTokenSource(lease * 3 / 4, _time);
                    return await StoredOrObtainAsync(timeout.Token).ConfigureAwait(false);
                }
            }

            if (round >= MaxLockRounds)
            {
                throw new MartechTimeoutException(
                    $"No OAuth2 token after waiting {MaxLockRounds} refresh-lock leases of {lease.TotalSeconds:0.###} s for other processes sharing the token store to refresh it; the refresh lock stayed held and no usable token was written under '{TokenStoreKey}'.")
                { MayHaveBeenProcessed = false, Operation = "oauth2.token" };
            }

            if (await WaitForStoredTokenAsync(lease).ConfigureAwait(false) is { } fresh)
            {
                return fresh;
            }
        }
    }

    /// <summary>Polls the store for a usable token (the lock holder's) for at most one lease.</summary>
    private async Task<CurrentToken?> WaitForStoredTokenAsync(TimeSpan lease)
    {
        long start = _time.GetTimestamp();
        TimeSpan delay = FirstPollDelay;
        while (true)
        {
            TimeSpan left = lease - _time.GetElapsedTime(start);
            if (left <= TimeSpan.Zero)
            {
                return null;
            }

            await Task.Delay(delay < left ? delay : left, _time).ConfigureAwait(false);
            DateTimeOffset now = _time.GetUtcNow();
            OAuth2Token? stored = await _store.GetAsync(TokenStoreKey, CancellationToken.None).ConfigureAwait(false);
            if (stored is not null && IsUsable(stored, now))
            {
                return Track(stored, now, obtainedNow: false);
            }

            delay = delay * 2 < MaxPollDelay ? delay * 2 : MaxPollDelay;
        }
    }

    /// <summary>
    /// Drops a refresh token the endpoint refused, from memory and from the store, so the next attempt falls back to
    /// <see cref="OAuth2Options.RefreshToken"/> (a re-authorised one, once the user has configured it) instead of
    /// spending the refused one forever.
    /// </summary>
    private async Task ForgetRefreshTokenAsync(string refused)
    {
        Interlocked.CompareExchange(ref _refreshToken, null, refused);
        try
        {
            OAuth2Token? stored = await _store.GetAsync(TokenStoreKey, CancellationToken.None).ConfigureAwait(false);
            if (string.Equals(stored?.RefreshToken, refused, StringComparison.Ordinal))
            {
                await _store.RemoveAsync(TokenStoreKey, CancellationToken.None).ConfigureAwait(false);
            }
        }
#pragma warning disable CA1031 // The refusal is what the caller must see; a store failure here would hide it.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private void Publish(TaskCompletionSource<CurrentToken> owner, CurrentToken token)
    {
        lock (_gate)
        {
            _current = token;
            _refresh = null;
        }

        owner.TrySetResult(token);
    }

    private bool IsUsable(OAuth2Token token, DateTimeOffset now) =>
        !string.IsNullOrEmpty(token.AccessToken)
        && !IsRejected(token)
        && (token.ExpiresAt is not { } expiresAt || expiresAt - now > _options.RefreshBefore);

    private bool IsRejected(OAuth2Token token) => string.Equals(token.AccessToken, _rejectedAccessToken, StringComparison.Ordinal);

    private CurrentToken Track(OAuth2Token token, DateTimeOffset now, bool obtainedNow)
    {
        DateTimeOffset refreshAt = DateTimeOffset.MaxValue;
        if (token.ExpiresAt is { } expiresAt)
        {
            TimeSpan margin = _options.RefreshBefore;
            if (obtainedNow)
            {
                // A token that lives less than twice the margin is refreshed halfway, not at once on every request.
                TimeSpan half = expiresAt > now ? (expiresAt - now) / 2 : TimeSpan.Zero;
                margin = half < margin ? half : margin;
            }

            refreshAt = expiresAt - margin;
        }

        if (!string.IsNullOrEmpty(token.RefreshToken))
        {
            _refreshToken = token.RefreshToken;
        }

        string scheme = string.Equals(token.TokenType, "Bearer", StringComparison.OrdinalIgnoreCase) || string.IsNullOrWhiteSpace(token.TokenType)
            ? "Bearer"
            : token.TokenType;
        return new CurrentToken(token, new AuthenticationHeaderValue(scheme, token.AccessToken), refreshAt);
    }

    private static void AddIfSet(List<string> values, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            values.Add(value);
        }
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    /// <summary>A token with its header value, created once, and the moment it is due for refresh.</summary>
    private sealed record CurrentToken(OAuth2Token Token, AuthenticationHeaderValue Header, DateTimeOffset RefreshAt);
}
