using System.Net;
using Martech.Sdk.Testing;
using static Martech.Sdk.Tests.Http.OAuth2TestOptions;

namespace Martech.Sdk.Tests.Http;

public sealed class OAuth2AuthenticationTests : IDisposable
{
    private readonly TokenEndpointStub _endpoint = new();
    private readonly ManualTimeProvider _time = new();

    public void Dispose() => _endpoint.Dispose();

    [Fact]
    public async Task ApplyAsync_ClientCredentials_PostsExactFormAndSetsBearer()
    {
        OAuth2Options options = ClientCredentials();
        options.Scope = "crm.objects.contacts.read crm.objects.contacts.write";
        var auth = new OAuth2Authentication(options, _endpoint.Client, timeProvider: _time);
        using HttpRequestMessage request = VendorRequest();

        await auth.ApplyAsync(request);

        RecordedTokenRequest token = Assert.Single(_endpoint.Requests);
        Assert.Equal(
            "grant_type=client_credentials&client_id=client-1&client_secret=s3cr3t-client-value&scope=crm.objects.contacts.read+crm.objects.contacts.write",
            token.Body);
        Assert.Equal("application/x-www-form-urlencoded", token.ContentType);
        Assert.Equal("application/json", token.Accept);
        Assert.Null(token.Authorization);
        Assert.Equal("Bearer at-1", request.Headers.Authorization!.ToString());
    }

    [Fact]
    public async Task ApplyAsync_ClientCredentialsWithBasicHeader_SendsCredentialsInHeaderOnly()
    {
        OAuth2Options options = ClientCredentials();
        options.ClientAuthentication = OAuth2ClientAuthentication.BasicHeader;
        var auth = new OAuth2Authentication(options, _endpoint.Client, timeProvider: _time);
        using HttpRequestMessage request = VendorRequest();

        await auth.ApplyAsync(request);

        RecordedTokenRequest token = Assert.Single(_endpoint.Requests);
        Assert.Equal("grant_type=client_credentials", token.Body);
        Assert.Equal("Basic Y2xpZW50LTE6czNjcjN0LWNsaWVudC12YWx1ZQ==", token.Authorization);
        Assert.Contains("Y2xpZW50LTE6czNjcjN0LWNsaWVudC12YWx1ZQ==", auth.SecretValues);
    }

    [Fact]
    public async Task ApplyAsync_RefreshTokenGrant_PostsExactFormWithExtraParameters()
    {
        OAuth2Options options = RefreshTokenGrant();
        options.AdditionalParameters = new Dictionary<string, string> { ["audience"] = "https://api.example.com" };
        var auth = new OAuth2Authentication(options, _endpoint.Client, timeProvider: _time);
        using HttpRequestMessage request = VendorRequest();

        await auth.ApplyAsync(request);

        Assert.Equal(
            "grant_type=refresh_token&refresh_token=rt-initial-0001&client_id=client-1&client_secret=s3cr3t-client-value&audience=https%3A%2F%2Fapi.example.com",
            Assert.Single(_endpoint.Requests).Body);
        Assert.Equal("Bearer at-1", request.Headers.Authorization!.ToString());
    }

    [Fact]
    public async Task ApplyAsync_RefreshResponseWithoutRefreshToken_KeepsThePreviousOne()
    {
        var auth = new OAuth2Authentication(RefreshTokenGrant(), _endpoint.Client, timeProvider: _time);
        _endpoint.EnqueueToken("at-a", expiresIn: 3600, refreshToken: "rt-rotated-0002");
        _endpoint.EnqueueToken("at-b", expiresIn: 3600, refreshToken: null);
        _endpoint.EnqueueToken("at-c", expiresIn: 3600, refreshToken: null);

        await auth.ApplyAsync(VendorRequest());
        _time.Advance(TimeSpan.FromHours(1));
        await auth.ApplyAsync(VendorRequest());
        _time.Advance(TimeSpan.FromHours(1));
        OAuth2Token token = await auth.GetTokenAsync();

        Assert.Equal("at-c", token.AccessToken);
        Assert.Equal("rt-rotated-0002", token.RefreshToken);
        Assert.Equal(
            ["refresh_token=rt-initial-0001", "refresh_token=rt-rotated-0002", "refresh_token=rt-rotated-0002"],
            _endpoint.Requests.Select(r => r.Body.Split('&')[1]));
    }

    [Fact]
    public async Task ApplyAsync_ValidToken_IsReusedWithoutTokenRequest()
    {
        var auth = new OAuth2Authentication(ClientCredentials(), _endpoint.Client, timeProvider: _time);
        using HttpRequestMessage first = VendorRequest();
        using HttpRequestMessage second = VendorRequest();

        await auth.ApplyAsync(first);
        _time.Advance(TimeSpan.FromMinutes(30));
        await auth.ApplyAsync(second);

        Assert.Equal(1, _endpoint.RequestCount);
        Assert.Same(first.Headers.Authorization, second.Headers.Authorization);
    }

    [Fact]
    public async Task ApplyAsync_TokenExpiringWithinRefreshBefore_RefreshesProactively()
    {
        var auth = new OAuth2Authentication(ClientCredentials(), _endpoint.Client, timeProvider: _time);
        await auth.ApplyAsync(VendorRequest());

        _time.Advance(TimeSpan.FromSeconds(3600 - 60 - 1));
        using HttpRequestMessage stillValid = VendorRequest();
        await auth.ApplyAsync(stillValid);
        Assert.Equal(1, _endpoint.RequestCount);
        Assert.Equal("Bearer at-1", stillValid.Headers.Authorization!.ToString());

        _time.Advance(TimeSpan.FromSeconds(2));
        using HttpRequestMessage refreshed = VendorRequest();
        await auth.ApplyAsync(refreshed);
        Assert.Equal(2, _endpoint.RequestCount);
        Assert.Equal("Bearer at-2", refreshed.Headers.Authorization!.ToString());
    }

    [Fact]
    public async Task ApplyAsync_CustomRefreshBefore_IsHonoured()
    {
        OAuth2Options options = ClientCredentials();
        options.RefreshBefore = TimeSpan.FromMinutes(10);
        var auth = new OAuth2Authentication(options, _endpoint.Client, timeProvider: _time);
        await auth.ApplyAsync(VendorRequest());

        _time.Advance(TimeSpan.FromMinutes(49));
        await auth.ApplyAsync(VendorRequest());
        Assert.Equal(1, _endpoint.RequestCount);

        _time.Advance(TimeSpan.FromMinutes(2));
        await auth.ApplyAsync(VendorRequest());
        Assert.Equal(2, _endpoint.RequestCount);
    }

    [Fact]
    public async Task ApplyAsync_TokenShorterThanTwiceTheMargin_RefreshesHalfwayNotOnEveryCall()
    {
        _endpoint.ExpiresIn = 60;
        var auth = new OAuth2Authentication(ClientCredentials(), _endpoint.Client, timeProvider: _time);
        await auth.ApplyAsync(VendorRequest());
        await auth.ApplyAsync(VendorRequest());

        _time.Advance(TimeSpan.FromSeconds(29));
        await auth.ApplyAsync(VendorRequest());
        Assert.Equal(1, _endpoint.RequestCount);

        _time.Advance(TimeSpan.FromSeconds(2));
        await auth.ApplyAsync(VendorRequest());
        Assert.Equal(2, _endpoint.RequestCount);
    }

    [Fact]
    public async Task ApplyAsync_TokenWithoutExpiry_IsUsedUntilRejected()
    {
        _endpoint.ExpiresIn = null;
        var auth = new OAuth2Authentication(ClientCredentials(), _endpoint.Client, timeProvider: _time);
        await auth.ApplyAsync(VendorRequest());

        _time.Advance(TimeSpan.FromDays(30));
        using HttpRequestMessage request = VendorRequest();
        await auth.ApplyAsync(request);

        Assert.Equal(1, _endpoint.RequestCount);
        Assert.Null((await auth.GetTokenAsync()).ExpiresAt);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ApplyAsync_100ConcurrentCallersWithExpiredOrMissingToken_MakeExactlyOneTokenRequest(bool hadToken)
    {
        var auth = new OAuth2Authentication(ClientCredentials(), _endpoint.Client, timeProvider: _time);
        if (hadToken)
        {
            await auth.ApplyAsync(VendorRequest());
            _time.Advance(TimeSpan.FromHours(2));
        }

        int before = _endpoint.RequestCount;
        _endpoint.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var allCalled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int called = 0;
        HttpRequestMessage[] requests = [.. Enumerable.Range(0, 100).Select(_ => VendorRequest())];
        Task[] calls = [.. requests.Select(request => Task.Run(async () =>
        {
            await start.Task;
            ValueTask apply = auth.ApplyAsync(request);
            if (Interlocked.Increment(ref called) == requests.Length)
            {
                allCalled.SetResult();
            }

            await apply;
        }))];

        start.SetResult();
        await allCalled.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // The endpoint is holding its answer, so every caller is waiting at once.
        Assert.DoesNotContain(calls, c => c.IsCompleted);
        _endpoint.Hold.SetResult();
        await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(before + 1, _endpoint.RequestCount);
        string expected = $"Bearer at-{before + 1}";
        Assert.All(requests, r => Assert.Equal(expected, r.Headers.Authorization!.ToString()));
    }

    [Fact]
    public async Task ApplyAsync_CallerCancelsWhileRefreshing_OthersStillGetTheToken()
    {
        var auth = new OAuth2Authentication(ClientCredentials(), _endpoint.Client, timeProvider: _time);
        _endpoint.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var cancel = new CancellationTokenSource();
        using HttpRequestMessage cancelled = VendorRequest();
        using HttpRequestMessage patient = VendorRequest();

        Task first = auth.ApplyAsync(cancelled, cancel.Token).AsTask();
        Task second = auth.ApplyAsync(patient).AsTask();
        await _endpoint.FirstRequest.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        _endpoint.Hold.SetResult();
        await second;

        Assert.Equal(1, _endpoint.RequestCount);
        Assert.Equal("Bearer at-1", patient.Headers.Authorization!.ToString());
    }

    [Fact]
    public async Task RenewAfterUnauthorizedAsync_CurrentToken_RefreshesOnceAndReturnsTrue()
    {
        var auth = new OAuth2Authentication(ClientCredentials(), _endpoint.Client, timeProvider: _time);
        using HttpRequestMessage rejected = VendorRequest();
        await auth.ApplyAsync(rejected);

        bool retry = await auth.RenewAfterUnauthorizedAsync(rejected);
        using HttpRequestMessage next = VendorRequest();
        await auth.ApplyAsync(next);

        Assert.True(retry);
        Assert.Equal(2, _endpoint.RequestCount);
        Assert.Equal("Bearer at-2", next.Headers.Authorization!.ToString());
    }

    [Fact]
    public async Task RenewAfterUnauthorizedAsync_TokenAlreadyReplaced_ReturnsTrueWithoutAnotherRequest()
    {
        var auth = new OAuth2Authentication(ClientCredentials(), _endpoint.Client, timeProvider: _time);
        using HttpRequestMessage a = VendorRequest();
        using HttpRequestMessage b = VendorRequest();
        await auth.ApplyAsync(a);
        await auth.ApplyAsync(b);

        Assert.True(await auth.RenewAfterUnauthorizedAsync(a));
        Assert.True(await auth.RenewAfterUnauthorizedAsync(b));

        Assert.Equal(2, _endpoint.RequestCount);
        Assert.Equal("at-2", (await auth.GetTokenAsync()).AccessToken);
    }

    [Fact]
    public async Task RenewAfterUnauthorizedAsync_ManyRejectedAtOnce_MakeOneTokenRequest()
    {
        var auth = new OAuth2Authentication(ClientCredentials(), _endpoint.Client, timeProvider: _time);
        HttpRequestMessage[] rejected = [.. Enumerable.Range(0, 20).Select(_ => VendorRequest())];
        foreach (HttpRequestMessage request in rejected)
        {
            await auth.ApplyAsync(request);
        }

        _endpoint.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<bool>[] renewals = [.. rejected.Select(r => Task.Run(() => auth.RenewAfterUnauthorizedAsync(r).AsTask()))];
        await _endpoint.FirstRequest.Task.WaitAsync(TimeSpan.FromSeconds(30));
        _endpoint.Hold.SetResult();
        bool[] results = await Task.WhenAll(renewals).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.All(results, Assert.True);
        Assert.Equal(2, _endpoint.RequestCount);
    }

    [Fact]
    public async Task RenewAfterUnauthorizedAsync_EndpointIssuesTheSameToken_ReturnsFalse()
    {
        var auth = new OAuth2Authentication(ClientCredentials(), _endpoint.Client, timeProvider: _time);
        _endpoint.EnqueueToken("at-same");
        _endpoint.EnqueueToken("at-same");
        _endpoint.EnqueueToken("at-same");
        using HttpRequestMessage rejected = VendorRequest();
        await auth.ApplyAsync(rejected);

        bool retry = await auth.RenewAfterUnauthorizedAsync(rejected);

        Assert.False(retry);
        Assert.InRange(_endpoint.RequestCount, 2, 3);
    }

    [Fact]
    public async Task GetTokenAsync_SalesforceShape_KeepsInstanceUrlAndIssuedAt()
    {
        _endpoint.EnqueueJson(HttpStatusCode.OK, """
            {"access_token":"00Dxx0000001gPL!AR8AQJXg","signature":"d/SxeYBxH0GSVko0HMgcUxuZy0PA2cDDz1u7g7JtDHw=",
             "token_format":"opaque","instance_url":"https://acme.my.salesforce.com",
             "id":"https://login.salesforce.com/id/00Dxx0000001gPLEAY/005xx000001Sv6eAAC",
             "token_type":"Bearer","issued_at":"1700000000000","scope":"api"}
            """);
        var auth = new OAuth2Authentication(ClientCredentials(), _endpoint.Client, timeProvider: _time);

        OAuth2Token token = await auth.GetTokenAsync();
        using HttpRequestMessage request = VendorRequest();
        await auth.ApplyAsync(request);

        Assert.Equal("00Dxx0000001gPL!AR8AQJXg", token.AccessToken);
        Assert.Null(token.ExpiresAt);
        Assert.Equal("https://acme.my.salesforce.com", token.AdditionalProperties["instance_url"]);
        Assert.Equal("1700000000000", token.AdditionalProperties["issued_at"]);
        Assert.Equal("opaque", token.AdditionalProperties["token_format"]);
        Assert.Equal("api", token.Scope);
        Assert.Equal("Bearer 00Dxx0000001gPL!AR8AQJXg", request.Headers.Authorization!.ToString());
        Assert.Equal(1, _endpoint.RequestCount);
    }

    [Fact]
    public async Task SecretValues_HoldClientSecretRefreshTokenAndCurrentAccessToken()
    {
        var auth = new OAuth2Authentication(RefreshTokenGrant(), _endpoint.Client, timeProvider: _time);
        _endpoint.EnqueueToken("at-current-123456", refreshToken: "rt-rotated-0002");

        await auth.ApplyAsync(VendorRequest());

        Assert.Contains(ClientSecret, auth.SecretValues);
        Assert.Contains(RefreshToken, auth.SecretValues);
        Assert.Contains("rt-rotated-0002", auth.SecretValues);
        Assert.Contains("at-current-123456", auth.SecretValues);
        Assert.Equal(["Authorization"], auth.SecretHeaders);
    }

    [Fact]
    public async Task ToStringAndCredentialId_NeverContainSecrets()
    {
        var auth = new OAuth2Authentication(RefreshTokenGrant(), _endpoint.Client, timeProvider: _time);
        _endpoint.EnqueueToken("at-current-123456", refreshToken: "rt-rotated-0002");
        OAuth2Token token = await auth.GetTokenAsync();

        foreach (string text in new[] { auth.ToString(), auth.CredentialId, auth.TokenStoreKey, token.ToString() })
        {
            foreach (string secret in auth.SecretValues)
            {
                Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            }
        }

        Assert.Matches("^[0-9a-f]{12}$", auth.CredentialId);
        Assert.Contains("refresh_token", auth.ToString(), StringComparison.Ordinal);
        Assert.Contains("login.example.com", auth.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void CredentialIdAndTokenStoreKey_FollowTheConnection()
    {
        var a = new OAuth2Authentication(RefreshTokenGrant(), _endpoint.Client);
        var b = new OAuth2Authentication(RefreshTokenGrant(), _endpoint.Client);
        OAuth2Options otherTenant = RefreshTokenGrant();
        otherTenant.RefreshToken = "rt-other-tenant";
        var c = new OAuth2Authentication(otherTenant, _endpoint.Client);
        OAuth2Options keyed = RefreshTokenGrant();
        keyed.TokenStoreKey = "tenant-42";
        var d = new OAuth2Authentication(keyed, _endpoint.Client);

        Assert.Equal(a.CredentialId, b.CredentialId);
        Assert.Equal(a.TokenStoreKey, b.TokenStoreKey);
        Assert.NotEqual(a.CredentialId, c.CredentialId);
        Assert.NotEqual(a.TokenStoreKey, c.TokenStoreKey);
        Assert.Equal("tenant-42", d.TokenStoreKey);
    }

    [Fact]
    public async Task Constructor_CopiesOptions_LaterChangesHaveNoEffect()
    {
        OAuth2Options options = ClientCredentials();
        var auth = new OAuth2Authentication(options, _endpoint.Client, timeProvider: _time);
        options.ClientId = "changed";
        options.Scope = "changed";

        await auth.ApplyAsync(VendorRequest());

        Assert.Equal("grant_type=client_credentials&client_id=client-1&client_secret=s3cr3t-client-value", Assert.Single(_endpoint.Requests).Body);
    }

    [Fact]
    public void Factory_CreatesOAuth2Authentication()
    {
        OAuth2Authentication auth = MartechAuthentications.OAuth2(ClientCredentials(), _endpoint.Client);

        Assert.Equal(new OAuth2Authentication(ClientCredentials(), _endpoint.Client).CredentialId, auth.CredentialId);
        Assert.Throws<ArgumentNullException>(() => MartechAuthentications.OAuth2(ClientCredentials(), null!));
        Assert.Throws<ArgumentNullException>(() => MartechAuthentications.OAuth2(null!, _endpoint.Client));
    }
}
