using Martech.Sdk.Salesforce;
using Martech.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk.IntegrationTests.Salesforce;

/// <summary>
/// One Salesforce emulator per test class, reset for each test, and the provider built through DI as a user would build
/// it, pointed at the emulator over real sockets (OAuth2 included).
/// </summary>
public sealed class SalesforceEmulatorFixture : IAsyncLifetime
{
    /// <summary>Well-formed ids no record has (the emulator numbers its records from 1).</summary>
    public const string UnknownContactId = "0035E9999999999QAA";

    public const string UnknownLeadId = "00Q5E9999999999UAA";

    public const string UnknownCampaignId = "7015E9999999999QAA";

    public SalesforceEmulator Emulator { get; } = new();

    public Task InitializeAsync() => Emulator.StartAsync();

    public async Task DisposeAsync() => await Emulator.DisposeAsync();

    /// <summary>Builds a container with a Salesforce instance on the emulator. Salesforce has no standard contact
    /// lifecycle or lead score field, so the suite maps them to custom fields, as an org would.</summary>
    public ServiceProvider CreateServices(Action<SalesforceOptions>? configure = null, string name = "Salesforce")
    {
        var services = new ServiceCollection();
        services.AddMartech().AddSalesforce(name, o =>
        {
            o.MyDomainUrl = Emulator.BaseAddress;
            o.ClientId = SalesforceEmulator.DefaultClientId;
            o.ClientSecret = SalesforceEmulator.DefaultClientSecret;
            o.RequestsPerSecond = 2000;
            o.ContactLifecycleStageField = "LifecycleStage__c";
            o.LeadScoreField = "Score__c";
            configure?.Invoke(o);
        });
        return services.BuildServiceProvider();
    }
}
