using Martech.Sdk.IntegrationTests.HubSpot;
using Martech.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk.IntegrationTests.DataQuality;

/// <summary>Consolidation through the real providers and transports against the emulators on loopback: Pipedrive →
/// HubSpot (contacts with a custom field, a contact the target already has, an answer lost after the write and a
/// resume; then leads) and HubSpot → HubSpot (a move between two portals).</summary>
public sealed class ConsolidationEmulatorTests
{
    [Fact]
    public async Task PipedriveToHubSpot_AnswerLostMidRun_ResumeLeavesEachPersonOnceInHubSpot()
    {
        await using var pipedrive = new PipedriveEmulator();
        await using Portal portal = await Portal.StartAsync();
        HubSpotEmulator hubspot = portal.Emulator;
        await pipedrive.StartAsync();
        pipedrive.AddPersonField("industry", "varchar");
        await using ServiceProvider services = Build(martech =>
        {
            martech.AddPipedrive("Pipedrive", o =>
            {
                o.ApiToken = PipedriveEmulator.DefaultApiToken;
                o.BaseAddress = pipedrive.V2BaseAddress;
                o.V1BaseAddress = pipedrive.V1BaseAddress;
                o.RateLimitPermitLimit = 100_000;
                o.RateLimitWindow = TimeSpan.FromSeconds(1);
                o.ConversionPollInterval = TimeSpan.Zero;
            });
            martech.AddHubSpot("HubSpot", portal.Fixture.Configure);
        });
        IContactClient source = services.GetRequiredKeyedService<IContactClient>("Pipedrive");
        IContactClient target = services.GetRequiredKeyedService<IContactClient>("HubSpot");
        for (int i = 1; i <= 7; i++)
        {
            var person = new Contact { Email = EmailAddress.Parse($"person{i}@example.org"), FirstName = $"First{i}", LastName = $"Last{i}", Phone = PhoneNumber.Parse($"+1415555010{i}") };
            person.CustomFields.Set("industry", i % 2 == 0 ? "retail" : "software");
            await source.UpsertAsync(person);
        }

        await target.UpsertAsync(new Contact { Email = EmailAddress.Parse("PERSON3@example.org"), FirstName = "Existing", JobTitle = "Kept" });
        // The fourth write reaches HubSpot, then the connection drops before the answer: the run stops there.
        int writes = 0;
        hubspot.Faults.When(
            r => r.Method == "POST" && r.Path == "/crm/v3/objects/contacts/batch/upsert" && Interlocked.Increment(ref writes) == 4,
            EmulatorFault.ResetAfterProcessing(),
            count: 1);
        var store = new InMemoryCheckpointStore();
        var outcomes = new List<ConsolidationOutcome>();
        var options = new ConsolidationOptions
        {
            PageSize = 3,
            OnOutcome = (o, _) =>
            {
                outcomes.Add(o);
                return ValueTask.CompletedTask;
            },
        };

        await Assert.ThrowsAsync<MartechTransportException>(() => new Consolidation(store).ConsolidateContactsAsync(source, target, options));
        ConsolidationResult result = await new Consolidation(store).ConsolidateContactsAsync(source, target, options);

        Assert.True(result.Resumed);
        Assert.Equal(7, hubspot.Contacts.Count);
        Assert.Equal(
            Enumerable.Range(1, 7).Select(i => $"person{i}@example.org"),
            hubspot.Contacts.Items.Select(c => c["email"]).Order(StringComparer.Ordinal));
        Assert.Equal(7, outcomes.Count);
        Assert.Equal(7, outcomes.Select(o => o.SourceId).Distinct().Count());
        // person3 matched the contact HubSpot already had; the contact written before the lost answer was matched too.
        Assert.Equal((5, 2), (result.Created, result.Updated));
        var person3 = hubspot.Contacts.Items.Single(c => c["email"] == "person3@example.org");
        Assert.Equal(("First3", "Kept", "software"), (person3["firstname"], person3["jobtitle"], person3["industry"]));
        Assert.Equal("retail", hubspot.Contacts.Items.Single(c => c["email"] == "person2@example.org")["industry"]);
        Assert.Equal("+14155550105", hubspot.Contacts.Items.Single(c => c["email"] == "person5@example.org")["phone"]);

        // Leads next: Pipedrive leads to HubSpot leads, each linked to the HubSpot contact of its address; a second run
        // from the start matches every lead HubSpot now has (the target index) instead of creating it again.
        ILeadClient sourceLeads = services.GetRequiredKeyedService<ILeadClient>("Pipedrive");
        ILeadClient targetLeads = services.GetRequiredKeyedService<ILeadClient>("HubSpot");
        await sourceLeads.CreateAsync(new Lead { Email = EmailAddress.Parse("person1@example.org"), Title = "Website demo request" });
        await sourceLeads.CreateAsync(new Lead { Email = EmailAddress.Parse("person2@example.org"), Title = "Pricing page" });

        ConsolidationResult leads = await new Consolidation(store).ConsolidateLeadsAsync(sourceLeads, targetLeads, new ConsolidationOptions { PageSize = 1 });
        ConsolidationResult again = await new Consolidation(store).ConsolidateLeadsAsync(sourceLeads, targetLeads, new ConsolidationOptions { StartOver = true });

        Assert.Equal((2, 0), (leads.Created, leads.Updated));
        Assert.Equal((0, 2), (again.Created, again.Updated));
        Assert.Equal(2, hubspot.Leads.Count);
        Assert.Equal(7, hubspot.Contacts.Count);
    }

    [Fact]
    public async Task HubSpotToHubSpot_Move_EmptiesTheSourcePortalAndDedupesOnTheTarget()
    {
        await using Portal usPortal = await Portal.StartAsync();
        await using Portal euPortal = await Portal.StartAsync();
        HubSpotEmulator us = usPortal.Emulator;
        HubSpotEmulator eu = euPortal.Emulator;
        await using ServiceProvider services = Build(martech =>
        {
            martech.AddHubSpot("HubSpotUS", usPortal.Fixture.Configure);
            martech.AddHubSpot("HubSpotEU", euPortal.Fixture.Configure);
            martech.AddConsolidation();
        });
        IContactClient source = services.GetRequiredKeyedService<IContactClient>("HubSpotUS");
        IContactClient target = services.GetRequiredKeyedService<IContactClient>("HubSpotEU");
        for (int i = 1; i <= 5; i++)
        {
            await source.UpsertAsync(new Contact { Email = EmailAddress.Parse($"p{i}@example.org"), FirstName = $"P{i}", LifecycleStage = LifecycleStage.Lead });
        }

        await target.UpsertAsync(new Contact { Email = EmailAddress.Parse("p2@example.org"), FirstName = "Theirs" });

        ConsolidationResult dry = await services.GetRequiredService<Consolidation>().ConsolidateContactsAsync(source, target, new ConsolidationOptions { Mode = ConsolidationMode.Move, DryRun = true });
        Assert.Equal((4, 1, 5), (dry.Created, dry.Updated, dry.SourceDeleted));
        Assert.Equal((5, 1), (us.Contacts.Count, eu.Contacts.Count));

        ConsolidationResult result = await services.GetRequiredService<Consolidation>().ConsolidateContactsAsync(source, target, new ConsolidationOptions { Mode = ConsolidationMode.Move, PageSize = 2 });

        Assert.Equal((4, 1, 5), (result.Created, result.Updated, result.SourceDeleted));
        Assert.Equal(0, us.Contacts.Count);
        Assert.Equal(5, eu.Contacts.Count);
        Assert.Equal("P2", eu.Contacts.Items.Single(c => c["email"] == "p2@example.org")["firstname"]);
        Assert.All(eu.Contacts.Items, c => Assert.Equal("lead", c["lifecyclestage"]));
    }

    private static ServiceProvider Build(Action<MartechBuilder> configure)
    {
        var services = new ServiceCollection();
        configure(services.AddMartech());
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    /// <summary>A HubSpot emulator (a portal) started for one test, with the provider settings of the HubSpot tests.</summary>
    private sealed class Portal : IAsyncDisposable
    {
        public HubSpotEmulatorFixture Fixture { get; } = new();

        public HubSpotEmulator Emulator => Fixture.Emulator;

        public static async Task<Portal> StartAsync()
        {
            var portal = new Portal();
            await portal.Fixture.InitializeAsync();
            return portal;
        }

        public async ValueTask DisposeAsync() => await Fixture.DisposeAsync();
    }
}
