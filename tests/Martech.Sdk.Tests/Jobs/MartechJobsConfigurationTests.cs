using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Martech.Sdk.Tests.Jobs;

/// <summary>Misconfigured jobs fail when the host starts; bad arguments fail before anything is read or sent.</summary>
public sealed class MartechJobsConfigurationTests
{
    [Fact]
    public void HostStart_UnknownInstanceDuplicateNameOrBadOptions_FailsNamingEachProblem()
    {
        var services = new ServiceCollection();
        services.AddMartech().AddInMemory("Crm");
        services.AddMartechJobs(o =>
            {
                o.ChunkSize = 0;
                o.ContactCreatedMargin = TimeSpan.FromMinutes(-1);
            })
            .AddContactUpsertJob("contacts", "Hubspot", _ => MartechJobSource.FromList<Contact>([]))
            .AddLeadUpsertJob("Contacts", "Crm", _ => MartechJobSource.FromList<Lead>([]))
            .AddSuppressionSyncJob("suppressions", "Nowhere", "Crm");
        using ServiceProvider provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal(
            [
                "MartechJobsOptions.ChunkSize must be 1 to 10000 (was 0).",
                "MartechJobsOptions.ContactCreatedMargin must be zero to one day (was -00:01:00).",
                "Two jobs are named 'Contacts' (names ignore case): give each job added with AddMartechJobs() its own name.",
                "Job 'contacts' names 'Hubspot' as its instance, which is not a provider instance that supplies IContactClient: register it with services.AddMartech() (such as AddHubSpot(\"Hubspot\")) or name one that does (those that do: Crm).",
                "Job 'suppressions' names 'Nowhere' as its source, which is not a provider instance that supplies IEmailSuppressionList: register it with services.AddMartech() (such as AddHubSpot(\"Nowhere\")) or name one that does (those that do: Crm).",
            ],
            error.Failures);
    }

    [Fact]
    public void HostStart_GoodJobs_PassesAndAddMartechJobsTwiceKeepsOneRegistry()
    {
        var services = new ServiceCollection();
        services.AddMartech().AddInMemory("Crm");
        services.AddMartechJobs().AddContactUpsertJob("contacts", "crm", _ => MartechJobSource.FromList<Contact>([]));
        services.AddMartechJobs(o => o.ChunkSize = 500).AddContactExportJob("export", "Crm", _ => MartechJobSink.ContactJsonLines("unused.jsonl"));
        using ServiceProvider provider = services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();

        Assert.IsType<InMemoryCheckpointStore>(provider.GetRequiredService<ICheckpointStore>());
        Assert.Equal(500, provider.GetRequiredService<IOptions<MartechJobsOptions>>().Value.ChunkSize);
        Assert.Single(services, d => d.ServiceType == typeof(IMartechJobRunner));
    }

    [Fact]
    public void Register_NameWithColonOrSameInstanceTwice_IsRefusedAtOnce()
    {
        MartechJobsBuilder jobs = new ServiceCollection().AddMartechJobs();

        Assert.Equal("name", Assert.Throws<ArgumentException>(() => jobs.AddContactUpsertJob("a:b", "Crm", _ => MartechJobSource.FromList<Contact>([]))).ParamName);
        Assert.Throws<ArgumentException>(() => jobs.AddSuppressionSyncJob("s", "Crm", "crm"));
        Assert.Throws<ArgumentNullException>(() => jobs.AddContactExportJob("e", "Crm", null!));
    }

    [Fact]
    public async Task RunAsync_UnknownJobBadShardOrRunId_FailsBeforeAnythingIsReadOrSent()
    {
        int reads = 0;
        var store = new CrashingCheckpointStore(new InMemoryCheckpointStore());
        await using var host = new JobHost(store, jobs => jobs
            .AddContactUpsertJob("contacts", "Crm", _ => MartechJobSource.FromDelegate((from, ct) => { reads++; return JobHost.People(3).ToAsyncEnumerable(); }))
            .AddContactExportJob("export", "Crm", _ => MartechJobSink.ContactJsonLines(Path.GetTempFileName())));

        var unknown = await Assert.ThrowsAsync<ArgumentException>(() => host.Runner.RunAsync("nope", "run-1"));
        Assert.Equal("There is no job named 'nope'; the jobs added with AddMartechJobs() are: contacts, export. (Parameter 'job')", unknown.Message);
        Assert.Equal("shard", (await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => host.Runner.RunAsync("contacts", "run-1", 3, 3))).ParamName);
        Assert.Equal("shard", (await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => host.Runner.RunAsync("contacts", "run-1", -1, 3))).ParamName);
        Assert.Equal("shardCount", (await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => host.Runner.RunAsync("contacts", "run-1", 0, 0))).ParamName);
        Assert.Equal("runId", (await Assert.ThrowsAsync<ArgumentException>(() => host.Runner.RunAsync("contacts", "a:b"))).ParamName);
        Assert.Equal("runId", (await Assert.ThrowsAsync<ArgumentException>(() => host.Runner.RunAsync("contacts", " "))).ParamName);
        Assert.Equal("shardCount", (await Assert.ThrowsAsync<ArgumentException>(() => host.Runner.RunAsync("export", "run-1", 0, 2))).ParamName);

        Assert.Equal((0, 0, 0), (reads, store.Writes, host.Contacts.Calls));
    }
}
