using Martech.Sdk.IntegrationTests.Faults;
using Martech.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk.IntegrationTests.Pipedrive;

/// <summary>Pipedrive's contact upsert (a person created with <c>POST /api/v2/persons</c>, whose envelope the provider
/// reads itself) with a broken answer or a 5xx (<see cref="ProviderFaultTests"/>), and a person read answered 5xx,
/// which is sent again and not left open.</summary>
public sealed class PipedriveFaultTests(PipedriveEmulatorFixture fixture) : ProviderFaultTests, IClassFixture<PipedriveEmulatorFixture>
{
    protected override VendorEmulator Emulator => fixture.Emulator;

    protected override string WriteMethod => "POST";

    protected override string WritePath => "/api/v2/persons";

    protected override IReadOnlyList<string> Secrets => [PipedriveEmulator.DefaultApiToken];

    [Fact]
    public Task Read_ServerError_SentAgainAndNotLeftOpen() =>
        AssertIdempotentReadServerErrorIsNotOpenAsync("GET", "/api/v2/persons/{id}", s => s.GetRequiredKeyedService<IContactClient>("Pipedrive").GetAsync("101"));

    protected override ServiceProvider CreateServices()
    {
        fixture.Reset();
        return fixture.CreateServices(o =>
        {
            o.Resilience.BaseDelay = TimeSpan.FromMilliseconds(10);
            o.Resilience.MaxDelay = TimeSpan.FromMilliseconds(50);
        });
    }

    protected override Task WriteAsync(IServiceProvider services) =>
        services.GetRequiredKeyedService<IContactClient>("Pipedrive").UpsertAsync(FaultMessages.Contact());
}
