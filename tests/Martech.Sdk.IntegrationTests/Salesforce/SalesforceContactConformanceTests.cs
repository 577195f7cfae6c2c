using Martech.Sdk.Testing;
using Martech.Sdk.Testing.Conformance;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Martech.Sdk.IntegrationTests.Salesforce;

/// <summary>The contact conformance suite against the Salesforce provider and its emulator.</summary>
public sealed class SalesforceContactConformanceTests(SalesforceEmulatorFixture fixture, ITestOutputHelper output)
    : ContactClientConformanceTests(output), IClassFixture<SalesforceEmulatorFixture>
{
    private ServiceProvider? _services;

    /// <summary>Salesforce REST deletes to the recycle bin; it has no permanent erasure.</summary>
    protected override bool SupportsErase => false;

    /// <summary>Salesforce fields hold scalars: a JSON object or array is refused (JSON_PARSER_ERROR).</summary>
    protected override bool SupportsStructuredCustomFields => false;

    protected override string UnknownId => SalesforceEmulatorFixture.UnknownContactId;

    // MaxPageSize (2,000) is left unset: the suite would seed 2,001 contacts one upsert at a time. The clamp is covered,
    // with a bulk seed, by SalesforceProviderTests.ListAsync_PageSizeAboveMaximum_PagesOf2000.

    protected override Task<IContactClient> CreateClientAsync()
    {
        fixture.Emulator.Reset();
        _services = fixture.CreateServices();
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
