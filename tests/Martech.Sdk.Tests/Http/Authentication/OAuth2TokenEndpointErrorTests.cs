using System.Net;
using Martech.Sdk.Testing;
using static Martech.Sdk.Tests.Http.OAuth2TestOptions;

namespace Martech.Sdk.Tests.Http;

public sealed class OAuth2TokenEndpointErrorTests : IDisposable
{
    private readonly TokenEndpointStub _endpoint = new();
    private readonly ManualTimeProvider _time = new();

    public void Dispose() => _endpoint.Dispose();

    [Fact]
    public async Task ApplyAsync_InvalidGrant_ThrowsReauthorizationRequiredWithoutSecrets()
    {
        _endpoint.EnqueueJson(
            HttpStatusCode.BadRequest,
            """{"error":"invalid_grant","error_description":"refresh token rt-initial-0001 expired; client_secret=s3cr3t-client-value"}""",
            r => r.Headers.Add("X-Request-Id", "req-77"));
        var auth = new OAuth2Authentication(RefreshTokenGrant(), _endpoint.Client, timeProvider: _time);

        var ex = await Assert.ThrowsAsync<MartechAuthenticationException>(() => auth.ApplyAsync(VendorRequest()).AsTask());

        Assert.True(ex.ReauthorizationRequired);
        Assert.Equal("invalid_grant", ex.ErrorCode);
        Assert.Equal(HttpStatusCode.BadRequest, ex.StatusCode);
        Assert.Equal("req-77", ex.RequestId);
        Assert.Contains("invalid_grant", ex.Message, StringComparison.Ordinal);
        Assert.Contains("expired", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(RefreshToken, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ClientSecret, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(RefreshToken, ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApplyAsync_InvalidClient401_ThrowsReauthorizationRequired()
    {
        _endpoint.EnqueueJson(HttpStatusCode.Unauthorized, """{"error":"invalid_client","error_description":"Client authentication failed"}""");
        var auth = new OAuth2Authentication(ClientCredentials(), _endpoint.Client, timeProvider: _time);

        var ex = await Assert.ThrowsAsync<MartechAuthenticationException>(() => auth.ApplyAsync(VendorRequest()).AsTask());

        Assert.True(ex.ReauthorizationRequired);
        Assert.Equal("invalid_client", ex.ErrorCode);
        Assert.Equal(HttpStatusCode.Unauthorized, ex.StatusCode);
        Assert.DoesNotContain(ClientSecret, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApplyAsync_HubSpotStyleRefusal_ThrowsReauthorizationRequiredWithVendorCode()
    {
        _endpoint.EnqueueJson(
            HttpStatusCode.BadRequest,
            """{"status":"BAD_REFRESH_TOKEN","message":"missing or unknown refresh token","correlationId":"b5b5a2f4-0c0e"}""");
        var auth = new OAuth2Authentication(RefreshTokenGrant(), _endpoint.Client, timeProvider: _time);

        var ex = await Assert.ThrowsAsync<MartechAuthenticationException>(() => auth.ApplyAsync(VendorRequest()).AsTask());

        Assert.True(ex.ReauthorizationRequired);
        Assert.Equal("BAD_REFRESH_TOKEN", ex.ErrorCode);
        Assert.Equal("b5b5a2f4-0c0e", ex.RequestId);
        Assert.Contains("missing or unknown refresh token", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApplyAsync_InvalidGrantInA200Body_ThrowsReauthorizationRequired()
    {
        _endpoint.EnqueueJson(HttpStatusCode.OK, """{"error":"invalid_grant"}""");
        var auth = new OAuth2Authentication(RefreshTokenGrant(), _endpoint.Client, timeProvider: _time);

        var ex = await Assert.ThrowsAsync<MartechAuthenticationException>(() => auth.ApplyAsync(VendorRequest()).AsTask());

        Assert.True(ex.ReauthorizationRequired);
        Assert.Equal("invalid_grant", ex.ErrorCode);
    }

    [Fact]
    public async Task ApplyAsync_ServerError_ThrowsRequestExceptionAndTheNextCallTriesAgain()
    {
        _endpoint.EnqueueJson(HttpStatusCode.ServiceUnavailable, """{"error":"temporarily_unavailable"}""");
        var auth = new OAuth2Authentication(ClientCredentials(), _endpoint.Client, timeProvider: _time);

        var ex = await Assert.ThrowsAsync<MartechRequestException>(() => auth.ApplyAsync(VendorRequest()).AsTask());
        using HttpRequestMessage next = VendorRequest();
        await auth.ApplyAsync(next);

        Assert.IsNotType<MartechAuthenticationException>(ex);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ex.StatusCode);
        Assert.Equal("temporarily_unavailable", ex.ErrorCode);
        Assert.Equal("Bearer at-1", next.Headers.Authorization!.ToString());
        Assert.Equal(2, _endpoint.RequestCount);
    }

    [Fact]
    public async Task ApplyAsync_HtmlErrorPage_ThrowsRequestExceptionWithStatus()
    {
        _endpoint.EnqueueJson(HttpStatusCode.BadGateway, "<html><body>Bad gateway</body></html>");
        var auth = new OAuth2Authentication(ClientCredentials(), _endpoint.Client, timeProvider: _time);

        var ex = await Assert.ThrowsAsync<MartechRequestException>(() => auth.ApplyAsync(VendorRequest()).AsTask());

        Assert.IsNotType<MartechAuthenticationException>(ex);
        Assert.Equal(HttpStatusCode.BadGateway, ex.StatusCode);
        Assert.Null(ex.ErrorCode);
    }

    [Fact]
    public async Task ApplyAsync_TooManyRequests_ThrowsRateLimitedWithRetryAfter()
    {
        _endpoint.EnqueueJson(HttpStatusCode.TooManyRequests, "{}", r => r.Headers.RetryAfter = new(TimeSpan.FromSeconds(30)));
        var auth = new OAuth2Authentication(ClientCredentials(), _endpoint.Client, timeProvider: _time);

        var ex = await Assert.ThrowsAsync<MartechRateLimitedException>(() => auth.ApplyAsync(VendorRequest()).AsTask());

        Assert.Equal(TimeSpan.FromSeconds(30), ex.RetryAfter);
    }

    [Fact]
    public async Task ApplyAsync_ConnectionRefused_TransportExceptionNotSent()
    {
        _endpoint.EnqueueFailure(new HttpRequestException(HttpRequestError.ConnectionError, "connection refused to https://login.example.com/oauth2/token?client_secret=" + ClientSecret));
        var auth = new OAuth2Authentication(ClientCredentials(), _endpoint.Client, timeProvider: _time);

        var ex = await Assert.ThrowsAsync<MartechTransportException>(() => auth.ApplyAsync(VendorRequest()).AsTask());

        Assert.False(ex.MayHaveBeenProcessed);
        Assert.Equal("oauth2.token", ex.Operation);
        Assert.Contains("connection refused", ex.Message, StringComparison.Ordinal);
        Assert.Contains("(not sent)", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ClientSecret, ex.ToString(), StringComparison.Ordinal);
        Assert.IsType<HttpRequestException>(ex.InnerException);
    }

    [Fact]
    public async Task ApplyAsync_ConnectionBrokeAfterSending_TransportExceptionMayHaveBeenProcessed()
    {
        _endpoint.EnqueueFailure(new HttpRequestException(HttpRequestError.ResponseEnded, "the response ended prematurely"));
        var auth = new OAuth2Authentication(ClientCredentials(), _endpoint.Client, timeProvider: _time);

        var ex = await Assert.ThrowsAsync<MartechTransportException>(() => auth.ApplyAsync(VendorRequest()).AsTask());

        Assert.True(ex.MayHaveBeenProcessed);
        Assert.Contains("may have processed it", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("""{"token_type":"bearer","expires_in":3600}""")]
    [InlineData("""{"access_token":"","expires_in":3600}""")]
    [InlineData("""{"access_token":42}""")]
    [InlineData("[]")]
    public async Task ApplyAsync_SuccessWithoutUsableToken_ThrowsRequestException(string body)
    {
        _endpoint.EnqueueJson(HttpStatusCode.OK, body);
        var auth = new OAuth2Authentication(ClientCredentials(), _endpoint.Client, timeProvider: _time);

        var ex = await Assert.ThrowsAsync<MartechRequestException>(() => auth.ApplyAsync(VendorRequest()).AsTask());

        Assert.IsNotType<MartechAuthenticationException>(ex);
        Assert.Equal(HttpStatusCode.OK, ex.StatusCode);
    }

    [Fact]
    public async Task ApplyAsync_ConcurrentCallersDuringAFailedRefresh_AllFailFromOneRequest()
    {
        _endpoint.EnqueueJson(HttpStatusCode.BadRequest, """{"error":"invalid_grant"}""");
        var auth = new OAuth2Authentication(RefreshTokenGrant(), _endpoint.Client, timeProvider: _time);
        _endpoint.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        Task[] calls = [.. Enumerable.Range(0, 10).Select(_ => auth.ApplyAsync(VendorRequest()).AsTask())];
        _endpoint.Hold.SetResult();

        foreach (Task call in calls)
        {
            var ex = await Assert.ThrowsAsync<MartechAuthenticationException>(() => call);
            Assert.True(ex.ReauthorizationRequired);
        }

        Assert.Equal(1, _endpoint.RequestCount);
    }

    [Fact]
    public async Task RenewAfterUnauthorizedAsync_RefreshRefused_ThrowsReauthorizationRequired()
    {
        var auth = new OAuth2Authentication(RefreshTokenGrant(), _endpoint.Client, timeProvider: _time);
        using HttpRequestMessage rejected = VendorRequest();
        await auth.ApplyAsync(rejected);
        _endpoint.EnqueueJson(HttpStatusCode.BadRequest, """{"error":"invalid_grant","error_description":"token revoked"}""");

        var ex = await Assert.ThrowsAsync<MartechAuthenticationException>(() => auth.RenewAfterUnauthorizedAsync(rejected).AsTask());

        Assert.True(ex.ReauthorizationRequired);
        Assert.Equal(2, _endpoint.RequestCount);
    }
}
