using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk.Tests.Jobs;

/// <summary>Lead upserts, suppression syncs and contact exports: each resumed after a stop ends as an uninterrupted run
/// does, without writing an item twice where that would duplicate it.</summary>
public sealed class MartechJobKindsTests
{
    private static readonly IReadOnlyList<Lead> Leads =
    [
        .. Enumerable.Range(0, 25).Select(i => i == 11
            ? new Lead { LastName = "Nameless", Company = "Acme" }
            : new Lead { Email = EmailAddress.Parse($"lead{i}@example.org"), LastName = $"Last{i}", Company = "Acme" }),
    ];

    [Theory]
    [MemberData(nameof(JobStores.Kinds), MemberType = typeof(JobStores))]
    public async Task LeadUpsert_AnswerLostMidChunk_ResumeCreatesNoLeadTwice(string store)
    {
        await using var host = new JobHost(JobStores.Create(store), jobs => jobs.AddLeadUpsertJob("leads", "Crm", _ => MartechJobSource.FromList(Leads)));
        // The 14th create (position 13, in the chunk of positions 10 to 19) reaches the vendor, then the answer is lost:
        // positions 10 to 13 exist at the vendor, the checkpoint holds the chunk in flight.
        host.Leads.LoseAnswerOfCreate = 14;

        await Assert.ThrowsAsync<MartechTransportException>(() => host.Runner.RunAsync("leads", "run-1"));
        Assert.Equal(14, host.Crm.Leads.Count);

        MartechJobReport report = await host.Runner.RunAsync("leads", "run-1");

        Assert.True(report.Resumed);
        Assert.Equal(25, host.Crm.Leads.Count); // no lead created twice
        Assert.Equal(25, host.Leads.Creates);
        Assert.Equal(25, report.Outcomes.Count);
        // Positions 10, 12 and 13 were found by email with the ids created before the stop.
        foreach (int position in new[] { 10, 12, 13 })
        {
            Assert.Equal((BulkItemStatus.Created, host.Crm.Leads[position].Id), (report.Outcomes[position].Status, report.Outcomes[position].Id));
        }

        // The lead without an email address cannot be looked up: reported in doubt, not created again.
        Assert.Equal((BulkItemStatus.Unknown, "IN_DOUBT"), (report.Outcomes[11].Status, report.Outcomes[11].Error?.Code));
        Assert.Equal((24L, 1L), (report.Succeeded, report.Failed));
    }

    [Fact]
    public async Task LeadUpsert_LeadsWithIds_AreUpdatedAndRefusedOnesReported()
    {
        await using var host = new JobHost(new InMemoryCheckpointStore(), jobs => jobs.AddLeadUpsertJob("leads", "Crm", sp => MartechJobSource.FromDelegate((from, ct) => Existing(sp, from, ct))));
        ILeadClient leads = host.Leads;
        Lead first = await leads.CreateAsync(new Lead { Email = EmailAddress.Parse("a@example.org"), LastName = "A" });

        MartechJobReport report = await host.Runner.RunAsync("leads", "run-1");

        Assert.Equal(BulkItemStatus.Updated, report.Outcomes[0].Status);
        Assert.Equal("Renamed", host.Crm.Leads.Single(l => l.Id == first.Id).LastName);
        Assert.Equal((BulkItemStatus.Failed, "NOT_FOUND"), (report.Outcomes[1].Status, report.Outcomes[1].Error?.Code));
        Assert.Equal(2, host.Leads.Updates); // each sent once
    }

    [Theory]
    [MemberData(nameof(JobStores.Kinds), MemberType = typeof(JobStores))]
    public async Task SuppressionSync_FromAnotherInstance_KilledAndResumed_CopiesEachOnce(string store)
    {
        var checkpoints = new CrashingCheckpointStore(JobStores.Create(store)) { CrashOnKeySuffix = ":chunk:1" };
        await using var host = new JobHost(checkpoints, jobs => jobs.AddSuppressionSyncJob("suppressions", "Esp", "Crm"));
        IEmailSuppressionList esp = host.Services.GetRequiredKeyedService<IEmailSuppressionList>("Esp");
        EmailSuppression[] seeded = [.. Enumerable.Range(0, 23).Select(i => new EmailSuppression { Email = EmailAddress.Parse($"gone{i}@example.org"), Kind = i % 2 == 0 ? SuppressionKind.Bounce : SuppressionKind.Unsubscribe })];
        await esp.AddAsync(seeded);

        await Assert.ThrowsAsync<IOException>(() => host.Runner.RunAsync("suppressions", "run-1"));
        MartechJobReport report = await host.Runner.RunAsync("suppressions", "run-1");

        Assert.Equal((23L, 23L), (report.Processed, report.Succeeded));
        Assert.Equal(seeded.Select(s => $"{s.Email} ({s.Kind})"), report.Outcomes.Select(o => o.Key));
        Assert.Equal(seeded.Select(s => (s.Email, s.Kind)).Order(), host.Crm.Suppressions.Select(s => (s.Email, s.Kind)).Order());
    }

    [Fact]
    public async Task SuppressionSync_FromASource_ReportsAnEmptyAddressFailed()
    {
        EmailSuppression[] input =
        [
            new() { Email = EmailAddress.Parse("a@example.org"), Kind = SuppressionKind.Manual },
            new() { Email = default, Kind = SuppressionKind.Manual },
        ];
        await using var host = new JobHost(new InMemoryCheckpointStore(), jobs => jobs.AddSuppressionSyncJob("manual", "Crm", _ => MartechJobSource.FromList(input)));

        MartechJobReport report = await host.Runner.RunAsync("manual", "run-1");

        Assert.Equal([BulkItemStatus.Succeeded, BulkItemStatus.Failed], report.Outcomes.Select(o => o.Status));
        Assert.Single(host.Crm.Suppressions);
    }

    [Theory]
    [InlineData("memory", "sink")]
    [InlineData("file", "sink")]
    [InlineData("file", "store")]
    public async Task ContactExport_KilledAfterWritingAPage_ResumeCutsTheFileBackAndEndsIdenticalToOneRun(string store, string crashIn)
    {
        string directory = Directory.CreateTempSubdirectory("martech-export-").FullName;
        string interrupted = Path.Combine(directory, "interrupted.jsonl");
        string whole = Path.Combine(directory, "whole.jsonl");
        var checkpoints = new CrashingCheckpointStore(JobStores.Create(store)) { CrashOnKeySuffix = crashIn == "store" ? ":chunk:2" : null };
        var sink = new CrashingSink(MartechJobSink.ContactJsonLines(interrupted)) { CrashOnWrite = crashIn == "sink" ? 3 : null };
        await using var host = new JobHost(checkpoints, jobs => jobs
            .AddContactExportJob("export", "Crm", _ => sink)
            .AddContactExportJob("control", "Crm", _ => MartechJobSink.ContactJsonLines(whole)));
        foreach (Contact person in JobHost.People(35))
        {
            await host.Contacts.UpsertAsync(person);
        }

        await Assert.ThrowsAsync<IOException>(() => host.Runner.RunAsync("export", "run-1"));
        Assert.True(new FileInfo(interrupted).Length > 0);

        MartechJobReport report = await host.Runner.RunAsync("export", "run-1");
        MartechJobReport control = await host.Runner.RunAsync("control", "run-1");

        Assert.Equal(await File.ReadAllBytesAsync(whole), await File.ReadAllBytesAsync(interrupted));
        Assert.Equal(35, File.ReadAllLines(interrupted).Length);
        Assert.Equal(control.Outcomes, report.Outcomes);
        Assert.Equal(host.Crm.Contacts.Select(c => c.Id), report.Outcomes.Select(o => o.Id));
        Assert.Equal(35L, report.Succeeded);
    }

    [Fact]
    public async Task ContactExport_FileShorterThanTheCheckpoint_IsRefused()
    {
        string path = Path.Combine(Directory.CreateTempSubdirectory("martech-export-").FullName, "out.jsonl");
        var sink = new CrashingSink(MartechJobSink.ContactJsonLines(path)) { CrashOnWrite = 2 };
        await using var host = new JobHost(new InMemoryCheckpointStore(), jobs => jobs.AddContactExportJob("export", "Crm", _ => sink));
        foreach (Contact person in JobHost.People(25))
        {
            await host.Contacts.UpsertAsync(person);
        }

        await Assert.ThrowsAsync<IOException>(() => host.Runner.RunAsync("export", "run-1"));
        File.Delete(path);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.Runner.RunAsync("export", "run-1"));
        Assert.Contains("fewer than the", error.Message, StringComparison.Ordinal);
    }

    private static async IAsyncEnumerable<Lead> Existing(IServiceProvider services, long from, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ILeadClient leads = services.GetRequiredKeyedService<ILeadClient>("Crm");
        List<Lead> all = [];
        await foreach (Lead lead in leads.ListAsync(null, cancellationToken))
        {
            all.Add(lead with { LastName = "Renamed" });
        }

        all.Add(new Lead { Id = "l_missing", LastName = "Gone" });
        foreach (Lead lead in all.Skip((int)from))
        {
            yield return lead;
        }
    }

    /// <summary>A sink that dies during its n-th write: the page written, half a line more, no checkpoint.</summary>
    private sealed class CrashingSink(IMartechJobSink<Contact> inner) : IMartechJobSink<Contact>
    {
        private int _writes;

        public int? CrashOnWrite { get; set; }

        public Task OpenAsync(long length, CancellationToken cancellationToken = default) => inner.OpenAsync(length, cancellationToken);

        public async Task<long> WriteAsync(IReadOnlyList<Contact> items, CancellationToken cancellationToken = default)
        {
            long length = await inner.WriteAsync(items, cancellationToken);
            if (++_writes == CrashOnWrite)
            {
                CrashOnWrite = null;
                await inner.WriteAsync([new Contact { FirstName = "half written" }], cancellationToken);
                throw new IOException("The worker died while writing the export.");
            }

            return length;
        }
    }
}
