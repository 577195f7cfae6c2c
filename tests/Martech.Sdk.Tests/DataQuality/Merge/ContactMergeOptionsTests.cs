using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace Martech.Sdk.Tests.DataQuality.Merge;

/// <summary>Merge options from code and configuration, validated at start with the configuration path and the fix.</summary>
public sealed class ContactMergeOptionsTests
{
    private static ServiceProvider Build(string json, Action<ContactMergeOptions>? configure = null)
    {
        IConfigurationRoot configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();
        var services = new ServiceCollection();
        MartechBuilder martech = services.AddMartech(configuration.GetSection("Martech"));
        martech.AddInMemory("HubSpot");
        martech.AddInMemory("Pipedrive");
        martech.AddContactMerge(configure);
        return services.BuildServiceProvider();
    }

    [Fact]
    public void Configuration_Binds_AndACustomRuleFromCodeCanBeNamedThere()
    {
        const string json = """
            { "Martech": { "DataQuality": { "Merge": {
              "DefaultRule": "SourcePriority", "SourcePriority": [ "Pipedrive", "HubSpot" ],
              "Fields": { "first_name": "MostComplete", "plan": "HigherPlan" }, "Survivor": "Oldest", "DeleteLosers": true } } } }
            """;
        using ServiceProvider provider = Build(json, o => o.AddRule("HigherPlan", (_, c) => MergeFieldChoice.Win(c[^1], "last")));

        provider.GetRequiredService<IStartupValidator>().Validate();
        ContactMergeOptions options = provider.GetRequiredService<IOptions<ContactMergeOptions>>().Value;
        MergeProposal proposal = provider.GetRequiredService<ContactMerger>().Propose(
        [
            new SourcedContact("HubSpot", new Contact { Id = "h1", FirstName = "William", Company = "Acme" }),
            new SourcedContact("Pipedrive", new Contact { Id = "p1", FirstName = "Bill", Company = "Acme Ltd" }),
        ]);

        Assert.Equal(["Pipedrive", "HubSpot"], options.SourcePriority);
        Assert.True(options.DeleteLosers);
        Assert.Equal("Oldest", options.Survivor);
        Assert.Equal("William", proposal[RecordField.FirstName].Winner?.Value);
        Assert.Equal("Acme Ltd", proposal[RecordField.Company].Winner?.Value);
        Assert.True(proposal.DeleteLosers);
    }

    [Fact]
    public void Misconfiguration_StopsTheStart_EachProblemWithItsPathAndFix()
    {
        const string json = """
            { "Martech": { "DataQuality": { "Merge": {
              "DefaultRule": "Latest", "SourcePriority": [ "HubSpot", "hubspot", "Salesforce" ],
              "Fields": { "CreatedAt": "Newest", "Phone": "" }, "Survivor": "Random" } } } }
            """;
        using ServiceProvider provider = Build(json);

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal(
        [
            "Martech:DataQuality:Merge:DefaultRule names the rule 'Latest', which is neither built in (Newest, MostComplete, SourcePriority, Keep) nor added in code; fix the name, or add the rule with ContactMergeOptions.AddRule(\"Latest\", ...).",
            "Martech:DataQuality:Merge:Fields:CreatedAt: CreatedAt cannot be merged (ids, creation and update times are the vendor's, and contacts have no ContactId, Status, Source or Score); remove the entry.",
            "Martech:DataQuality:Merge:Fields:Phone is empty; name a survivorship rule: Newest, MostComplete, SourcePriority, Keep, or a rule added with AddRule.",
            "Martech:DataQuality:Merge:SourcePriority:1 names 'hubspot' a second time; list each instance once.",
            "Martech:DataQuality:Merge:Survivor is 'Random', which is not a survivor choice; use MostComplete, Oldest or Newest.",
            "Martech:DataQuality:Merge:SourcePriority:2 names 'Salesforce', which is not a provider instance that supplies contacts (IContactClient): register it (such as AddHubSpot(\"Salesforce\")) or name one that does (HubSpot, Pipedrive).",
        ],
        error.Failures);
    }

    [Fact]
    public void SourcePriorityRule_WithoutAPriorityList_StopsTheStart()
    {
        using ServiceProvider provider = Build("""{ "Martech": { "DataQuality": { "Merge": { "Fields": { "Email": "sourcepriority" } } } } }""");

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal(
            "Martech:DataQuality:Merge:SourcePriority is empty but a field uses the SourcePriority rule; list the instances, first wins, such as [\"HubSpot\", \"Pipedrive\"].",
            Assert.Single(error.Failures));
    }

    [Fact]
    public void Code_AddRuleRefusesBuiltInNames_AndTheMergerRefusesInvalidOptions()
    {
        var options = new ContactMergeOptions();

        Assert.StartsWith("'newest' is a built-in survivorship rule;", Assert.Throws<ArgumentException>(() => options.AddRule("newest", (_, c) => MergeFieldChoice.Tie("x"))).Message, StringComparison.Ordinal);
        options.DefaultRule = "Nope";
        var error = Assert.Throws<ArgumentException>(() => new ContactMerger(options, _ => null));
        Assert.StartsWith("The merge options are not valid: Martech:DataQuality:Merge:DefaultRule names the rule 'Nope'", error.Message, StringComparison.Ordinal);
    }
}
