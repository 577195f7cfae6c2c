using Martech.Sdk.Testing;
using Martech.Sdk.Testing.Conformance;
using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk.IntegrationTests.Salesforce;

/// <summary>The campaign conformance suite against the Salesforce provider and its emulator.</summary>
public sealed class SalesforceCampaignConformanceTests(SalesforceEmulatorFixture fixture)
    : CampaignClientConformanceTests, IClassFixture<SalesforceEmulatorFixture>
{
    private ServiceProvider? _services;

    protected override string UnknownId => SalesforceEmulatorFixture.UnknownCampaignId;

    protected override Task<ICampaignClient> CreateClientAsync()
    {
        fixture.Emulator.Reset();
        _services = fixture.CreateServices();
        return Task.FromResult(_services.GetRequiredService<ICampaignClient>());
    }

    protected override Task<IContactClient> CreateContactClientAsync() =>
        Task.FromResult(_services!.GetRequiredService<IContactClient>());

    protected override Task<string> SeedCampaignAsync(string name) => Task.FromResult(fixture.Emulator.AddCampaign(name));

    public override async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        await base.DisposeAsync();
    }
}
