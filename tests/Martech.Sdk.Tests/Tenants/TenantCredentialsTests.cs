using System.Net;
using Martech.Sdk.Tests.Http;
using Martech.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RichardSzalay.MockHttp;

namespace Martech.Sdk.Tests.Tenants;

public sealed class TenantCredentialsTests
{
    private const string Canary = "canary-TENANT-SECRET-7f3e9a";

    [Fact]
    public async Task SendAsync_AmbientTenant_SendsThatTenantsCredentials()
    {
        using var harness = new TenantHarness();
        harness.AddTenant("acme", "key-acme");
        harness.AddTenant("globex", "key-globex");
        harness.EchoAuthorization();

        string? acme, globex;
        using (MartechTenant.Use("acme"))
        {
            acme = await harness.SendAsync();
        }

        using (MartechTenant.Use("globex"))
        {
            globex = await harness.SendAsync();
        }

        Assert.Equal("Bearer key-acme", acme);
        Assert.Equal("Bearer key-globex", globex);
    }

    [Fact]
    public async Task SendAsync_RequestOptionTenant_WinsOverTheAmbientOne()
    {
        using var harness = new TenantHarness();
        harness.AddTenant("acme", "key-acme");
        harness.AddTenant("globex", "key-globex");
        harness.EchoAuthorization();

        using (MartechTenant.Use("acme"))
        {
            Assert.Equal("Bearer key-globex", await harness.SendAsync(tenant: "globex"));
            Assert.Equal("Bearer key-acme", await harness.SendAsync());
        }
    }

    [Fact]
    public async Task SendAsync_NestedScopes_InnerWinsAndOuterIsRestored()
    {
        using var harness = new TenantHarness();
        harness.AddTenant("acme", "key-acme");
        harness.AddTenant("globex", "key-globex");
        harness.EchoAuthorization();

        using (MartechTenant.Use("acme"))
        {
            using (MartechTenant.Use("globex"))
            {
                Assert.Equal("Bearer key-globex", await harness.SendAsync());
            }

            Assert.Equal("Bearer key-acme", await harness.SendAsync());
        }

        Assert.Null(MartechTenant.Current);
    }

    [Fact]
    public async Task SendAsync_NoTenant_FailsBeforeAnyRequestNamingMartechTenantUse()
    {
        using var harness = new TenantHarness();
        harness.AddTenant("acme", "key-acme");
        MockedRequest echo = harness.EchoAuthorization();

        var ex = await Assert.ThrowsAsync<MartechTenantException>(() => harness.SendAsync());

        Assert.Contains("MartechTenant.Use(", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'Acme'", ex.Message, StringComparison.Ordinal);
        Assert.Empty(harness.Resolutions);
        Assert.Equal(0, harness.Mock.GetMatchCount(echo));
    }

    [Fact]
    public async Task SendAsync_UnknownTenant_FailsBeforeAnyRequestNamingTenantAndInstance()
    {
        using var harness = new TenantHarness();
        harness.AddTenant("acme", "key-acme");
        MockedRequest any = harness.Mock.When("*").Respond(HttpStatusCode.OK);

        var ex = await Assert.ThrowsAsync<MartechTenantException>(() => harness.SendAsync(tenant: "initech"));

        Assert.Contains("'initech'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'Acme'", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, harness.Mock.GetMatchCount(any));

        // Not kept: a tenant added later is found.
        harness.AddTenant("initech", "key-initech");
        Assert.Equal("OK", (await SendStatusAsync(harness, "initech")).ToString());
        Assert.Equal(2, harness.Resolutions["initech"]);
    }

    [Fact]
    public async Task SendAsync_AllowCallsWithoutTenant_UsesTheInstancesOwnCredentials()
    {
        using var harness = new TenantHarness(o => o.AllowCallsWithoutTenant = true);
        harness.AddTenant("acme", "key-acme");
        harness.EchoAuthorization();

        Assert.Equal("Bearer " + TenantHarness.InstanceKey, await harness.SendAsync());
        Assert.Equal("Bearer key-acme", await harness.SendAsync(tenant: "acme"));
    }

    [Fact]
    public async Task SendAsync_ConcurrentFirstCalls_ResolveTheTenantOnce()
    {
        using var harness = new TenantHarness();
        harness.AddTenant("acme", "key-acme");
        harness.EchoAuthorization();
        harness.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        Task<string?>[] calls = Enumerable.Range(0, 8).Select(_ => harness.SendAsync(tenant: "acme")).ToArray();
        await Task.Delay(50);
        harness.Hold.SetResult();
        string?[] seen = await Task.WhenAll(calls);

        Assert.All(seen, s => Assert.Equal("Bearer key-acme", s));
        Assert.Equal(1, harness.Resolutions["acme"]);
    }

    [Fact]
    public async Task SendAsync_WaiterCancels_OthersStillGetTheResolution()
    {
        using var harness = new TenantHarness();
        harness.AddTenant("acme", "key-acme");
        harness.EchoAuthorization();
        harness.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var cts = new CancellationTokenSource();

        using HttpRequestMessage cancelled = TenantHarness.Get("contacts", "acme");
        Task<HttpResponseMessage> first = harness.Transport.SendAsync(cancelled, cts.Token);
        Task<string?> second = harness.SendAsync(tenant: "acme");
        await cts.CancelAsync();
        harness.Hold.SetResult();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        Assert.Equal("Bearer key-acme", await second);
        Assert.Equal(1, harness.Resolutions["acme"]);
    }

    [Fact]
    public async Task Resolver_Throws_CallFailsWithItsErrorAndTheNextCallAsksAgain()
    {
        int calls = 0;
        using var harness = new TenantHarness(resolver: (_, _) => Interlocked.Increment(ref calls) == 1
            ? throw new InvalidOperationException("vault unavailable")
            : ValueTask.FromResult<MartechTenantCredentials?>(new(MartechAuthentications.Bearer("key-acme"))));
        MockedRequest echo = harness.EchoAuthorization();

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => harness.SendAsync(tenant: "acme"));

        Assert.Equal("vault unavailable", ex.Message);
        Assert.Equal(0, harness.Mock.GetMatchCount(echo));
        Assert.Equal("Bearer key-acme", await harness.SendAsync(tenant: "acme"));
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task SendAsync_TenantBaseAddress_SendsToIt()
    {
        var eu = new Uri("https://eu.api.acme.example/v1/");
        using var harness = new TenantHarness();
        harness.AddTenant("acme", "key-acme");
        harness.AddTenant("acme-eu", "key-eu", eu);
        MockedRequest us = harness.Mock.When(HttpMethod.Get, "https://api.acme.example/v1/contacts?limit=2").Respond(HttpStatusCode.OK, "text/plain", "us");
        MockedRequest europe = harness.Mock.When(HttpMethod.Get, "https://eu.api.acme.example/v1/contacts?limit=2").WithHeaders("Authorization", "Bearer key-eu").Respond(HttpStatusCode.OK, "text/plain", "eu");

        Assert.Equal("eu", await harness.SendAsync("contacts?limit=2", "acme-eu"));
        Assert.Equal("us", await harness.SendAsync("contacts?limit=2", "acme"));
        Assert.Equal(1, harness.Mock.GetMatchCount(us));
        Assert.Equal(1, harness.Mock.GetMatchCount(europe));
    }

    [Fact]
    public void TenantBaseAddress_NotEndingInSlash_IsRejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => new MartechTenantCredentials(MartechAuthentications.Bearer("k")) { BaseAddress = new Uri("https://eu.example/v1") });
        Assert.Equal("BaseAddress", ex.ParamName);
    }

    [Fact]
    public async Task RateBudget_TenantExhaustingItsBudget_DoesNotSlowAnother()
    {
        using var harness = new TenantHarness(configure: o => o.RateLimit = new MartechRateLimitOptions { PermitLimit = 2, Window = TimeSpan.FromSeconds(10) });
        harness.AddTenant("acme", "key-acme");
        harness.AddTenant("globex", "key-globex");
        harness.EchoAuthorization();

        await harness.SendAsync(tenant: "acme");
        await harness.SendAsync(tenant: "acme");
        Task<string?> third = harness.SendAsync(tenant: "acme");
        await Task.Delay(100);
        Assert.False(third.IsCompleted);

        Assert.Equal("Bearer key-globex", await harness.SendAsync(tenant: "globex").WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("Bearer key-globex", await harness.SendAsync(tenant: "globex").WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.False(third.IsCompleted);

        // Acme's window passes: its third call goes.
        Assert.Equal("Bearer key-acme", await AdvanceUntilAsync(harness, third));
    }

    [Fact]
    public async Task RateBudget_TenantsSharingACredential_ShareOneBudget()
    {
        using var harness = new TenantHarness(configure: o => o.RateLimit = new MartechRateLimitOptions { PermitLimit = 2, Window = TimeSpan.FromSeconds(10) });
        harness.AddTenant("acme", "shared-key");
        harness.AddTenant("acme-subsidiary", "shared-key");
        harness.EchoAuthorization();

        await harness.SendAsync(tenant: "acme");
        await harness.SendAsync(tenant: "acme-subsidiary");
        Task<string?> third = harness.SendAsync(tenant: "acme-subsidiary");
        await Task.Delay(100);

        Assert.False(third.IsCompleted);
        Assert.Equal("Bearer shared-key", await AdvanceUntilAsync(harness, third));
    }

    [Fact]
    public async Task CircuitBreaker_OpenForOneTenant_OtherTenantStillSends()
    {
        using var harness = new TenantHarness(configure: o =>
        {
            o.Resilience.CircuitBreakerMinimumThroughput = 2;
            o.Resilience.CircuitBreakerFailureRatio = 0.5;
        });
        harness.AddTenant("acme", "key-acme");
        harness.AddTenant("globex", "key-globex");
        harness.Mock.When(HttpMethod.Get, TenantHarness.BaseAddress.AbsoluteUri + "*").WithHeaders("Authorization", "Bearer key-acme").Respond(HttpStatusCode.ServiceUnavailable);
        MockedRequest globex = harness.Mock.When(HttpMethod.Get, TenantHarness.BaseAddress.AbsoluteUri + "*").WithHeaders("Authorization", "Bearer key-globex").Respond(HttpStatusCode.OK);

        for (int i = 0; i < 3; i++)
        {
            await Assert.ThrowsAnyAsync<MartechException>(() => SendStatusAsync(harness, "acme"));
        }

        var open = await Assert.ThrowsAsync<MartechTransportException>(() => SendStatusAsync(harness, "acme"));
        Assert.Contains("circuit breaker", open.Message, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, await SendStatusAsync(harness, "globex"));
        Assert.Equal(1, harness.Mock.GetMatchCount(globex));
    }

    [Fact]
    public async Task OAuth2_EachTenantHasItsOwnTokenCache()
    {
        using var endpoint = new TokenEndpointStub();
        var time = new ManualTimeProvider();
        var schemes = new Dictionary<string, OAuth2Authentication>
        {
            ["acme"] = new(new OAuth2Options { TokenEndpoint = TokenEndpointStub.Url, ClientId = "client-acme", ClientSecret = "secret-acme" }, endpoint.Client, timeProvider: time),
            ["globex"] = new(new OAuth2Options { TokenEndpoint = TokenEndpointStub.Url, ClientId = "client-globex", ClientSecret = "secret-globex" }, endpoint.Client, timeProvider: time),
        };
        using var harness = new TenantHarness(resolver: (request, _) => ValueTask.FromResult<MartechTenantCredentials?>(new(schemes[request.Tenant])));
        harness.EchoAuthorization();

        string? acme1 = await harness.SendAsync(tenant: "acme");
        string? globex1 = await harness.SendAsync(tenant: "globex");
        string? acme2 = await harness.SendAsync(tenant: "acme");
        string? globex2 = await harness.SendAsync(tenant: "globex");

        Assert.Equal("Bearer at-1", acme1);
        Assert.Equal("Bearer at-2", globex1);
        Assert.Equal(acme1, acme2);
        Assert.Equal(globex1, globex2);
        Assert.Equal(2, endpoint.RequestCount);
        Assert.Contains("client_id=client-acme", endpoint.Requests[0].Body, StringComparison.Ordinal);
        Assert.Contains("client_id=client-globex", endpoint.Requests[1].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CredentialLifetime_Passed_ResolvesAgainAndUsesTheNewCredential()
    {
        using var harness = new TenantHarness(o => o.CredentialLifetime = TimeSpan.FromMinutes(5));
        harness.AddTenant("acme", "key-old");
        harness.EchoAuthorization();

        Assert.Equal("Bearer key-old", await harness.SendAsync(tenant: "acme"));
        harness.AddTenant("acme", "key-rotated");
        harness.Time.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal("Bearer key-old", await harness.SendAsync(tenant: "acme"));
        Assert.Equal(1, harness.Resolutions["acme"]);

        harness.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal("Bearer key-rotated", await harness.SendAsync(tenant: "acme"));
        Assert.Equal(2, harness.Resolutions["acme"]);
    }

    [Fact]
    public async Task CredentialLifetime_SameCredentialAgain_KeepsTheTenantsContext()
    {
        using var harness = new TenantHarness(o => o.CredentialLifetime = TimeSpan.FromMinutes(5));
        harness.AddTenant("acme", "key-acme");
        harness.EchoAuthorization();

        await harness.SendAsync(tenant: "acme");
        MartechTransportContext before = (await harness.Contexts.GetAsync("acme", default))!;
        harness.AddTenant("acme", "key-acme"); // a new object, the same credential
        harness.Time.Advance(TimeSpan.FromMinutes(6));
        await harness.SendAsync(tenant: "acme");
        MartechTransportContext after = (await harness.Contexts.GetAsync("acme", default))!;

        Assert.Equal(2, harness.Resolutions["acme"]);
        Assert.Same(before, after);
    }

    [Fact]
    public async Task MaxTenants_Exceeded_DropsTheLeastRecentlyUsed()
    {
        using var harness = new TenantHarness(o => o.MaxTenants = 2);
        harness.AddTenant("a", "key-a");
        harness.AddTenant("b", "key-b");
        harness.AddTenant("c", "key-c");
        harness.EchoAuthorization();

        await harness.SendAsync(tenant: "a");
        await harness.SendAsync(tenant: "b");
        await harness.SendAsync(tenant: "a"); // b is now the least recently used
        await harness.SendAsync(tenant: "c"); // drops b

        Assert.Equal(2, harness.Contexts.Count);
        await harness.SendAsync(tenant: "a");
        Assert.Equal(1, harness.Resolutions["a"]);
        Assert.Equal("Bearer key-b", await harness.SendAsync(tenant: "b"));
        Assert.Equal(2, harness.Resolutions["b"]);
    }

    [Fact]
    public async Task Secrets_CanaryNeverInExceptionsLogsOrToString()
    {
        using var harness = new TenantHarness(logLevel: LogLevel.Trace);
        harness.AddTenant("acme", Canary);
        harness.Mock.When("*").Respond(HttpStatusCode.BadRequest, "application/json", "{\"message\":\"bad token " + Canary + "\"}");

        using HttpRequestMessage request = TenantHarness.Get("contacts?q=1", "acme", "contacts.list");
        var ex = await Assert.ThrowsAnyAsync<MartechException>(() => harness.Transport.SendAsync(request));

        Assert.DoesNotContain(Canary, ex.ToString(), StringComparison.Ordinal);
        Assert.NotEmpty(harness.Logs.Entries);
        Assert.DoesNotContain(Canary, harness.Logs.AllText, StringComparison.Ordinal);
        MartechTenantCredentials credentials = harness.Tenants["acme"];
        Assert.DoesNotContain(Canary, credentials.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Canary, new MartechCredentialRequest("Acme", "AcmeCrm", "acme").ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logs_DebugCarriesTheTenantInScope()
    {
        using var harness = new TenantHarness(logLevel: LogLevel.Debug);
        harness.AddTenant("acme", "key-acme");
        harness.EchoAuthorization();

        await harness.SendAsync(tenant: "acme");

        Assert.Contains(harness.Logs.Entries, e => e.Level == LogLevel.Debug && e.Scopes.Contains("Tenant acme", StringComparison.Ordinal));
    }

    [Fact]
    public void Options_Invalid_FailHostStartNamingTheSetting()
    {
        var services = new ServiceCollection();
        services.AddMartech().AddProvider("Acme", "AcmeCrm")
            .UseTenantCredentials((_, _) => ValueTask.FromResult<MartechTenantCredentials?>(null), o => o.MaxTenants = 0);
        using ServiceProvider sp = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IOptionsMonitor<MartechTenantOptions>>().Get("Acme"));
        Assert.Contains("MaxTenants", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Startup_InstanceWithoutHttpTransport_FailsNamingTheFix()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddMartech().AddProvider("Acme", "AcmeCrm")
            .UseTenantCredentials((_, _) => ValueTask.FromResult<MartechTenantCredentials?>(null));
        using IHost host = builder.Build();

        var ex = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());
        Assert.Contains("UseTenantCredentials", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UseTenantCredentials_Twice_Throws()
    {
        var services = new ServiceCollection();
        var provider = services.AddMartech().AddProvider("Acme", "AcmeCrm");
        provider.UseTenantCredentials((_, _) => ValueTask.FromResult<MartechTenantCredentials?>(null));

        Assert.Throws<InvalidOperationException>(() => provider.UseTenantCredentials((_, _) => ValueTask.FromResult<MartechTenantCredentials?>(null)));
    }

    [Fact]
    public async Task HubSpot_TwoTenantsThroughOneRegisteredProvider_SendTheirOwnTokens()
    {
        using var mock = new MockHttpMessageHandler();
        MockedRequest acme = mock.When(HttpMethod.Get, "https://api.hubapi.com/crm/v3/objects/contacts/101*").WithHeaders("Authorization", "Bearer pat-acme").Respond(HttpStatusCode.NotFound);
        MockedRequest globex = mock.When(HttpMethod.Get, "https://api.hubapi.com/crm/v3/objects/contacts/202*").WithHeaders("Authorization", "Bearer pat-globex").Respond(HttpStatusCode.NotFound);
        var tokens = new Dictionary<string, string> { ["acme"] = "pat-acme", ["globex"] = "pat-globex" };
        var services = new ServiceCollection();
        services.AddMartech()
            .AddHubSpot(configure: o => o.AccessToken = "pat-instance-unused")
            .UseTenantCredentials((request, _) => ValueTask.FromResult(tokens.TryGetValue(request.Tenant, out string? token)
                ? new MartechTenantCredentials(MartechAuthentications.Bearer(token))
                : null));
        services.AddHttpClient("HubSpot").ConfigurePrimaryHttpMessageHandler(() => mock);
        await using ServiceProvider sp = services.BuildServiceProvider();
        var contacts = sp.GetRequiredService<IContactClient>();

        using (MartechTenant.Use("acme"))
        {
            Assert.Null(await contacts.GetAsync("101"));
        }

        using (MartechTenant.Use("globex"))
        {
            Assert.Null(await contacts.GetAsync("202"));
        }

        await Assert.ThrowsAsync<MartechTenantException>(() => contacts.GetAsync("303"));
        Assert.Equal(1, mock.GetMatchCount(acme));
        Assert.Equal(1, mock.GetMatchCount(globex));
    }

    /// <summary>Moves the clock a second at a time until the call completes (a minute at most).</summary>
    private static async Task<string?> AdvanceUntilAsync(TenantHarness harness, Task<string?> call)
    {
        for (int i = 0; i < 60 && !call.IsCompleted; i++)
        {
            harness.Time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(5);
        }

        return await call.WaitAsync(TimeSpan.FromSeconds(10));
    }

    private static async Task<HttpStatusCode> SendStatusAsync(TenantHarness harness, string tenant)
    {
        using HttpRequestMessage request = TenantHarness.Get("contacts", tenant);
        using HttpResponseMessage response = await harness.Transport.SendAsync(request);
        return response.StatusCode;
    }
}
