using System.Net;
using Martech.Sdk.HubSpot;
using Martech.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Martech.Sdk.IntegrationTests.HubSpot;

/// <summary>HubSpot's rate limits and error answers over real sockets: 429 with Retry-After waited out and retried,
/// rate-limit headers, and error bodies mapped to the typed exceptions.</summary>
public sealed class HubSpotRateLimitAndErrorTests(HubSpotEmulatorFixture fixture) : IClassFixture<HubSpotEmulatorFixture>
{
    private HubSpotEmulator Emulator => fixture.Emulator;

    [Fact]
    public async Task UpsertAsync_429WithRetryAfter_WaitsAndRetriesTheWrite()
    {
        await using ServiceProvider sp = fixture.BuildServices();
        var client = sp.GetRequiredService<IContactClient>();
        Emulator.Faults.Next(1, "POST", "/crm/v3/objects/contacts/batch/upsert", EmulatorFault.TooManyRequests(TimeSpan.FromSeconds(1)));

        UpsertResult<Contact> result = await client.UpsertAsync(new Contact { Email = EmailAddress.Parse("ada@example.com") });

        Assert.True(result.Created);
        var requests = Emulator.RequestLog.RequestsTo("POST", "/crm/v3/objects/contacts/batch/upsert");
        Assert.Equal([429, 200], requests.Select(r => r.StatusCode ?? 0));
        Assert.True(requests[1].ArrivedAt - requests[0].ArrivedAt >= TimeSpan.FromSeconds(0.9), "The retry did not wait for Retry-After.");
        Assert.Equal(1, Emulator.Contacts.Count);
    }

    [Fact]
    public async Task GetAsync_RateLimitExhaustedWithoutRetries_ThrowsRateLimitedWithPolicyAndCorrelationId()
    {
        await using ServiceProvider sp = fixture.BuildServices(o => o.Resilience.MaxRetryAttempts = 0);
        var client = sp.GetRequiredService<IContactClient>();
        Emulator.RateLimit = new EmulatorRateLimit { PermitLimit = 1, Window = TimeSpan.FromMinutes(5) };
        Assert.Null(await client.GetAsync("101"));

        var ex = await Assert.ThrowsAsync<MartechRateLimitedException>(() => client.GetAsync("101"));

        Assert.Equal(HttpStatusCode.TooManyRequests, ex.StatusCode);
        Assert.Equal("TEN_SECONDLY_ROLLING", ex.ErrorCode);
        Assert.True(Guid.TryParse(ex.RequestId, out _), $"RequestId '{ex.RequestId}' is not HubSpot's correlation id.");
        Assert.NotNull(ex.RetryAfter);
        Assert.Equal([404, 429], Emulator.RequestLog.Requests.Select(r => r.StatusCode ?? 0));
        Assert.True(Emulator.RequestLog.Requests[1].RateLimited);
    }

    [Fact]
    public async Task GetAsync_WrongToken_ThrowsAuthenticationWithCategory()
    {
        await using ServiceProvider sp = fixture.BuildServices(o => o.AccessToken = "pat-wrong-token");
        var client = sp.GetRequiredService<IContactClient>();

        var ex = await Assert.ThrowsAsync<MartechAuthenticationException>(() => client.GetAsync("101"));

        Assert.Equal(HttpStatusCode.Unauthorized, ex.StatusCode);
        Assert.Equal("INVALID_AUTHENTICATION", ex.ErrorCode);
        Assert.DoesNotContain("pat-wrong-token", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpsertAsync_InvalidLifecycleStage_ThrowsWithFieldErrorsFromTheBatchError()
    {
        await using ServiceProvider sp = fixture.BuildServices();
        var client = sp.GetRequiredService<IContactClient>();

        var ex = await Assert.ThrowsAsync<MartechRequestException>(() =>
            client.UpsertAsync(new Contact { Email = EmailAddress.Parse("ada@example.com"), LifecycleStage = LifecycleStage.Create("hot") }));

        Assert.Equal("VALIDATION_ERROR", ex.ErrorCode);
        var field = Assert.Single(ex.FieldErrors);
        Assert.Equal(("lifecyclestage", "INVALID_OPTION"), (field.Field, field.Code));
        Assert.Equal(0, Emulator.Contacts.Count);
    }

    [Fact]
    public async Task UpsertAsync_ByIdToAnotherContactsEmail_ThrowsConflict()
    {
        await using ServiceProvider sp = fixture.BuildServices();
        var client = sp.GetRequiredService<IContactClient>();
        HubSpotEmulatorObject ann = Emulator.AddContact(new Dictionary<string, string> { ["email"] = "ann@example.com" });
        Emulator.AddContact(new Dictionary<string, string> { ["email"] = "bob@example.com" });

        var ex = await Assert.ThrowsAsync<MartechRequestException>(() =>
            client.UpsertAsync(new Contact { Id = ann.Id, Email = EmailAddress.Parse("bob@example.com") }));

        Assert.Equal((HttpStatusCode.Conflict, "CONFLICT"), (ex.StatusCode, ex.ErrorCode));
        Assert.True(Guid.TryParse(ex.RequestId, out _));
    }

    [Fact]
    public async Task ListAsync_DateVersionedObjectsPath_PagesThroughEncodedCursors()
    {
        await using var versioned = new HubSpotEmulator("crm/objects/2026-03");
        await versioned.StartAsync();
        for (int i = 0; i < 5; i++)
        {
            versioned.AddContact(new Dictionary<string, string> { ["email"] = $"p{i}@example.com" });
        }

        var services = new ServiceCollection();
        services.AddMartech().AddHubSpot(configure: o =>
        {
            o.BaseAddress = versioned.BaseAddress;
            o.AccessToken = HubSpotEmulator.DefaultAccessToken;
            o.ObjectsPath = "crm/objects/2026-03";
        });
        await using ServiceProvider sp = services.BuildServiceProvider();
        var client = sp.GetRequiredService<IContactClient>();

        var pages = new List<Page<Contact>>();
        await foreach (Page<Contact> page in client.ListAsync(new ContactListOptions { PageSize = 2 }).AsPages())
        {
            pages.Add(page);
        }

        Assert.Equal([2, 2, 1], pages.Select(p => p.Items.Count));
        Assert.Contains("%3D", pages[0].ContinuationToken, StringComparison.Ordinal); // HubSpot's list cursors arrive URL-encoded
        Assert.All(versioned.RequestLog.Requests, r => Assert.StartsWith("/crm/objects/2026-03/contacts", r.Path, StringComparison.Ordinal));
        Assert.All(versioned.RequestLog.Requests, r => Assert.Equal(200, r.StatusCode));
    }

    [Fact]
    public async Task ListAsync_LifecycleStageFilter_SearchesAndPages()
    {
        await using ServiceProvider sp = fixture.BuildServices();
        var client = sp.GetRequiredService<IContactClient>();
        for (int i = 0; i < 7; i++)
        {
            Emulator.AddContact(new Dictionary<string, string> { ["email"] = $"p{i}@example.com", ["lifecyclestage"] = i % 2 == 0 ? "lead" : "customer" });
        }

        var listed = new List<Contact>();
        await foreach (Contact contact in client.ListAsync(new ContactListOptions { LifecycleStage = LifecycleStage.Lead, PageSize = 2 }))
        {
            listed.Add(contact);
        }

        Assert.Equal(["p0@example.com", "p2@example.com", "p4@example.com", "p6@example.com"], listed.Select(c => c.Email?.Value));
        Assert.Equal(2, Emulator.RequestLog.RequestsTo("POST", "/crm/v3/objects/contacts/search").Count);
    }

    [Fact]
    public void Options_MissingAccessToken_FailsValidationNamingTheSetting()
    {
        var services = new ServiceCollection();
        services.AddMartech().AddHubSpot();
        using ServiceProvider sp = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IOptionsMonitor<HubSpotOptions>>().Get("HubSpot"));

        Assert.Contains("Martech:HubSpot:AccessToken is required", ex.Message, StringComparison.Ordinal);
    }
}
