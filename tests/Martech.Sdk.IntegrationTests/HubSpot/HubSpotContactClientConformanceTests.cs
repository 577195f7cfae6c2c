using Martech.Sdk.Testing;
using Martech.Sdk.Testing.Conformance;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Martech.Sdk.IntegrationTests.HubSpot;

/// <summary>The contact conformance suite against the HubSpot provider and its emulator, over real sockets.</summary>
public sealed class HubSpotContactClientConformanceTests(HubSpotEmulatorFixture fixture, ITestOutputHelper output)
    : ContactClientConformanceTests(output), IClassFixture<HubSpotEmulatorFixture>
{
    private ServiceProvider? _services;

    // HubSpot list pages hold at most 100 contacts (the provider clamps larger page sizes to its MaxPageSize).
    protected override int? MaxPageSize => 100;

    // HubSpot stores every property value as a string: a JSON object or array comes back as its text.
    protected override bool SupportsStructuredCustomFields => false;

    protected override Task<IContactClient> CreateClientAsync()
    {
        // HubSpot returns only the properties a read asks for: the suite's custom fields are listed, as a user would.
        _services = fixture.BuildServices(o => o.ContactPropertiesToRead = ["favourite_colour", "employees", "discount", "newsletter", "trial_ends", "vendor_blob"]);
        return Task.FromResult(_services.GetRequiredService<IContactClient>());
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
