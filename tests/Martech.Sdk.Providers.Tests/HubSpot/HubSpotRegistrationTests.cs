using System.Net;
using Martech.Sdk.HubSpot;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RichardSzalay.MockHttp;

namespace Martech.Sdk.Providers.Tests.HubSpot;

/// <summary>AddHubSpot: what it registers, what the clients expose through GetService, and where requests go.</summary>
public sealed class HubSpotRegistrationTests
{
    [Fact]
    public async Task AddHubSpot_Default_SuppliesContactsAndLeadsWithMetadataAndEscapeHatches()
    {
        await using var wire = new HubSpotWire();

        IContactClient contacts = wire.Contacts;
        ILeadClient leads = wire.Leads;

        Assert.Equal(new MartechProviderMetadata("HubSpot", "HubSpot"), contacts.GetService<MartechProviderMetadata>());
        Assert.Equal(new MartechProviderMetadata("HubSpot", "HubSpot"), leads.GetService<MartechProviderMetadata>());
        Assert.Same(contacts, wire.Services.GetRequiredKeyedService<IContactClient>("HubSpot"));
        Assert.Same(wire.Services.GetRequiredKeyedService<MartechHttpTransport>("HubSpot"), contacts.GetService<MartechHttpTransport>());
        Assert.Equal(HubSpotWire.Token, contacts.GetService<HubSpotOptions>()?.AccessToken);
        Assert.Null(contacts.GetService(typeof(HubSpotOptions), "someKey"));
        Assert.Null(contacts.GetService<ICampaignClient>());
    }

    [Fact]
    public async Task AddHubSpot_TwoPortals_EachBindsItsSectionAndSendsItsToken()
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Martech:HubSpotEU:AccessToken"] = "pat-eu1-aaaa",
            ["Martech:HubSpotEU:BaseAddress"] = "https://eu.example.test/hubspot",
            ["Martech:HubSpotUS:AccessToken"] = "pat-na1-bbbb",
        }).Build();
        var eu = new MockHttpMessageHandler();
        var us = new MockHttpMessageHandler();
        eu.Expect(HttpMethod.Get, "https://eu.example.test/hubspot/crm/v3/objects/contacts/1").WithHeaders("Authorization", "Bearer pat-eu1-aaaa").Respond(HttpStatusCode.NotFound);
        us.Expect(HttpMethod.Get, "https://api.hubapi.com/crm/v3/objects/contacts/1").WithHeaders("Authorization", "Bearer pat-na1-bbbb").Respond(HttpStatusCode.NotFound);
        var services = new ServiceCollection();
        services.AddMartech(configuration.GetSection("Martech")).AddHubSpot("HubSpotEU").Martech.AddHubSpot("HubSpotUS");
        services.AddHttpClient("HubSpotEU").ConfigurePrimaryHttpMessageHandler(() => eu);
        services.AddHttpClient("HubSpotUS").ConfigurePrimaryHttpMessageHandler(() => us);
        await using ServiceProvider sp = services.BuildServiceProvider();

        Assert.Null(await sp.GetRequiredKeyedService<IContactClient>("HubSpotEU").GetAsync("1"));
        Assert.Null(await sp.GetRequiredKeyedService<IContactClient>("HubSpotUS").GetAsync("1"));

        eu.VerifyNoOutstandingExpectation();
        us.VerifyNoOutstandingExpectation();
        Assert.Equal("HubSpotUS", sp.GetRequiredKeyedService<ILeadClient>("HubSpotUS").GetService<MartechProviderMetadata>()?.Name);
    }

    [Fact]
    public void AddHubSpot_MissingToken_ResolvingClientFailsNamingTheSetting()
    {
        var services = new ServiceCollection();
        services.AddMartech().AddHubSpot("Portal");
        using ServiceProvider sp = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredKeyedService<IContactClient>("Portal"));

        Assert.Contains("Martech:Portal:AccessToken is required", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddHubSpot_ZeroMaxCustomFieldNameLength_ResolvingClientFailsNamingTheSetting()
    {
        var services = new ServiceCollection();
        services.AddMartech().AddHubSpot("Portal", o =>
        {
            o.AccessToken = "pat-na1-aaaa";
            o.MaxCustomFieldNameLength = 0;
        });
        using ServiceProvider sp = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredKeyedService<IContactClient>("Portal"));

        Assert.Contains("Martech:Portal:MaxCustomFieldNameLength must be at least 1 (was 0)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Transport_RateLimitHeaders_AreReadIntoTheBudget()
    {
        await using var wire = new HubSpotWire(o => o.RateLimitMaxWait = TimeSpan.Zero);
        wire.Expect(HttpMethod.Get, "crm/v3/objects/contacts/1?" + HubSpotWire.ContactPropertiesQuery)
            .Respond(_ => HubSpotWire.Json(HttpStatusCode.OK, """{"id":"1","properties":{}}""",
                ("X-HubSpot-RateLimit-Daily", "250000"), ("X-HubSpot-RateLimit-Daily-Remaining", "0"),
                ("X-HubSpot-RateLimit-Max", "100"), ("X-HubSpot-RateLimit-Remaining", "99"), ("X-HubSpot-RateLimit-Interval-Milliseconds", "10000")));

        Assert.NotNull(await wire.Contacts.GetAsync("1"));

        // The daily budget is spent: the next call is refused locally instead of collecting a 429.
        await Assert.ThrowsAsync<MartechRateLimitedException>(() => wire.Contacts.GetAsync("1"));
        wire.Verify();
    }
}
