using System.Net;
using System.Text;
using Martech.Sdk.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using RichardSzalay.MockHttp;
using static Martech.Sdk.Tests.Http.OAuth2TestOptions;

namespace Martech.Sdk.Tests.Http;

public sealed class AuthenticationHandlerTests : IDisposable
{
    private static readonly Uri BaseAddress = new("https://api.example.com/");

    private readonly MockHttpMessageHandler _vendor = new();
    private readonly List<VendorCall> _calls = [];
    private readonly ManualTimeProvider _time = new();

    private readonly List<IDisposable> _owned = [];

    public void Dispose()
    {
        _vendor.Dispose();
        _owned.ForEach(d => d.Dispose());
    }

    [Fact]
    public async Task SendAsync_ContextWithoutAuthentication_PassesRequestThrough()
    {
        RespondWith(_ => HttpStatusCode.OK);
        using HttpClient client = Client(new AuthenticationHandler(Context(authentication: null)));

        using HttpResponseMessage response = await client.GetAsync("v1/contacts?limit=5");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        VendorCall call = Assert.Single(_calls);
        Assert.Equal("https://api.example.com/v1/contacts?limit=5", call.Uri);
        Assert.Null(call.Authorization);
    }

    [Fact]
    public async Task SendAsync_ContextAuthentication_IsApplied()
    {
        RespondWith(_ => HttpStatusCode.OK);
        MartechAuthentication scheme = MartechAuthentications.ApiKeyHeader("x-api-token", "pd-token-123456");
        using HttpClient client = Client(new AuthenticationHandler(Context(scheme)));

        using HttpResponseMessage response = await client.GetAsync("v1/persons");

        Assert.Equal("pd-token-123456", Assert.Single(_calls).ApiToken);
    }

    [Fact]
    public async Task SendAsync_QueryScheme_AddsKeyToTheRequestUri()
    {
        RespondWith(_ => HttpStatusCode.OK);
        using HttpClient client = Client(new AuthenticationHandler(MartechAuthentications.ApiKeyQuery("hapikey", "hs-key-123456")));

        using HttpResponseMessage response = await client.GetAsync("crm/v3/objects/contacts?limit=10&after=abc");

        Assert.Equal("https://api.example.com/crm/v3/objects/contacts?limit=10&after=abc&hapikey=hs-key-123456", Assert.Single(_calls).Uri);
    }

    [Fact]
    public async Task SendAsync_OAuth2Unauthorized_RefreshesAndResendsOnceThenSucceeds()
    {
        using var endpoint = new TokenEndpointStub();
        var auth = new OAuth2Authentication(ClientCredentials(), endpoint.Client, timeProvider: _time);
        RespondWith(call => call.Authorization == "Bearer at-1" ? HttpStatusCode.Unauthorized : HttpStatusCode.OK);
        using HttpClient client = Client(new AuthenticationHandler(auth));

        using HttpResponseMessage response = await client.GetAsync("v1/contacts");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["Bearer at-1", "Bearer at-2"], _calls.Select(c => c.Authorization));
        Assert.Equal(2, endpoint.RequestCount);
    }

    [Fact]
    public async Task SendAsync_UnauthorizedTwice_ReturnsTheSecond401WithoutLooping()
    {
        using var endpoint = new TokenEndpointStub();
        var auth = new OAuth2Authentication(ClientCredentials(), endpoint.Client, timeProvider: _time);
        RespondWith(_ => HttpStatusCode.Unauthorized);
        using HttpClient client = Client(new AuthenticationHandler(auth));

        using HttpResponseMessage response = await client.GetAsync("v1/contacts");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("answer 2", await response.Content.ReadAsStringAsync());
        Assert.Equal(2, _calls.Count);
        Assert.Equal(2, endpoint.RequestCount);
    }

    [Fact]
    public async Task SendAsync_StaticSchemeUnauthorized_Returns401WithoutResending()
    {
        RespondWith(_ => HttpStatusCode.Unauthorized);
        using HttpClient client = Client(new AuthenticationHandler(MartechAuthentications.Bearer("SG.revoked-key-123")));

        using HttpResponseMessage response = await client.GetAsync("v3/mail/send");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("answer 1", await response.Content.ReadAsStringAsync());
        Assert.Single(_calls);
    }

    [Fact]
    public async Task SendAsync_RenewalRefused_ThrowsReauthorizationRequired()
    {
        using var endpoint = new TokenEndpointStub();
        endpoint.EnqueueToken("at-1", refreshToken: null);
        endpoint.EnqueueJson(HttpStatusCode.BadRequest, """{"error":"invalid_grant","error_description":"refresh token revoked"}""");
        var auth = new OAuth2Authentication(RefreshTokenGrant(), endpoint.Client, timeProvider: _time);
        RespondWith(_ => HttpStatusCode.Unauthorized);
        using HttpClient client = Client(new AuthenticationHandler(auth));

        var ex = await Assert.ThrowsAsync<MartechAuthenticationException>(() => client.GetAsync("v1/contacts"));

        Assert.True(ex.ReauthorizationRequired);
        Assert.Single(_calls);
    }

    [Fact]
    public async Task SendAsync_ResentRequest_CarriesQueryKeyAndHeaderOnce()
    {
        var scheme = new RotatingKeyAuthentication();
        RespondWith(call => call.Uri.EndsWith("key-1", StringComparison.Ordinal) ? HttpStatusCode.Unauthorized : HttpStatusCode.OK);
        using HttpClient client = Client(new AuthenticationHandler(scheme));

        using HttpResponseMessage response = await client.GetAsync("v1/deals?limit=5");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, scheme.Renewals);
        Assert.Equal(
            ["https://api.example.com/v1/deals?limit=5&api_token=key-1", "https://api.example.com/v1/deals?limit=5&api_token=key-2"],
            _calls.Select(c => c.Uri));
        Assert.Equal(["key-1", "key-2"], _calls.Select(c => c.ApiKey));
    }

    [Fact]
    public async Task SendAsync_ResentPost_SendsTheSameBody()
    {
        using var endpoint = new TokenEndpointStub();
        var auth = new OAuth2Authentication(ClientCredentials(), endpoint.Client, timeProvider: _time);
        RespondWith(call => call.Authorization == "Bearer at-1" ? HttpStatusCode.Unauthorized : HttpStatusCode.Created);
        using HttpClient client = Client(new AuthenticationHandler(auth));
        using var content = new StringContent("""{"email":"ada@example.com"}""", Encoding.UTF8, "application/json");

        using HttpResponseMessage response = await client.PostAsync("v1/contacts", content);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(["""{"email":"ada@example.com"}""", """{"email":"ada@example.com"}"""], _calls.Select(c => c.Body));
    }

    [Fact]
    public void Constructor_NullContext_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => new AuthenticationHandler((MartechTransportContext)null!));
    }

    private MartechTransportContext Context(MartechAuthentication? authentication)
    {
        var options = new MartechHttpOptions { BaseAddress = BaseAddress, Authentication = authentication };
        var budget = new MartechRateBudget("Test", options.RateLimit, _time);
        _owned.Add(budget);
        return new MartechTransportContext("Test", "Test", options, budget, _time, NullLogger.Instance);
    }

    private HttpClient Client(AuthenticationHandler handler)
    {
        handler.InnerHandler = _vendor;
        return new HttpClient(handler) { BaseAddress = BaseAddress };
    }

    /// <summary>Answers every vendor request with the status the rule picks, body "answer N", recording the call.</summary>
    private void RespondWith(Func<VendorCall, HttpStatusCode> rule)
    {
        _vendor.Fallback.Respond(async request =>
        {
            var call = new VendorCall(
                request.RequestUri!.AbsoluteUri,
                request.Headers.Authorization?.ToString(),
                request.Headers.TryGetValues("x-api-token", out var token) ? string.Join(",", token) : null,
                request.Headers.TryGetValues("X-Api-Key", out var key) ? string.Join(",", key) : null,
                request.Content is null ? null : await request.Content.ReadAsStringAsync());
            int n;
            lock (_calls)
            {
                _calls.Add(call);
                n = _calls.Count;
            }

            return new HttpResponseMessage(rule(call)) { Content = new StringContent($"answer {n}") };
        });
    }

    private sealed record VendorCall(string Uri, string? Authorization, string? ApiToken, string? ApiKey, string? Body);
}
