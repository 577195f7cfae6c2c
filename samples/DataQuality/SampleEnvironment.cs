using Martech.Sdk;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DataQualitySample;

/// <summary>
/// The sample's container: two provider instances, <c>HubSpot</c> and <c>Pipedrive</c>, registered as in-memory
/// stand-ins, and the three data-quality engines with their settings from <c>appsettings.json</c>
/// (<c>Martech:DataQuality:Report</c>, <c>:Duplicates</c>, <c>:Merge</c>), checked as a host's start would check them.
/// </summary>
/// <remarks>
/// Against the real vendors, the two <c>AddInMemory</c> lines become <c>martech.AddHubSpot("HubSpot")</c> and
/// <c>martech.AddPipedrive("Pipedrive")</c> (packages <c>Martech.Sdk.HubSpot</c> and <c>Martech.Sdk.Pipedrive</c>, their
/// tokens under <c>Martech:HubSpot</c> and <c>Martech:Pipedrive</c>); nothing else changes, and the seeding skips them.
/// </remarks>
internal sealed class SampleEnvironment : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private SampleEnvironment(ServiceProvider services, SampleClock clock, SeedSummary seed)
    {
        _services = services;
        Clock = clock;
        Seed = seed;
    }

    /// <summary>The clock every engine and stand-in reads, at <see cref="SampleData.AsOf"/> once seeded.</summary>
    public SampleClock Clock { get; }

    /// <summary>What the seeding wrote.</summary>
    public SeedSummary Seed { get; }

    public ContactQualityChecker Checker => _services.GetRequiredService<ContactQualityChecker>();

    public DuplicateDetector Detector => _services.GetRequiredService<DuplicateDetector>();

    public ContactMerger Merger => _services.GetRequiredService<ContactMerger>();

    /// <summary>The merge settings in a line: the default rule, the per-field rules, the source priority, the survivor
    /// rule and what happens to the other records.</summary>
    public string MergeRules
    {
        get
        {
            ContactMergeOptions o = _services.GetRequiredService<IOptions<ContactMergeOptions>>().Value;
            string fields = string.Join(", ", o.Fields.OrderBy(f => f.Key, StringComparer.OrdinalIgnoreCase).Select(f => $"{f.Key} {f.Value}"));
            return $"default {o.DefaultRule}; {fields}; source priority {string.Join(" > ", o.SourcePriority)}; survivor {o.Survivor}; other records {(o.DeleteLosers ? "deleted" : "kept")}";
        }
    }

    /// <summary>The contacts client of an instance.</summary>
    public IContactClient Contacts(string instance) => _services.GetRequiredKeyedService<IContactClient>(instance);

    /// <summary>The in-memory store behind an instance; <see langword="null"/> for a real vendor.</summary>
    public InMemoryMartechStore? Store(string instance) => _services.GetKeyedService<InMemoryMartechStore>(instance);

    /// <summary>Every contact of both instances, as the engines read them: each instance listed page by page.</summary>
    public async IAsyncEnumerable<SourcedContact> AllContacts([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (string instance in SampleData.Instances)
        {
            await foreach (SourcedContact contact in SourcedContact.ListAsync(Contacts(instance), instance, cancellationToken: cancellationToken))
            {
                yield return contact;
            }
        }
    }

    /// <summary>Builds the container from the configuration, checks its settings, and seeds the stand-ins.</summary>
    /// <exception cref="OptionsValidationException">A setting is not valid; each failure names its path.</exception>
    public static async Task<SampleEnvironment> CreateAsync(IConfiguration configuration, CancellationToken cancellationToken)
    {
        var clock = new SampleClock(SampleData.AsOf);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        MartechBuilder martech = services.AddMartech(configuration.GetSection("Martech"));
        martech.AddInMemory("HubSpot");     // real vendor: martech.AddHubSpot("HubSpot");
        martech.AddInMemory("Pipedrive");   // real vendor: martech.AddPipedrive("Pipedrive");
        martech.AddDataQualityReport();
        martech.AddDuplicateDetection();
        martech.AddContactMerge();
        ServiceProvider provider = services.BuildServiceProvider();
        try
        {
            provider.GetRequiredService<IStartupValidator>().Validate();
            SeedSummary seed = await SampleData.SeedAsync(
                instance => provider.GetRequiredKeyedService<IContactClient>(instance),
                instance => provider.GetKeyedService<InMemoryMartechStore>(instance) is not null,
                clock,
                cancellationToken);
            return new SampleEnvironment(provider, clock, seed);
        }
        catch
        {
            await provider.DisposeAsync();
            throw;
        }
    }

    /// <summary>The configuration of a sample folder: its <c>appsettings.json</c>.</summary>
    public static IConfiguration Configuration(string sampleFolder) => new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(sampleFolder, "appsettings.json"), optional: false)
        .Build();

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
