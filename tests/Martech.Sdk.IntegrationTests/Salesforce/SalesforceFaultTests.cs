using Martech.Sdk.IntegrationTests.Faults;
using Martech.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk.IntegrationTests.Salesforce;

/// <summary>Salesforce's contact upsert by an external-id field (<c>PATCH sobjects/Contact/{field}/{value}</c>, whose
/// answer the provider reads itself) with a broken answer or a 5xx (<see cref="ProviderFaultTests"/>), and a contact
/// query answered 5xx, which is sent again and not left open.</summary>
public sealed class SalesforceFaultTests(SalesforceEmulatorFixture fixture) : ProviderFaultTests, IClassFixture<SalesforceEmulatorFixture>
{
    private const string ExternalIdField = "Email_Key__c";

    protected override VendorEmulator Emulator => fixture.Emulator;

    protected override string WriteMethod => "PATCH";

    protected override string WritePath => "/services/data/{version}/sobjects/Contact/" + ExternalIdField + "/{value}";

    protected override IReadOnlyList<string> Secrets => [SalesforceEmulator.DefaultClientSecret];

    [Fact]
    public Task Read_ServerError_SentAgainAndNotLeftOpen() =>
        AssertIdempotentReadServerErrorIsNotOpenAsync("GET", "/services/data/{version}/query", s => s.GetRequiredKeyedService<IContactClient>("Salesforce").GetAsync(SalesforceEmulatorFixture.UnknownContactId));

    protected override ServiceProvider CreateServices()
    {
        fixture.Emulator.Reset();
        fixture.Emulator.AddExternalIdField("Contact", ExternalIdField);
        return fixture.CreateServices(o =>
        {
            o.ContactEmailExternalIdField = ExternalIdField;
            o.Resilience.BaseDelay = TimeSpan.FromMilliseconds(10);
            o.Resilience.MaxDelay = TimeSpan.FromMilliseconds(50);
        });
    }

    protected override Task WriteAsync(IServiceProvider services) =>
        services.GetRequiredKeyedService<IContactClient>("Salesforce").UpsertAsync(FaultMessages.Contact());
}
