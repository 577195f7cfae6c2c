using Martech.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk.IntegrationTests.Salesforce;

/// <summary>
/// The Salesforce provider's rate budget over real sockets against the emulator enforcing the same per-second limit: every
/// request the emulator counts went through the budget, at the moment it was sent (after the OAuth token, and once more
/// for a resend after 401), so the emulator never refuses one.
/// </summary>
public sealed class SalesforceRateBudgetTests(SalesforceEmulatorFixture fixture) : IClassFixture<SalesforceEmulatorFixture>
{
    private SalesforceEmulator Emulator => fixture.Emulator;

    [Fact]
    public async Task ConcurrentRequests_SlowTokenEndpoint_PermitsAreTakenAfterTheTokenSoNoneIsRefused()
    {
        Emulator.Reset();
        const int limit = 20; // the provider's default RequestsPerSecond
        Emulator.RateLimit = new EmulatorRateLimit { PermitLimit = limit, Window = TimeSpan.FromSeconds(1) };

        // A token endpoint slower than the budget's guard: a permit taken before the token would reach the emulator late,
        // so the next window's permits would land inside the emulator's first window.
        Emulator.Faults.When(r => r.Path == "/services/oauth2/token", EmulatorFault.Latency(TimeSpan.FromMilliseconds(400)));
        await using ServiceProvider sp = fixture.CreateServices(o => o.RequestsPerSecond = limit);
        var contacts = sp.GetRequiredService<IContactClient>();

        Contact?[] found = await Task.WhenAll(Enumerable.Range(0, 2 * limit + 5).Select(_ => contacts.GetAsync(SalesforceEmulatorFixture.UnknownContactId)));

        Assert.All(found, Assert.Null);
        IReadOnlyList<RecordedRequest> requests = Emulator.RequestLog.Requests;
        Assert.Single(requests, r => r.Path == "/services/oauth2/token");
        Assert.DoesNotContain(requests, r => r.StatusCode == 429);
        Assert.Equal(2 * limit + 5, requests.Count(r => r.Path.EndsWith("/query", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ResendAfterUnauthorized_TakesAPermitOfItsOwn()
    {
        Emulator.Reset();
        Emulator.RateLimit = new EmulatorRateLimit { PermitLimit = 3, Window = TimeSpan.FromSeconds(1) };
        await using ServiceProvider sp = fixture.CreateServices(o => o.RequestsPerSecond = 3);
        var contacts = sp.GetRequiredService<IContactClient>();
        Assert.Null(await contacts.GetAsync(SalesforceEmulatorFixture.UnknownContactId)); // a describe and a query: 2 permits

        // The session expires: the next query is answered 401 (the window's third request), the token renewed, and the
        // query sent again. The emulator counts both sends, so the resend must wait for the next window's permit.
        Emulator.ExpireAccessTokens();
        Assert.Null(await contacts.GetAsync(SalesforceEmulatorFixture.UnknownContactId));

        IReadOnlyList<RecordedRequest> data = [.. Emulator.RequestLog.Requests.Where(r => r.Path.StartsWith("/services/data/", StringComparison.Ordinal))];
        Assert.DoesNotContain(data, r => r.StatusCode == 429);
        Assert.Equal([401, 200], data.TakeLast(2).Select(r => r.StatusCode));
        Assert.True(data[^1].ArrivedAt - data[0].ArrivedAt >= TimeSpan.FromSeconds(1), $"the resend came {(data[^1].ArrivedAt - data[0].ArrivedAt).TotalMilliseconds:F0} ms after the first request");
    }

    [Fact]
    public async Task TokenRequests_AreNotCountedAgainstTheRateLimit()
    {
        Emulator.Reset();
        Emulator.RateLimit = new EmulatorRateLimit { PermitLimit = 2, Window = TimeSpan.FromMinutes(1) }; // a describe and a query
        await using ServiceProvider sp = fixture.CreateServices();
        var contacts = sp.GetRequiredService<IContactClient>();

        Assert.Null(await contacts.GetAsync(SalesforceEmulatorFixture.UnknownContactId));

        RecordedRequest token = Assert.Single(Emulator.RequestLog.Requests, r => r.Path == "/services/oauth2/token");
        Assert.Equal(200, token.StatusCode);
        Assert.False(token.CountedByRateLimit);
        Assert.DoesNotContain(Emulator.RequestLog.Requests, r => r.RateLimited);
    }
}
