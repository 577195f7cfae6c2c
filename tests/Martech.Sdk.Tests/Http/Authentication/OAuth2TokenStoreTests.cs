using Martech.Sdk.Testing;
using static Martech.Sdk.Tests.Http.OAuth2TestOptions;

namespace Martech.Sdk.Tests.Http;

public sealed class OAuth2TokenStoreTests : IDisposable
{
    private readonly TokenEndpointStub _endpoint = new();
    private readonly ManualTimeProvider _time = new();
    private readonly InMemoryOAuth2TokenStore _store = new();

    public void Dispose() => _endpoint.Dispose();

    [Fact]
    public async Task TwoInstancesWithOneStore_ShareTheToken()
    {
        var first = new OAuth2Authentication(RefreshTokenGrant(), _endpoint.Client, _store, _time);
        var second = new OAuth2Authentication(RefreshTokenGrant(), _endpoint.Client, _store, _time);
        using HttpRequestMessage a = VendorRequest();
        using HttpRequestMessage b = VendorRequest();

        await first.ApplyAsync(a);
        await second.ApplyAsync(b);

        Assert.Equal(1, _endpoint.RequestCount);
        Assert.Equal("Bearer at-1", b.Headers.Authorization!.ToString());
    }

    [Fact]
    public async Task TwoInstancesWithOneStore_OneRefreshes_TheOtherTakesTheNewTokenFromTheStore()
    {
        var first = new OAuth2Authentication(RefreshTokenGrant(), _endpoint.Client, _store, _time);
        var second = new OAuth2Authentication(RefreshTokenGrant(), _endpoint.Client, _store, _time);
        await first.ApplyAsync(VendorRequest());
        await second.ApplyAsync(VendorRequest());

        _time.Advance(TimeSpan.FromHours(1));
        await first.ApplyAsync(VendorRequest());
        using HttpRequestMessage request = VendorRequest();
        await second.ApplyAsync(request);

        Assert.Equal(2, _endpoint.RequestCount);
        Assert.Equal("Bearer at-2", request.Headers.Authorization!.ToString());
    }

    [Fact]
    public async Task StoredUnexpiredToken_IsUsedWithoutTokenRequest()
    {
        var auth = new OAuth2Authentication(RefreshTokenGrant(), _endpoint.Client, _store, _time);
        await _store.SetAsync(auth.TokenStoreKey, new OAuth2Token
        {
            AccessToken = "at-from-database",
            ExpiresAt = _time.GetUtcNow().AddMinutes(30),
            RefreshToken = "rt-from-database",
        });
        using HttpRequestMessage request = VendorRequest();

        await auth.ApplyAsync(request);

        Assert.Equal(0, _endpoint.RequestCount);
        Assert.Equal("Bearer at-from-database", request.Headers.Authorization!.ToString());
    }

    [Fact]
    public async Task StoredExpiredToken_IsRefreshedWithTheStoredRefreshToken()
    {
        var auth = new OAuth2Authentication(RefreshTokenGrant(), _endpoint.Client, _store, _time);
        await _store.SetAsync(auth.TokenStoreKey, new OAuth2Token
        {
            AccessToken = "at-stale",
            ExpiresAt = _time.GetUtcNow().AddSeconds(30),
            RefreshToken = "rt-rotated-in-database",
        });

        await auth.ApplyAsync(VendorRequest());

        Assert.Equal(
            "grant_type=refresh_token&refresh_token=rt-rotated-in-database&client_id=client-1&client_secret=s3cr3t-client-value",
            Assert.Single(_endpoint.Requests).Body);
    }

    [Fact]
    public async Task RefusedStoredRefreshToken_IsRemoved_AndTheConfiguredOneIsUsedNext()
    {
        var auth = new OAuth2Authentication(RefreshTokenGrant(), _endpoint.Client, _store, _time);
        await _store.SetAsync(auth.TokenStoreKey, new OAuth2Token
        {
            AccessToken = "at-stale",
            ExpiresAt = _time.GetUtcNow().AddMinutes(-5),
            RefreshToken = "rt-revoked-in-database",
        });
        _endpoint.EnqueueJson(System.Net.HttpStatusCode.BadRequest, """{"error":"invalid_grant"}""");

        var ex = await Assert.ThrowsAsync<MartechAuthenticationException>(() => auth.ApplyAsync(VendorRequest()).AsTask());
        OAuth2Token? afterRefusal = await _store.GetAsync(auth.TokenStoreKey);
        await auth.ApplyAsync(VendorRequest());

        Assert.True(ex.ReauthorizationRequired);
        Assert.Null(afterRefusal);
        Assert.Equal(
            ["refresh_token=rt-revoked-in-database", "refresh_token=" + RefreshToken],
            _endpoint.Requests.Select(r => r.Body.Split('&')[1]));
    }

    [Fact]
    public async Task ObtainedToken_IsSavedUnderTheKeyWithExpiryAndRefreshToken()
    {
        OAuth2Options options = RefreshTokenGrant();
        options.TokenStoreKey = "tenant-42";
        var auth = new OAuth2Authentication(options, _endpoint.Client, _store, _time);
        _endpoint.EnqueueToken("at-saved", expiresIn: 1800, refreshToken: null);

        await auth.ApplyAsync(VendorRequest());

        OAuth2Token? saved = await _store.GetAsync("tenant-42");
        Assert.NotNull(saved);
        Assert.Equal("at-saved", saved.AccessToken);
        Assert.Equal(_time.GetUtcNow().AddSeconds(1800), saved.ExpiresAt);
        Assert.Equal(RefreshToken, saved.RefreshToken);
    }

    [Fact]
    public async Task DifferentKeys_KeepSeparateTokens()
    {
        OAuth2Options tenantA = RefreshTokenGrant();
        tenantA.TokenStoreKey = "tenant-a";
        OAuth2Options tenantB = RefreshTokenGrant();
        tenantB.TokenStoreKey = "tenant-b";
        var a = new OAuth2Authentication(tenantA, _endpoint.Client, _store, _time);
        var b = new OAuth2Authentication(tenantB, _endpoint.Client, _store, _time);

        await a.ApplyAsync(VendorRequest());
        await b.ApplyAsync(VendorRequest());

        Assert.Equal(2, _endpoint.RequestCount);
        Assert.Equal("at-1", (await _store.GetAsync("tenant-a"))!.AccessToken);
        Assert.Equal("at-2", (await _store.GetAsync("tenant-b"))!.AccessToken);
    }

    [Fact]
    public async Task RejectedToken_IsNotTakenBackFromTheStore()
    {
        var first = new OAuth2Authentication(ClientCredentials(), _endpoint.Client, _store, _time);
        using HttpRequestMessage rejected = VendorRequest();
        await first.ApplyAsync(rejected);

        Assert.True(await first.RenewAfterUnauthorizedAsync(rejected));

        Assert.Equal(2, _endpoint.RequestCount);
        Assert.Equal("at-2", (await _store.GetAsync(first.TokenStoreKey))!.AccessToken);
    }

    [Fact]
    public async Task InMemoryStore_SetGetRemove_ByKey()
    {
        var token = new OAuth2Token { AccessToken = "at-x" };

        await _store.SetAsync("k1", token);

        Assert.Same(token, await _store.GetAsync("k1"));
        Assert.Null(await _store.GetAsync("k2"));
        await _store.RemoveAsync("k1");
        Assert.Null(await _store.GetAsync("k1"));
        await _store.RemoveAsync("k1");
    }

    [Fact]
    public async Task InMemoryStore_InvalidArguments_Throw()
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => _store.GetAsync(" ").AsTask());
        await Assert.ThrowsAnyAsync<ArgumentException>(() => _store.SetAsync(null!, new OAuth2Token { AccessToken = "a" }).AsTask());
        await Assert.ThrowsAsync<ArgumentNullException>(() => _store.SetAsync("k", null!).AsTask());
        await Assert.ThrowsAnyAsync<ArgumentException>(() => _store.RemoveAsync("").AsTask());
    }

    [Fact]
    public async Task InMemoryStore_ConcurrentWriters_LastWriteWinsPerKey()
    {
        await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() =>
            _store.SetAsync($"k{i % 4}", new OAuth2Token { AccessToken = $"at-{i}" }).AsTask())));

        for (int k = 0; k < 4; k++)
        {
            OAuth2Token? token = await _store.GetAsync($"k{k}");
            Assert.NotNull(token);
            Assert.Equal(k, int.Parse(token.AccessToken[3..], System.Globalization.CultureInfo.InvariantCulture) % 4);
        }
    }
}
