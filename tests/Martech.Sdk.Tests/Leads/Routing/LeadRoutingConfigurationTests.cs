using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Martech.Sdk.Tests.Leads.Routing;

public sealed class LeadRoutingConfigurationTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings, Action<MartechBuilder>? also = null)
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        MartechBuilder martech = services.AddMartech(configuration.GetSection("Martech"));
        martech.AddInMemory();
        also?.Invoke(martech);
        martech.AddLeadRouting();
        return services.BuildServiceProvider();
    }

    private static Dictionary<string, string?> Valid() => new()
    {
        ["Martech:Slas:Calendars:berlin:TimeZone"] = "Europe/Berlin",
        ["Martech:Slas:Calendars:berlin:Hours:Weekdays"] = "09:00-17:00",
        ["Martech:Leads:Routing:Owners:ada:Weight"] = "3",
        ["Martech:Leads:Routing:Owners:ada:Calendar"] = "berlin",
        ["Martech:Leads:Routing:Owners:ada:Destination"] = "user:U-ADA",
        ["Martech:Leads:Routing:Owners:bob:Weight"] = "1",
        ["Martech:Leads:Routing:Owners:bob:MaxOpenLeads"] = "20",
        ["Martech:Leads:Routing:Pools:sales:Owners:0"] = "ada",
        ["Martech:Leads:Routing:Pools:sales:Owners:1"] = "bob",
        ["Martech:Leads:Routing:Pools:emea:Owners:0"] = "bob",
        ["Martech:Leads:Routing:Pools:emea:Strategy"] = "RoundRobin",
        ["Martech:Leads:Routing:DefaultPool"] = "sales",
        ["Martech:Leads:Routing:Rules:0:Name"] = "dach",
        ["Martech:Leads:Routing:Rules:0:Conditions:0:Field"] = "country",
        ["Martech:Leads:Routing:Rules:0:Conditions:0:Operator"] = "OneOf",
        ["Martech:Leads:Routing:Rules:0:Conditions:0:Values:0"] = "DE",
        ["Martech:Leads:Routing:Rules:0:Conditions:0:Values:1"] = "AT",
        ["Martech:Leads:Routing:Rules:0:Pool"] = "emea",
        ["Martech:Leads:Routing:Rules:1:Conditions:0:Field"] = "employees",
        ["Martech:Leads:Routing:Rules:1:Conditions:0:Operator"] = "Between",
        ["Martech:Leads:Routing:Rules:1:Conditions:0:Min"] = "1000",
        ["Martech:Leads:Routing:Rules:1:Owner"] = "ada",
        ["Martech:Leads:Routing:AssignedStatus"] = "working",
        ["Martech:Leads:Routing:NotificationProvider"] = "InMemory",
    };

    [Fact]
    public async Task AddLeadRouting_FromConfiguration_RoutesByTheConfiguredRules()
    {
        await using ServiceProvider provider = Build(Valid());
        provider.GetRequiredService<IStartupValidator>().Validate();
        LeadRouter router = provider.GetRequiredService<LeadRouter>();
        ILeadClient leads = provider.GetRequiredService<ILeadClient>();
        var dach = new Lead { FirstName = "Ute" };
        dach.CustomFields.Set("country", "de");
        Lead stored = await leads.CreateAsync(dach);

        LeadHandoffOutcome outcome = await router.HandOffAsync(stored);

        Assert.Equal(("dach", "emea", "bob"), (outcome.Decision.Rule, outcome.Decision.Pool, outcome.Decision.OwnerId));
        Lead written = (await leads.GetAsync(stored.Id!))!;
        Assert.Equal(("bob", LeadStatus.Working), (written.OwnerId, written.Status));
        Assert.Equal("Rules:1", (await router.ExplainAsync(WithEmployees("5000"))).Rule);
    }

    [Fact]
    public void AddLeadRouting_Misconfigured_FailsAtStartNamingPathAndFix()
    {
        Dictionary<string, string?> settings = Valid();
        settings["Martech:Leads:Routing:Owners:ada:Calendar"] = "tokyo";
        settings["Martech:Leads:Routing:Owners:bob:Weight"] = "0";
        settings["Martech:Leads:Routing:Owners:bob:MaxLeadsPerDay"] = "0";
        settings["Martech:Leads:Routing:Pools:empty:Strategy"] = "Weighted";
        settings["Martech:Leads:Routing:Pools:emea:Owners:1"] = "zed";
        settings["Martech:Leads:Routing:Rules:0:Conditions:0:Operator"] = "IsLike";
        settings["Martech:Leads:Routing:Rules:1:Owner"] = "carol";
        settings["Martech:Leads:Routing:Rules:2:Conditions:0:Field"] = "Source";
        settings["Martech:Leads:Routing:Rules:2:Conditions:0:Operator"] = "Equals";
        settings["Martech:Leads:Routing:Rules:2:Pool"] = "apac";
        settings["Martech:Leads:Routing:DefaultPool"] = "everyone";
        settings["Martech:Leads:Routing:NotificationProvider"] = "Slack";
        using ServiceProvider provider = Build(settings);

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        string[] expected =
        [
            "Martech:Leads:Routing:Owners:ada:Calendar names 'tokyo', which is not a business calendar: define Martech:Slas:Calendars:tokyo with its TimeZone and Hours, or add it in code with AddBusinessCalendars(o => o.Add(\"tokyo\", ...)) (there are: berlin).",
            "Martech:Leads:Routing:Owners:bob:Weight must be a whole number from 1 to 1000 (was 0): to stop leads going to the owner, set Available to false instead.",
            "Martech:Leads:Routing:Owners:bob:MaxLeadsPerDay must be at least 1 (was 0); remove it for no limit, or set Available to false.",
            "Martech:Leads:Routing:Pools:emea:Owners:1 names 'zed', which is not an owner: add it under Martech:Leads:Routing:Owners or remove it (there are: ada, bob).",
            "Martech:Leads:Routing:Pools:empty:Owners is empty: list the ids of the owners leads in this pool rotate among.",
            "Martech:Leads:Routing:DefaultPool names 'everyone', which is not a pool: define Martech:Leads:Routing:Pools:everyone or name one there is (there are: emea, empty, sales).",
            "Martech:Leads:Routing:Rules:0:Conditions:0:Operator 'IsLike' is not an operator: use one of Equals, OneOf, Contains, StartsWith, Between, Present, Missing.",
            "Martech:Leads:Routing:Rules:1:Owner names 'carol', which is not an owner: add it under Martech:Leads:Routing:Owners or name one there is (there are: ada, bob).",
            "Martech:Leads:Routing:Rules:2:Conditions:0:Values must hold exactly one value for Equals (has 0); use OneOf for several.",
            "Martech:Leads:Routing:Rules:2:Pool names 'apac', which is not a pool: define Martech:Leads:Routing:Pools:apac or name one there is (there are: emea, empty, sales).",
            "Martech:Leads:Routing:NotificationProvider names 'Slack', which is not a provider instance that supplies messages: add it (such as AddInMemory(\"Slack\")) or name one that does (there are: InMemory).",
        ];
        foreach (string message in expected)
        {
            Assert.Contains(message, error.Failures);
        }

        Assert.Equal(expected.Length, error.Failures.Count());
    }

    [Fact]
    public void AddLeadRouting_NothingConfigured_FailsAtStartSayingWhatToAdd()
    {
        using ServiceProvider provider = Build([]);

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal(
            [
                "Martech:Leads:Routing:Owners is empty: add at least one owner, such as Martech:Leads:Routing:Owners:<owner id>:Weight = 1.",
                "Martech:Leads:Routing:Pools is empty: add a pool, such as Martech:Leads:Routing:Pools:sales:Owners:0 = <owner id>.",
                "Martech:Leads:Routing:DefaultPool is required: name the pool that gets leads no rule matches (there are none).",
            ],
            error.Failures);
    }

    [Fact]
    public void AddLeadRouting_DestinationsWithoutProvider_AndContactAffinityWithoutContacts_Fail()
    {
        Dictionary<string, string?> settings = Valid();
        settings.Remove("Martech:Leads:Routing:NotificationProvider");
        settings["Martech:Leads:Routing:Affinity:ContactOwner"] = "true";
        settings["Martech:Leads:Routing:Affinity:ContactsProvider"] = "HubSpot";
        using ServiceProvider provider = Build(settings);

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal(
            [
                "Martech:Leads:Routing:Affinity:ContactsProvider names 'HubSpot', which is not a provider instance that supplies contacts: add it (such as AddInMemory(\"HubSpot\")) or name one that does (there are: InMemory).",
                "Martech:Leads:Routing: owners have a Destination but Martech:Leads:Routing:NotificationProvider is not set: name the messaging provider instance to notify them through (such as Slack), or remove the destinations.",
            ],
            error.Failures);
    }

    private static Lead WithEmployees(string employees)
    {
        var lead = new Lead { Id = "x" };
        lead.CustomFields.Set("employees", employees);
        return lead;
    }
}
