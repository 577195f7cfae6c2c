using Martech.Sdk.Testing;
using Martech.Sdk.Testing.Conformance;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Martech.Sdk.IntegrationTests.Pipedrive;

/// <summary>The lead conformance suite against the Pipedrive provider and its emulator over real sockets.</summary>
/// <remarks>Conversion here is the provider's conversion without a deal (mark converted, archive, keep the person);
/// conversion into a Pipedrive deal is tested in PipedriveProviderTests.</remarks>
public sealed class PipedriveLeadConformanceTests(PipedriveEmulatorFixture fixture, ITestOutputHelper output)
    : LeadClientConformanceTests(output), IClassFixture<PipedriveEmulatorFixture>
{
    private ServiceProvider? _services;

    /// <summary>Pipedrive lead ids are UUIDs.</summary>
    protected override string UnknownId => "6f1f3c1e-2b7a-4a8e-9d59-0c1f0e6b9a11";

    protected override Task<ILeadClient> CreateClientAsync()
    {
        fixture.Reset();
        _services = fixture.CreateServices();
        return Task.FromResult(_services.GetRequiredKeyedService<ILeadClient>("Pipedrive"));
    }

    protected override Task<IContactClient?> CreateContactClientAsync() =>
        Task.FromResult<IContactClient?>(_services!.GetRequiredKeyedService<IContactClient>("Pipedrive"));

    public override async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        await base.DisposeAsync();
    }
}
