using Martech.Sdk.Testing;
using Martech.Sdk.Testing.Conformance;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Martech.Sdk.IntegrationTests.Pipedrive;

/// <summary>The contact conformance suite against the Pipedrive provider and its emulator over real sockets.</summary>
public sealed class PipedriveContactConformanceTests(PipedriveEmulatorFixture fixture, ITestOutputHelper output)
    : ContactClientConformanceTests(output), IClassFixture<PipedriveEmulatorFixture>
{
    private ServiceProvider? _services;

    /// <summary>Pipedrive's API only marks persons deleted (removed after 30 days); erasure is its GDPR tool's job.</summary>
    protected override bool SupportsErase => false;

    /// <summary>Pipedrive pages persons at most 500 at a time.</summary>
    protected override int? MaxPageSize => 500;

    /// <summary>Pipedrive custom fields hold scalar values of their type (text, number, date, option ids).</summary>
    protected override bool SupportsStructuredCustomFields => false;

    protected override Task<IContactClient> CreateClientAsync()
    {
        fixture.Reset();
        _services = fixture.CreateServices();
        return Task.FromResult(_services.GetRequiredKeyedService<IContactClient>("Pipedrive"));
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
