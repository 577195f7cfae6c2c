using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Martech.Sdk.Tests.DataQuality.Consolidation;

/// <summary>Jobs from <c>Martech:DataQuality:Consolidation</c> and from code: bound, run by name against the instances
/// they name, and checked at start with messages naming the configuration path and the fix.</summary>
public sealed class ConsolidationConfigurationTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "martech-consolidation-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task RunAsync_ConfiguredJob_MapsMovesAndCheckpointsToTheConfiguredDirectory()
    {
        string json = $$"""
            {
              "Martech": {
                "DataQuality": {
                  "Consolidation": {
                    "CheckpointDirectory": "{{_directory.Replace("\\", "\\\\", StringComparison.Ordinal)}}",
                    "Jobs": {
                      "retire-old": {
                        "Records": "Contacts",
                        "Source": "Old",
                        "Target": "New",
                        "Mode": "Move",
                        "Existing": "Skip",
                        "UnmappedCustomFields": "Drop",
                        "PageSize": "2",
                        "Fields": [ { "Source": "industry", "Target": "custom:sector" } ],
                        "Drop": [ "Phone" ]
                      }
                    }
                  }
                }
              }
            }
            """;
        using ServiceProvider provider = Build(json);
        provider.GetRequiredService<IStartupValidator>().Validate();
        IContactClient old = provider.GetRequiredKeyedService<IContactClient>("Old");
        for (int i = 1; i <= 3; i++)
        {
            var contact = ConsolidationHost.Person(i) with { Phone = PhoneNumber.Parse("+1415555010" + i) };
            contact.CustomFields.Set("industry", "retail");
            contact.CustomFields.Set("secret", "x");
            await old.UpsertAsync(contact);
        }

        var jobs = provider.GetRequiredService<ConsolidationJobs>();
        var log = new OutcomeLog();
        ConsolidationResult dry = await jobs.RunAsync("RETIRE-OLD", o => o.DryRun = true);
        ConsolidationResult result = await jobs.RunAsync("retire-old", o => o.OnOutcome = log.Add);

        Assert.Equal(["retire-old"], jobs.Names);
        Assert.Equal((true, 3, 3), (dry.DryRun, dry.Created, dry.SourceDeleted));
        Assert.Equal((3, 3, "consolidation:contacts:Old:New"), (result.Created, result.SourceDeleted, result.CheckpointKey));
        Assert.Empty(provider.GetRequiredKeyedService<InMemoryMartechStore>("Old").Contacts);
        IReadOnlyList<Contact> moved = provider.GetRequiredKeyedService<InMemoryMartechStore>("New").Contacts;
        Assert.All(moved, c => Assert.Equal((null, "retail"), (c.Phone, c.CustomFields.GetString("sector"))));
        Assert.All(moved, c => Assert.Equal(["sector"], c.CustomFields.Keys));
        Assert.Single(Directory.GetFiles(_directory, "*.checkpoint"));
        Assert.IsType<FileCheckpointStore>(provider.GetRequiredService<ICheckpointStore>());
    }

    [Fact]
    public void StartupValidation_BadJobs_EachProblemNamesItsPathAndTheFix()
    {
        const string json = """
            {
              "Martech": {
                "DataQuality": {
                  "Consolidation": {
                    "Jobs": {
                      "bad": {
                        "Records": "Deals",
                        "Source": "Old",
                        "Mode": "Teleport",
                        "CreateMissing": "sometimes",
                        "PageSize": "-5",
                        "Fields": [ { "Source": "custom:", "Target": "Email" } ]
                      },
                      "unknown": { "Source": "Pipedrive", "Target": "Old" },
                      "same": { "Source": "Old", "Target": "old" },
                      "lead-move": { "Records": "Leads", "Source": "Old", "Target": "New", "Mode": "Move" }
                    }
                  }
                }
              }
            }
            """;
        using ServiceProvider provider = Build(json);

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        string[] expected =
        [
            "Martech:DataQuality:Consolidation:Jobs:bad:Records must be one of Contacts, Leads (was 'Deals').",
            "Martech:DataQuality:Consolidation:Jobs:bad:Target is required: the provider instance to write to, such as HubSpot.",
            "Martech:DataQuality:Consolidation:Jobs:bad:Mode must be one of Copy, Move (was 'Teleport').",
            "Martech:DataQuality:Consolidation:Jobs:bad:CreateMissing must be true or false (was 'sometimes').",
            "Martech:DataQuality:Consolidation:Jobs:bad:PageSize must be a whole number above 0, such as 100 (was '-5').",
            "Martech:DataQuality:Consolidation:Jobs:bad:Fields:0:Source: The field name 'custom:' names no custom field after 'custom:'.",
            "Martech:DataQuality:Consolidation:Jobs:lead-move: ConsolidationOptions.Mode is Move, but a lead client has no delete: copy the leads (Mode = Copy) and retire the source instance's leads there.",
            "Martech:DataQuality:Consolidation:Jobs:same: Source and Target are both 'Old'; a consolidation copies between two instances.",
            "Martech:DataQuality:Consolidation:Jobs:unknown:Source names 'Pipedrive', which is not a provider instance that supplies contacts (IContactClient): register it (such as AddHubSpot(\"Pipedrive\")) or name one that does (Old, New).",
        ];
        Assert.Equal(expected, error.Failures);
    }

    [Fact]
    public async Task AddJob_InCode_RunsWithItsTransform()
    {
        var services = new ServiceCollection();
        MartechBuilder martech = services.AddMartech();
        martech.AddInMemory("Old");
        martech.AddInMemory("New");
        var job = new ConsolidationJob { Records = ConsolidationRecordKind.Leads, Source = "Old", Target = "New" };
        job.Options.Fields = [new ConsolidationFieldMap(RecordField.Company, RecordField.Company, c => c + " GmbH")];
        martech.AddConsolidation().AddJob("leads", job);
        using ServiceProvider provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();
        await provider.GetRequiredKeyedService<ILeadClient>("Old").CreateAsync(new Lead { Email = EmailAddress.Parse("a@example.org"), Company = "Acme" });

        ConsolidationResult result = await provider.GetRequiredService<ConsolidationJobs>().RunAsync("leads");

        Assert.Equal("Acme GmbH", Assert.Single(provider.GetRequiredKeyedService<InMemoryMartechStore>("New").Leads).Company);
        Assert.Equal(1, result.Created);
        Assert.IsType<InMemoryCheckpointStore>(provider.GetRequiredService<ICheckpointStore>());
        Assert.Equal("There is no consolidation job named 'other'; the jobs are: leads. (Parameter 'name')", (await Assert.ThrowsAsync<ArgumentException>(() => provider.GetRequiredService<ConsolidationJobs>().RunAsync("other"))).Message);
        Assert.Throws<ArgumentException>(() => martech.AddConsolidation().AddJob("LEADS", job));
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static ServiceProvider Build(string json)
    {
        IConfigurationRoot configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();
        var services = new ServiceCollection();
        MartechBuilder martech = services.AddMartech(configuration.GetSection("Martech"));
        martech.AddInMemory("Old");
        martech.AddInMemory("New");
        martech.AddConsolidation();
        return services.BuildServiceProvider();
    }
}
