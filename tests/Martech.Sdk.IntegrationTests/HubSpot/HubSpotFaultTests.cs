using Martech.Sdk.IntegrationTests.Faults;
using Martech.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk.IntegrationTests.HubSpot;

/// <summary>HubSpot's contact upsert (a batch upsert by email) with a broken answer or a 5xx
/// (<see cref="ProviderFaultTests"/>), and a contact read answered 5xx, which is sent again and not left open.</summary>
public sealed class HubSpotFaultTests(HubSpotEmulatorFixture fixture) : ProviderFaultTests, IClassFixture<HubSpotEmulatorFixture>
{
    protected override VendorEmulator Emulator => fixture.Emulator;

    protected override string WriteMethod => "POST";

    protected override string WritePath => "/crm/v3/objects/contacts/batch/upsert";

    protected override IReadOnlyList<string> Secrets => [HubSpotEmulator.DefaultAccessToken];

    [Fact]
    public Task Read_ServerError_SentAgainAndNotLeftOpen() =>
        AssertIdempotentReadServerErrorIsNotOpenAsync("GET", "/crm/v3/objects/contacts/{id}", s => s.GetRequiredKeyedService<IContactClient>("HubSpot").GetAsync("101"));

    protected override ServiceProvider CreateServices() => fixture.BuildServices();

    protected override Task WriteAsync(IServiceProvider services) =>
        services.GetRequiredKeyedService<IContactClient>("HubSpot").UpsertAsync(FaultMessages.Contact());
}
