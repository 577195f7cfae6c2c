using Martech.Sdk.Testing.Conformance;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Martech.Sdk.IntegrationTests.Salesforce;

/// <summary>The campaign stats conformance suite against the Salesforce provider and its emulator: a campaign reaches
/// people by gaining them as members.</summary>
public sealed class SalesforceCampaignStatsConformanceTests(SalesforceEmulatorFixture fixture, ITestOutputHelper output)
    : CampaignStatsClientConformanceTests(output), IClassFixture<SalesforceEmulatorFixture>
{
    private ServiceProvider? _services;

    protected override bool KeepsCampaignRecords => true;

    protected override bool SupportsBreakdown => false;

    protected override string UnknownId => SalesforceEmulatorFixture.UnknownCampaignId;

    protected override Task<ICampaignStatsClient> CreateClientAsync()
    {
        fixture.Emulator.Reset();
        _services = fixture.CreateServices();
        return Task.FromResult(_services.GetRequiredService<ICampaignStatsClient>());
    }

    protected override Task<string> SeedCampaignAsync() => Task.FromResult(fixture.Emulator.AddCampaign("Spring launch"));

    protected override async Task ReachAsync(string campaignId, IReadOnlyList<EmailAddress> recipients)
    {
        var contacts = _services!.GetRequiredService<IContactClient>();
        var ids = new List<string>();
        foreach (EmailAddress email in recipients)
        {
            ids.Add((await contacts.UpsertAsync(new Contact { Email = email })).Value.Id!);
        }

        await _services!.GetRequiredService<ICampaignClient>().AddMembersAsync(campaignId, ids);
    }

    public override async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        await base.DisposeAsync();
    }
}
