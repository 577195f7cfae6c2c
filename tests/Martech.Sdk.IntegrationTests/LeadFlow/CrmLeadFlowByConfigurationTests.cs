using LeadFlow;
using Martech.Sdk.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk.IntegrationTests.LeadFlow;

/// <summary>
/// The LeadFlow sample against the Salesforce and Pipedrive emulators by configuration alone (HubSpot's run is in
/// HubSpot/HubSpotLeadFlowTests.cs): the sample's own registration, the vendor chosen by Martech:Defaults and its
/// section. Every CSV row is accounted for; consent-dependent sends follow what each CRM can store.
/// </summary>
public sealed class CrmLeadFlowByConfigurationTests
{
    private static async Task<LeadFlowSummary> RunAsync(Dictionary<string, string?> settings)
    {
        IConfiguration configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json")
            .AddInMemoryCollection(settings)
            .Build();
        var services = new ServiceCollection();
        services.AddLeadFlowProviders(configuration.GetSection("Martech"));
        services.AddOptions<LeadFlowOptions>().Bind(configuration.GetSection("LeadFlow"));
        services.AddSingleton<LeadFlowRunner>();
        await using ServiceProvider sp = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        return await sp.GetRequiredService<LeadFlowRunner>().RunAsync(AppContext.BaseDirectory, new NoStepProgress(), CancellationToken.None);
    }

    private static void AssertEveryRowAccountedFor(LeadFlowSummary summary, string provider)
    {
        Assert.Equal(provider, summary.Providers["Contacts"]);
        Assert.Equal(provider, summary.Providers["Leads"]);
        Assert.Empty(summary.ContactsFailed.Select(f => $"{f.Value}: {f.Reason}"));
        Assert.Empty(summary.LeadsFailed.Select(f => $"{f.Value}: {f.Reason}"));
        Assert.Equal(19, summary.RowsRead);
        Assert.Equal(4, summary.Rejected.Count);
        Assert.Equal(2, summary.DuplicatesMerged);
        Assert.Equal(0, summary.SeededContacts); // the sample seeds only its in-memory CRM
        Assert.Equal(13, summary.ContactsCreated);
        Assert.Equal(13, summary.LeadsCreated);
        Assert.Equal(13, summary.NotificationsSent);
        Assert.Equal(13, summary.EmailsSent + summary.EmailsWithheld.Count);
        Assert.Empty(summary.EmailsFailed);

        // Every lead the CRM created has its first-touch clock, started at the CRM's creation time and still pending.
        Assert.Equal(
            summary.Rows.Where(r => r.Lead == "created").Select(r => r.LeadId),
            summary.Slas.OrderBy(c => c.Line).Select(c => c.LeadId));
        Assert.All(summary.Slas, c => Assert.Equal(("first-touch", "sales", SlaClockStatus.Pending), (c.Policy, c.Calendar, c.Status)));
        Assert.All(summary.Rows.Where(r => r.Lead == "created"), r => Assert.Equal(("first-touch", "pending"), (r.SlaPolicy, r.SlaStatus)));
    }

    [Fact]
    public async Task LeadFlow_ContactsAndLeadsInPipedrive_ByConfiguration()
    {
        await using var emulator = new PipedriveEmulator();
        await emulator.StartAsync();

        var summary = await RunAsync(new()
        {
            ["Martech:Defaults:Contacts"] = "Pipedrive",
            ["Martech:Defaults:Leads"] = "Pipedrive",
            ["Martech:Pipedrive:ApiToken"] = PipedriveEmulator.DefaultApiToken,
            ["Martech:Pipedrive:BaseAddress"] = emulator.V2BaseAddress.ToString(),
            ["Martech:Pipedrive:V1BaseAddress"] = emulator.V1BaseAddress.ToString(),
        });

        AssertEveryRowAccountedFor(summary, "Pipedrive");

        // Pipedrive keeps email consent (marketing_status), so the same 9 are welcomed as on the in-memory default.
        Assert.Equal(9, summary.EmailsSent);
    }

    [Fact]
    public async Task LeadFlow_ContactsAndLeadsInSalesforce_ByConfiguration()
    {
        await using var emulator = new SalesforceEmulator();
        await emulator.StartAsync();

        var summary = await RunAsync(new()
        {
            ["Martech:Defaults:Contacts"] = "Salesforce",
            ["Martech:Defaults:Leads"] = "Salesforce",
            ["Martech:Salesforce:MyDomainUrl"] = emulator.BaseAddress.ToString(),
            ["Martech:Salesforce:ClientId"] = SalesforceEmulator.DefaultClientId,
            ["Martech:Salesforce:ClientSecret"] = SalesforceEmulator.DefaultClientSecret,
        });

        AssertEveryRowAccountedFor(summary, "Salesforce");

        // Salesforce stores only opt-outs (HasOptedOutOfEmail): a granted consent reads back as none on record, so
        // marketing welcomes are withheld for everyone, with that reason, rather than sent on an assumption.
        Assert.Equal(0, summary.EmailsSent);
        Assert.All(summary.EmailsWithheld, w => Assert.Contains("consent", w.Reason, StringComparison.Ordinal));
    }
}
