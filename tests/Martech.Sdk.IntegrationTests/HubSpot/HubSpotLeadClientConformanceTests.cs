using Martech.Sdk.Testing;
using Martech.Sdk.Testing.Conformance;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Martech.Sdk.IntegrationTests.HubSpot;

/// <summary>The lead conformance suite against the HubSpot provider and its emulator, over real sockets.</summary>
public sealed class HubSpotLeadClientConformanceTests(HubSpotEmulatorFixture fixture, ITestOutputHelper output)
    : LeadClientConformanceTests(output), IClassFixture<HubSpotEmulatorFixture>
{
    private ServiceProvider? _services;

    // HubSpot has no lead conversion API: ConvertAsync throws NotSupportedException, which the suite checks instead.
    protected override bool SupportsLeadConversion => false;

    protected override Task<ILeadClient> CreateClientAsync()
    {
        _services = fixture.BuildServices(o => o.LeadPropertiesToRead = ["budget_band", "seats", "demo_requested"]);
        return Task.FromResult(_services.GetRequiredService<ILeadClient>());
    }

    protected override Task<IContactClient?> CreateContactClientAsync() =>
        Task.FromResult<IContactClient?>(Services.GetRequiredService<IContactClient>());

    public override async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    private ServiceProvider Services => _services ?? throw new InvalidOperationException("CreateClientAsync has not run.");
}
