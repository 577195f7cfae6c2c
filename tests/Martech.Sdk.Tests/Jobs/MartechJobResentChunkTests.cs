using Martech.Sdk.Testing;

namespace Martech.Sdk.Tests.Jobs;

/// <summary>A contact chunk sent again on resume (its first answer lost) reports what the lost answer would have: a
/// contact the first send created is <see cref="BulkItemStatus.Created"/>, one that existed before stays
/// <see cref="BulkItemStatus.Updated"/>, so the resumed run's outcomes are the uninterrupted run's.</summary>
public sealed class MartechJobResentChunkTests
{
    private static readonly IReadOnlyList<Contact> Input = JobHost.People(35);

    private static JobHost Host(ICheckpointStore store, TimeProvider? time = null, Action<MartechJobsOptions>? options = null) =>
        new(store, jobs => jobs.AddContactUpsertJob("contacts", "Crm", _ => MartechJobSource.FromList(Input)), time: time, options: options);

    [Theory]
    [MemberData(nameof(JobStores.Kinds), MemberType = typeof(JobStores))]
    public async Task VendorAnswerLost_ResumedRunReportsExactlyTheUninterruptedOutcomes(string store)
    {
        await using JobHost host = Host(JobStores.Create(store));
        host.Contacts.LoseAnswerOfCall = 2;

        await Assert.ThrowsAsync<MartechTransportException>(() => host.Runner.RunAsync("contacts", "run-1"));
        MartechJobReport resumed = await host.Runner.RunAsync("contacts", "run-1");

        await using JobHost control = Host(new InMemoryCheckpointStore());
        MartechJobReport uninterrupted = await control.Runner.RunAsync("contacts", "run-1");
        Assert.Equal(45, host.Contacts.TotalWrites); // chunk 1 went out twice
        Assert.Equal(Strip(uninterrupted.Outcomes), Strip(resumed.Outcomes));
        Assert.All(resumed.Outcomes, o => Assert.Equal(BulkItemStatus.Created, o.Status));
        Assert.Equal(host.Crm.Contacts.Select(c => c.Id), resumed.Outcomes.Select(o => o.Id));
    }

    [Theory]
    [MemberData(nameof(JobStores.Kinds), MemberType = typeof(JobStores))]
    public async Task KilledAfterTheVendorCallBeforeTheOutcomeWrite_ResumedRunReportsExactlyTheUninterruptedOutcomes(string store)
    {
        var checkpoints = new CrashingCheckpointStore(JobStores.Create(store)) { CrashOnKeySuffix = ":0:chunk:1" };
        await using JobHost host = Host(checkpoints);

        await Assert.ThrowsAsync<IOException>(() => host.Runner.RunAsync("contacts", "run-1"));
        MartechJobReport resumed = await host.Runner.RunAsync("contacts", "run-1");

        await using JobHost control = Host(new InMemoryCheckpointStore());
        MartechJobReport uninterrupted = await control.Runner.RunAsync("contacts", "run-1");
        Assert.Equal(45, host.Contacts.TotalWrites);
        Assert.Equal(Strip(uninterrupted.Outcomes), Strip(resumed.Outcomes));
        Assert.Equal(35, host.Crm.Contacts.Count);
    }

    [Fact]
    public async Task ResentChunk_ContactsThatExistedBeforeTheRun_StayUpdatedLikeTheUninterruptedRun()
    {
        // Persons 12 and 13 exist an hour before the run; the chunk holding them (positions 10 to 19) is sent twice.
        var clock = new ManualTimeProvider();
        await using JobHost host = Host(new InMemoryCheckpointStore(), clock);
        var controlClock = new ManualTimeProvider();
        await using JobHost control = Host(new InMemoryCheckpointStore(), controlClock);
        foreach (JobHost h in (JobHost[])[host, control])
        {
            h.Crm.UpsertContact(JobHost.Person(12), ContactMatchKey.Email);
            h.Crm.UpsertContact(JobHost.Person(13), ContactMatchKey.Email);
        }

        clock.Advance(TimeSpan.FromHours(1));
        controlClock.Advance(TimeSpan.FromHours(1));
        host.Contacts.LoseAnswerOfCall = 2;

        await Assert.ThrowsAsync<MartechTransportException>(() => host.Runner.RunAsync("contacts", "run-1"));
        MartechJobReport resumed = await host.Runner.RunAsync("contacts", "run-1");
        MartechJobReport uninterrupted = await control.Runner.RunAsync("contacts", "run-1");

        Assert.Equal(Strip(uninterrupted.Outcomes), Strip(resumed.Outcomes));
        Assert.Equal(
            Enumerable.Range(0, 35).Select(i => i is 12 or 13 ? BulkItemStatus.Updated : BulkItemStatus.Created),
            resumed.Outcomes.Select(o => o.Status));
    }

    [Theory]
    [InlineData(10, BulkItemStatus.Created)] // the default: a contact created 5 minutes before the chunk is taken for the chunk's
    [InlineData(1, BulkItemStatus.Updated)]
    public async Task ResentChunk_ContactCreatedBeforeTheChunkStarted_IsCreatedOnlyWithinContactCreatedMargin(int marginMinutes, BulkItemStatus expected)
    {
        var clock = new ManualTimeProvider();
        await using JobHost host = Host(new InMemoryCheckpointStore(), clock, o => o.ContactCreatedMargin = TimeSpan.FromMinutes(marginMinutes));
        host.Crm.UpsertContact(JobHost.Person(12), ContactMatchKey.Email);
        clock.Advance(TimeSpan.FromMinutes(5));
        host.Contacts.LoseAnswerOfCall = 2;

        await Assert.ThrowsAsync<MartechTransportException>(() => host.Runner.RunAsync("contacts", "run-1"));
        MartechJobReport resumed = await host.Runner.RunAsync("contacts", "run-1");

        Assert.Equal(expected, resumed.Outcomes[12].Status);
        Assert.Equal(BulkItemStatus.Created, resumed.Outcomes[13].Status);
    }

    private static IEnumerable<(long, BulkItemStatus, string?)> Strip(IEnumerable<MartechJobItemOutcome> outcomes) =>
        outcomes.Select(o => (o.Position, o.Status, o.Key));
}
