using LeadFlow;
using Martech.Sdk.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Martech.Sdk.IntegrationTests.HubSpot;

/// <summary>
/// The LeadFlow sample's whole flow with contacts and leads in HubSpot (the provider against its emulator, over real
/// sockets) and email and messaging on the in-memory provider: the same summary as on the in-memory default
/// (tests/Martech.Sdk.Tests/Samples/LeadFlowTests.cs), except that the sample seeds only its in-memory CRM, so the
/// three "existing" contacts of data/crm-seed.csv are put into HubSpot first, through the provider.
/// </summary>
public sealed class HubSpotLeadFlowTests(HubSpotEmulatorFixture fixture) : IClassFixture<HubSpotEmulatorFixture>
{
    private HubSpotEmulator Emulator => fixture.Emulator;

    private ServiceProvider Build()
    {
        IConfiguration configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json")
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                // Configuration alone switches LeadFlow to HubSpot for contacts and leads: the sample registers a
                // vendor when its section exists, and Martech:Defaults routes the capabilities to it.
                ["Martech:Defaults:Contacts"] = "HubSpot",
                ["Martech:Defaults:Leads"] = "HubSpot",
                ["Martech:HubSpot:BaseAddress"] = Emulator.BaseAddress.ToString(),
                ["Martech:HubSpot:AccessToken"] = HubSpotEmulator.DefaultAccessToken,
                ["Martech:HubSpot:RateLimitPermits"] = "100000",
            })
            .Build();
        Emulator.Reset();
        var services = new ServiceCollection();
        services.AddLeadFlowProviders(configuration.GetSection("Martech"));
        services.AddOptions<LeadFlowOptions>().Bind(configuration.GetSection("LeadFlow"));
        services.AddSingleton<LeadFlowRunner>();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    /// <summary>Puts the sample's "existing CRM" contacts into HubSpot as its in-memory seeding does, through the provider.</summary>
    private static async Task<BulkResult<Contact>> SeedAsync(IServiceProvider services)
    {
        LeadFlowOptions options = services.GetRequiredService<IOptions<LeadFlowOptions>>().Value;
        await using var file = File.OpenRead(Path.Combine(AppContext.BaseDirectory, options.SeedCsv!));
        var (rows, _) = await LeadRow.ReadAsync(file, CancellationToken.None);
        NormalizedLeads seed = LeadNormalizer.Normalize(rows, "existing-crm", DateTimeOffset.UtcNow.AddDays(-30));
        var contacts = services.GetRequiredKeyedService<IContactClient>("HubSpot");
        return await contacts.UpsertManyAsync([.. seed.Leads.Select(l => l.ToContact() with { LifecycleStage = LifecycleStage.Subscriber })]);
    }

    [Fact]
    public async Task RunAsync_ContactsAndLeadsInHubSpot_SameSummaryAsInMemory()
    {
        await using ServiceProvider sp = Build();
        BulkResult<Contact> seeded = await SeedAsync(sp);
        Assert.Equal(3, seeded.CreatedCount);

        LeadFlowSummary summary = await sp.GetRequiredService<LeadFlowRunner>().RunAsync(AppContext.BaseDirectory, new NoStepProgress(), CancellationToken.None);

        Assert.Equal("HubSpot", summary.Providers["Contacts"]);
        Assert.Equal("HubSpot", summary.Providers["Leads"]);
        Assert.Equal("InMemory", summary.Providers["Email"]);
        Assert.Equal(19, summary.RowsRead);
        Assert.Equal(0, summary.SeededContacts); // the sample seeds its in-memory CRM only; HubSpot was seeded above
        Assert.Equal(2, summary.DuplicatesMerged);
        Assert.Equal(4, summary.Rejected.Count);
        Assert.Equal(10, summary.ContactsCreated);
        Assert.Equal(3, summary.ContactsUpdated);
        Assert.Empty(summary.ContactsFailed);
        Assert.Equal(summary.RowsRead, summary.ContactsCreated + summary.ContactsUpdated + summary.DuplicatesMerged + summary.Rejected.Count);
        Assert.Equal(13, summary.LeadsCreated);
        Assert.Empty(summary.LeadsFailed);
        Assert.Equal(13, summary.NotificationsSent);
        Assert.Equal(9, summary.EmailsSent);
        Assert.Equal(
            ["alan.turing@bletchley.example", "edsger.dijkstra@eindhoven.example", "dennis.ritchie@bell-labs.example", "john.mccarthy@stanford.example"],
            summary.EmailsWithheld.Select(w => w.Value));
        Assert.Equal(4, summary.SmsSent);
        Assert.Equal(4, summary.SmsWithheld.Count);
        Assert.Empty(summary.EmailsFailed);
    }

    [Fact]
    public async Task RunAsync_ContactsAndLeadsInHubSpot_HubSpotHoldsWhatWasSent()
    {
        await using ServiceProvider sp = Build();
        await SeedAsync(sp);

        await sp.GetRequiredService<LeadFlowRunner>().RunAsync(AppContext.BaseDirectory, new NoStepProgress(), CancellationToken.None);

        // HubSpot: 13 contacts, 13 leads, each lead associated with its contact.
        Assert.Equal(13, Emulator.Contacts.Count);
        Assert.Equal(13, Emulator.Leads.Count);
        var contactIds = Emulator.Contacts.Items.Select(c => c.Id).ToHashSet();
        Assert.All(Emulator.Leads.Items, lead => Assert.Contains(Assert.Single(lead.AssociatedContactIds), contactIds));
        Assert.Equal(13, Emulator.Leads.Items.Select(l => l.AssociatedContactIds[0]).Distinct().Count());
        Assert.All(Emulator.Leads.Items, lead => Assert.False(string.IsNullOrEmpty(lead["hs_lead_name"])));

        // The merged duplicate kept the later row's values, and consent withdrawn in the CSV overrode the CRM's.
        var contacts = sp.GetRequiredKeyedService<IContactClient>("HubSpot");
        Contact? ada = await contacts.FindByEmailAsync("ada.lovelace@analytical.example");
        Assert.Equal("Analytical Engines Ltd", ada?.Company);
        Contact? alan = await contacts.FindByEmailAsync("alan.turing@bletchley.example");
        Assert.Equal(ConsentStatus.Denied, alan?.EmailConsent?.Status);
        Contact? frances = await contacts.FindByEmailAsync("frances.allen@ibm.example");
        Assert.Equal(("Frances", "IBM"), (frances?.FirstName, frances?.Company));

        // Email and messaging ran on the in-memory provider.
        var store = sp.GetRequiredKeyedService<InMemoryMartechStore>("InMemory");
        Assert.Empty(store.Contacts);
        Assert.Equal(9, store.SentEmails.Count);
        Assert.Equal(13, store.SentMessages.Count(m => m.Message.Destination.Kind == MessageDestinationKind.Channel));
        Assert.Equal(4, store.SentMessages.Count(m => m.Message.Destination.Kind == MessageDestinationKind.PhoneNumber));
    }
}
