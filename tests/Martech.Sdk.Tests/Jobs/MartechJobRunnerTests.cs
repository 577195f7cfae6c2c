namespace Martech.Sdk.Tests.Jobs;

/// <summary>Contact upsert jobs: a run to the end, a run stopped and resumed, a crash between the vendor call and the
/// outcome write, shards, a second worker, a finished run asked again.</summary>
public sealed class MartechJobRunnerTests
{
    private static readonly IReadOnlyList<Contact> Input = JobHost.People(35);

    private static JobHost Host(ICheckpointStore store, IReadOnlyList<Contact>? input = null, int chunkSize = 10) =>
        new(store, jobs => jobs.AddContactUpsertJob("contacts", "Crm", _ => MartechJobSource.FromList(input ?? Input)), chunkSize);

    [Theory]
    [MemberData(nameof(JobStores.Kinds), MemberType = typeof(JobStores))]
    public async Task RunAsync_ToTheEnd_WritesEveryContactOnceAndReportsEachInOrder(string store)
    {
        await using JobHost host = Host(JobStores.Create(store));

        MartechJobReport report = await host.Runner.RunAsync("contacts", "run-1");

        Assert.Equal((35L, 35L, 0L, false, false), (report.Processed, report.Succeeded, report.Failed, report.Resumed, report.AlreadyCompleted));
        Assert.Equal(Enumerable.Range(0, 35).Select(i => (long)i), report.Outcomes.Select(o => o.Position));
        Assert.All(report.Outcomes, o => Assert.Equal(BulkItemStatus.Created, o.Status));
        Assert.Equal(Input.Select(c => c.Email!.Value.Value), report.Outcomes.Select(o => o.Key));
        Assert.Equal(host.Crm.Contacts.Select(c => c.Id), report.Outcomes.Select(o => o.Id));
        Assert.Equal(35, host.Crm.Contacts.Count);
        Assert.Equal(4, host.Contacts.Calls); // chunks of 10, 10, 10, 5
        Assert.All(host.Contacts.Writes.Values, n => Assert.Equal(1, n));
    }

    [Theory]
    [MemberData(nameof(JobStores.Kinds), MemberType = typeof(JobStores))]
    public async Task RunAsync_CancelledMidRunThenResumed_SameOutcomesAsOneRunAndEachContactWrittenOnce(string store)
    {
        ICheckpointStore checkpoints = JobStores.Create(store);
        using var stop = new CancellationTokenSource();
        // The input cancels the run while the third chunk is being read: two chunks are recorded.
        IMartechJobSource<Contact> source = MartechJobSource.FromDelegate((from, ct) => Cancelling(Input, from, 25, stop));
        await using var host = new JobHost(checkpoints, jobs => jobs.AddContactUpsertJob("contacts", "Crm", _ => source));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => host.Runner.RunAsync("contacts", "run-1", cancellationToken: stop.Token));
        Assert.Equal(20, host.Crm.Contacts.Count);

        MartechJobReport resumed = await host.Runner.RunAsync("contacts", "run-1");

        await using JobHost control = Host(new InMemoryCheckpointStore());
        MartechJobReport uninterrupted = await control.Runner.RunAsync("contacts", "run-1");
        Assert.True(resumed.Resumed);
        Assert.Equal(Strip(uninterrupted.Outcomes), Strip(resumed.Outcomes));
        Assert.Equal(35, host.Contacts.TotalWrites);
        Assert.All(host.Contacts.Writes.Values, n => Assert.Equal(1, n));
        Assert.Equal(35, host.Crm.Contacts.Count);
    }

    [Theory]
    [MemberData(nameof(JobStores.Kinds), MemberType = typeof(JobStores))]
    public async Task RunAsync_KilledAfterTheVendorCallBeforeTheOutcomeWrite_ResumeSendsOnlyThatChunkAgain(string store)
    {
        var checkpoints = new CrashingCheckpointStore(JobStores.Create(store)) { CrashOnKeySuffix = ":0:chunk:1" };
        await using JobHost host = Host(checkpoints);

        await Assert.ThrowsAsync<IOException>(() => host.Runner.RunAsync("contacts", "run-1"));
        Assert.Equal(20, host.Contacts.TotalWrites); // chunk 1 reached the vendor, its outcomes were never written

        MartechJobReport report = await host.Runner.RunAsync("contacts", "run-1");

        Assert.True(report.Resumed);
        Assert.Equal(35, report.Outcomes.Count);
        // Only chunk 1 (positions 10 to 19) went out again: contacts upsert by email, so that updated them.
        Assert.Equal(45, host.Contacts.TotalWrites);
        Assert.Equal(Enumerable.Range(0, 35).Select(i => i is >= 10 and < 20 ? 2 : 1), Input.Select(c => host.Contacts.Writes[c.Email!.Value.Value]));
        Assert.Equal(35, host.Crm.Contacts.Count);
        Assert.All(report.Outcomes, o => Assert.True(o.Status is BulkItemStatus.Created or BulkItemStatus.Updated));
    }

    [Fact]
    public async Task RunAsync_VendorAnswerLost_ResumeSendsTheChunkInFlightAgain()
    {
        await using JobHost host = Host(new InMemoryCheckpointStore());
        host.Contacts.LoseAnswerOfCall = 2;

        await Assert.ThrowsAsync<MartechTransportException>(() => host.Runner.RunAsync("contacts", "run-1"));
        MartechJobReport report = await host.Runner.RunAsync("contacts", "run-1");

        Assert.Equal(35L, report.Succeeded);
        Assert.Equal(45, host.Contacts.TotalWrites);
        Assert.Equal(35, host.Crm.Contacts.Count);
        // The first send created the chunk's contacts: the second send, an update, still reports them created.
        Assert.Equal(BulkItemStatus.Created, report.Outcomes[10].Status);
    }

    [Theory]
    [MemberData(nameof(JobStores.Kinds), MemberType = typeof(JobStores))]
    public async Task RunAsync_ThreeShards_TheirUnionIsTheWholeInputOnce(string store)
    {
        await using JobHost host = Host(JobStores.Create(store), chunkSize: 4);

        MartechJobReport[] reports = await Task.WhenAll(Enumerable.Range(0, 3).Select(s => host.Runner.RunAsync("contacts", "run-1", s, 3)));

        for (int s = 0; s < 3; s++)
        {
            Assert.All(reports[s].Outcomes, o => Assert.Equal(s, o.Position % 3));
            Assert.Equal((s, 3), (reports[s].Shard, reports[s].ShardCount));
        }

        Assert.Equal(Enumerable.Range(0, 35).Select(i => (long)i), reports.SelectMany(r => r.Outcomes).Select(o => o.Position).Order());
        Assert.Equal(35, host.Crm.Contacts.Count);
        Assert.All(host.Contacts.Writes.Values, n => Assert.Equal(1, n));
        await Assert.ThrowsAsync<ArgumentException>(() => host.Runner.RunAsync("contacts", "run-1", 0, 2));
    }

    [Fact]
    public async Task RunAsync_SecondWorkerOnTheSameRunAndShard_OneStopsWithAConflictWithoutWriting()
    {
        var checkpoints = new InMemoryCheckpointStore();
        var gate = new SemaphoreSlim(0);
        int reads = 0;
        // Each worker's input blocks until both have read the checkpoint, so both start from the same version.
        IMartechJobSource<Contact> source = MartechJobSource.FromDelegate((from, ct) => Gated(from, ct));
        async IAsyncEnumerable<Contact> Gated(long from, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
        {
            if (Interlocked.Increment(ref reads) == 2)
            {
                gate.Release(2);
            }

            await gate.WaitAsync(ct);
            for (long i = from; i < Input.Count; i++)
            {
                yield return Input[(int)i];
            }
        }

        await using var host = new JobHost(checkpoints, jobs => jobs.AddContactUpsertJob("contacts", "Crm", _ => source));
        // The second worker reads the checkpoint the first one claimed, so both pass the claim; the first to save the
        // chunk in flight wins.
        Task<MartechJobReport>[] workers = [host.Runner.RunAsync("contacts", "run-1"), host.Runner.RunAsync("contacts", "run-1")];

        Exception? lost = null;
        try
        {
            await Task.WhenAll(workers);
        }
        catch (MartechJobConflictException ex)
        {
            lost = ex;
        }

        Assert.NotNull(lost);
        Assert.Contains("Another worker advanced the checkpoint 'job:contacts:run-1:0'", lost.Message, StringComparison.Ordinal);
        Assert.Equal(1, workers.Count(w => w.IsCompletedSuccessfully));
        Assert.All(host.Contacts.Writes.Values, n => Assert.Equal(1, n));
        Assert.Equal(35, host.Crm.Contacts.Count);
    }

    [Fact]
    public async Task RunAsync_RetryTakesOverAChunkInFlightOfALiveWorker_TheRetryCarriesOnAndTheFirstStops()
    {
        var checkpoints = new InMemoryCheckpointStore();
        var sent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using JobHost host = Host(checkpoints);
        host.Contacts.OnCall = async call =>
        {
            if (call == 1)
            {
                sent.SetResult();
                await release.Task;
            }
        };

        // The first worker sends chunk 0 and waits for its answer; the engine meanwhile retries the same run.
        Task<MartechJobReport> first = Task.Run(() => host.Runner.RunAsync("contacts", "run-1"));
        await sent.Task;
        MartechJobReport retry = await host.Runner.RunAsync("contacts", "run-1");
        release.SetResult();

        await Assert.ThrowsAsync<MartechJobConflictException>(() => first);
        Assert.Equal((35L, 35L), (retry.Processed, retry.Succeeded));
        Assert.Equal(Enumerable.Range(0, 35).Select(i => (long)i), retry.Outcomes.Select(o => o.Position));
        Assert.Equal(35, host.Crm.Contacts.Count);
        // Only the chunk in flight went out twice, as an update the second time.
        Assert.Equal(45, host.Contacts.TotalWrites);
    }

    [Theory]
    [MemberData(nameof(JobStores.Kinds), MemberType = typeof(JobStores))]
    public async Task RunAsync_RunAlreadyCompleted_ReturnsTheStoredReportWithoutCallingTheVendor(string store)
    {
        await using JobHost host = Host(JobStores.Create(store));
        MartechJobReport first = await host.Runner.RunAsync("contacts", "run-1");
        int calls = host.Contacts.Calls;

        MartechJobReport again = await host.Runner.RunAsync("contacts", "run-1");

        Assert.Equal(calls, host.Contacts.Calls);
        Assert.True(again.AlreadyCompleted);
        Assert.Equal(first.Outcomes, again.Outcomes);
        Assert.Equal((first.Processed, first.Succeeded), (again.Processed, again.Succeeded));

        MartechJobReport other = await host.Runner.RunAsync("contacts", "run-2");
        Assert.False(other.AlreadyCompleted);
        Assert.All(other.Outcomes, o => Assert.Equal(BulkItemStatus.Updated, o.Status));
    }

    [Fact]
    public async Task RunAsync_InvalidItems_AreReportedFailedNotDropped()
    {
        IReadOnlyList<Contact> input = [JobHost.Person(0), new Contact { FirstName = "No key" }, null!, JobHost.Person(3)];
        await using JobHost host = Host(new InMemoryCheckpointStore(), input);

        MartechJobReport report = await host.Runner.RunAsync("contacts", "run-1");

        Assert.Equal((4L, 2L, 2L), (report.Processed, report.Succeeded, report.Failed));
        Assert.Equal([BulkItemStatus.Created, BulkItemStatus.Failed, BulkItemStatus.Failed, BulkItemStatus.Created], report.Outcomes.Select(o => o.Status));
        Assert.NotNull(report.Outcomes[1].Error);
        Assert.Equal("INVALID", report.Outcomes[2].Error!.Code);
    }

    [Fact]
    public async Task Checkpoint_StaysTheSameSizeAsTheInputGrows()
    {
        var small = new CrashingCheckpointStore(new InMemoryCheckpointStore());
        var large = new CrashingCheckpointStore(new InMemoryCheckpointStore());
        await using (JobHost host = Host(small, JobHost.People(20)))
        {
            await host.Runner.RunAsync("contacts", "run-1");
        }

        await using (JobHost host = Host(large, JobHost.People(500)))
        {
            MartechJobReport report = await host.Runner.RunAsync("contacts", "run-1");
            Assert.Equal(500, report.Outcomes.Count);
        }

        // The run's document holds counts and one chunk in flight, never the outcomes: a few digits more at most.
        Assert.InRange(large.LongestJson - small.LongestJson, 0, 20);
    }

    private static IEnumerable<(long, BulkItemStatus, string?)> Strip(IEnumerable<MartechJobItemOutcome> outcomes) =>
        outcomes.Select(o => (o.Position, o.Status, o.Key));

    private static async IAsyncEnumerable<Contact> Cancelling(IReadOnlyList<Contact> items, long from, long cancelAt, CancellationTokenSource stop)
    {
        for (long i = from; i < items.Count; i++)
        {
            if (i == cancelAt)
            {
                await stop.CancelAsync();
            }

            yield return items[(int)i];
        }
    }
}
