using Martech.Sdk.Testing;
using Martech.Sdk.Testing.Conformance;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Martech.Sdk.IntegrationTests.Salesforce;

/// <summary>The lead conformance suite against the Salesforce provider and its emulator.</summary>
public sealed class SalesforceLeadConformanceTests(SalesforceEmulatorFixture fixture, ITestOutputHelper output)
    : LeadClientConformanceTests(output), IClassFixture<SalesforceEmulatorFixture>
{
    private ServiceProvider? _services;

    /// <summary>Salesforce REST has no lead-convert resource (conversion needs Apex or the SOAP API).</summary>
    protected override bool SupportsLeadConversion => false;

    protected override string UnknownId => SalesforceEmulatorFixture.UnknownLeadId;

    protected override Task<ILeadClient> CreateClientAsync()
    {
        fixture.Emulator.Reset();
        _services = fixture.CreateServices();
        return Task.FromResult(_services.GetRequiredService<ILeadClient>());
    }

    protected override Task<IContactClient?> CreateContactClientAsync() =>
        Task.FromResult<IContactClient?>(_services!.GetRequiredService<IContactClient>());

    public override async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        await base.DisposeAsync();
    }
}
