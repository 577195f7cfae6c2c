namespace Martech.Sdk.Tests.DataQuality.Consolidation;

/// <summary>A run stopped part-way resumes from its checkpoint: the target ends with every source record exactly once,
/// and the report has each record once.</summary>
public sealed class ConsolidationResumeTests
{
    [Fact]
    public async Task ConsolidateContacts_TargetFailsMidPageAfterTheWrite_ResumeLeavesNoDuplicate()
    {
        await using var host = new ConsolidationHost();
        IReadOnlyList<Contact> sources = await host.SeedContactsAsync(25);
        var store = new InMemoryCheckpointStore();
        var log = new OutcomeLog();
        // The 14th write (page 2 of 10, its 4th record) reaches the target, then the connection drops: the write
        // happened, but the run never learns it.
        var flaky = new FailingContactClient(host.NewContacts) { CrashAfterUpsert = 14 };

        await Assert.ThrowsAsync<MartechTransportException>(() =>
            new Sdk.Consolidation(store).ConsolidateContactsAsync(host.OldContacts, flaky, new ConsolidationOptions { PageSize = 10, OnOutcome = log.Add }));

        Assert.Equal(14, host.NewStore.Contacts.Count);
        Assert.Equal(13, log.Outcomes.Count);
        CheckpointEntry? saved = await store.GetAsync("consolidation:contacts:Old:New");
        Assert.NotNull(saved);
        Assert.Contains("\"pages\":1", saved.Json, StringComparison.Ordinal);

        // A new engine over the same store, as after a restart.
        ConsolidationResult result = await new Sdk.Consolidation(store).ConsolidateContactsAsync(host.OldContacts, host.NewContacts, new ConsolidationOptions { PageSize = 10, OnOutcome = log.Add });

        Assert.True(result.Resumed);
        Assert.Equal(25, host.NewStore.Contacts.Count);
        Assert.Equal(sources.Select(s => s.Email), host.NewStore.Contacts.Select(c => c.Email));
        Assert.Equal(sources.Select(s => s.Id), log.Outcomes.Select(o => o.SourceId)); // each once, in order
        // The record written before the failure is recognised on the target by its address and updated, not created.
        Assert.Equal((ConsolidationStatus.Updated, "person14@example.org"), (log.Outcomes[13].Status, log.Outcomes[13].Email));
        Assert.Equal((24, 1, 0, 3), (result.Created, result.Updated, result.Failed, result.Pages));
    }

    [Fact]
    public async Task ConsolidateContacts_CancelledAfterTwoPages_ResumesFromThirdPageAndFinishedRunIsNotRepeated()
    {
        await using var host = new ConsolidationHost();
        await host.SeedContactsAsync(25);
        var store = new InMemoryCheckpointStore();
        var log = new OutcomeLog();
        using var stop = new CancellationTokenSource();
        var options = new ConsolidationOptions
        {
            PageSize = 10,
            OnOutcome = (outcome, ct) =>
            {
                log.Outcomes.Add(outcome);
                if (log.Outcomes.Count == 20)
                {
                    stop.Cancel();
                }

                return ValueTask.CompletedTask;
            },
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new Sdk.Consolidation(store).ConsolidateContactsAsync(host.OldContacts, host.NewContacts, options, stop.Token));
        Assert.Equal(20, host.NewStore.Contacts.Count);

        ConsolidationResult resumed = await new Sdk.Consolidation(store).ConsolidateContactsAsync(host.OldContacts, host.NewContacts, new ConsolidationOptions { PageSize = 10, OnOutcome = log.Add });

        Assert.Equal(25, host.NewStore.Contacts.Count);
        Assert.Equal(25, log.Outcomes.Count);
        Assert.All(log.Outcomes, o => Assert.Equal(ConsolidationStatus.Created, o.Status));
        Assert.Equal((true, 25, 3), (resumed.Resumed, resumed.Created, resumed.Pages));

        ConsolidationResult again = await new Sdk.Consolidation(store).ConsolidateContactsAsync(host.OldContacts, host.NewContacts, new ConsolidationOptions { PageSize = 10, OnOutcome = log.Add });
        Assert.Equal((true, 25), (again.AlreadyCompleted, again.Created));
        Assert.Equal(25, log.Outcomes.Count);

        ConsolidationResult fresh = await new Sdk.Consolidation(store).ConsolidateContactsAsync(host.OldContacts, host.NewContacts, new ConsolidationOptions { PageSize = 10, StartOver = true });
        Assert.Equal((false, 0, 25), (fresh.Resumed, fresh.Created, fresh.Updated));
        Assert.Equal(25, host.NewStore.Contacts.Count);
    }

    [Fact]
    public async Task ConsolidateContacts_MoveFailsMidPage_ResumeDeletesEachSourceOnceAndTargetHoldsEachOnce()
    {
        await using var host = new ConsolidationHost();
        await host.SeedContactsAsync(12);
        var store = new InMemoryCheckpointStore();
        var log = new OutcomeLog();
        var flaky = new FailingContactClient(host.NewContacts) { CrashAfterUpsert = 6 };
        var options = new ConsolidationOptions { Mode = ConsolidationMode.Move, PageSize = 5, OnOutcome = log.Add };

        await Assert.ThrowsAsync<MartechTransportException>(() => new Sdk.Consolidation(store).ConsolidateContactsAsync(host.OldContacts, flaky, options));
        Assert.Equal(7, host.OldStore.Contacts.Count); // five moved; the sixth was written but not yet deleted

        ConsolidationResult result = await new Sdk.Consolidation(store).ConsolidateContactsAsync(host.OldContacts, host.NewContacts, options);

        Assert.Empty(host.OldStore.Contacts);
        Assert.Equal(12, host.NewStore.Contacts.Count);
        Assert.Equal(12, host.NewStore.Contacts.Select(c => c.Email).Distinct().Count());
        Assert.Equal((11, 1, 12), (result.Created, result.Updated, result.SourceDeleted));
        Assert.Equal(12, log.Outcomes.Count);
    }

    [Fact]
    public async Task ConsolidateLeads_TargetFailsAfterCreate_ResumeFindsTheLeadInTheTargetIndex()
    {
        await using var host = new ConsolidationHost();
        for (int i = 1; i <= 7; i++)
        {
            await host.OldLeads.CreateAsync(new Lead { Email = EmailAddress.Parse($"lead{i}@example.org"), Company = $"Company {i}" });
        }

        var store = new InMemoryCheckpointStore();
        var flaky = new FailingLeadClient(host.NewLeads) { CrashAfterCreate = 4 };

        await Assert.ThrowsAsync<MartechTransportException>(() => new Sdk.Consolidation(store).ConsolidateLeadsAsync(host.OldLeads, flaky, new ConsolidationOptions { PageSize = 3 }));
        Assert.Equal(4, host.NewStore.Leads.Count);

        ConsolidationResult result = await new Sdk.Consolidation(store).ConsolidateLeadsAsync(host.OldLeads, host.NewLeads, new ConsolidationOptions { PageSize = 3 });

        Assert.Equal(7, host.NewStore.Leads.Count);
        Assert.Equal(7, host.NewStore.Leads.Select(l => l.Email).Distinct().Count());
        Assert.Equal((6, 1), (result.Created, result.Updated));
    }

    [Fact]
    public async Task ConsolidateContacts_CheckpointOfAnotherRun_IsRefusedWithTheFix()
    {
        await using var host = new ConsolidationHost();
        await host.SeedContactsAsync(1);
        var store = new InMemoryCheckpointStore();
        await new Sdk.Consolidation(store).ConsolidateLeadsAsync(host.OldLeads, host.NewLeads, new ConsolidationOptions { CheckpointKey = "shared" });

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            new Sdk.Consolidation(store).ConsolidateContactsAsync(host.OldContacts, host.NewContacts, new ConsolidationOptions { CheckpointKey = "shared" }));

        Assert.Equal("The checkpoint 'shared' belongs to a run of leads from 'Old' to 'New', not contacts from 'Old' to 'New'; use another CheckpointKey, or StartOver.", error.Message);
    }

    [Fact]
    public async Task ConsolidateContacts_AnotherRunAdvancesTheCheckpoint_StopsRatherThanOverwrite()
    {
        await using var host = new ConsolidationHost();
        await host.SeedContactsAsync(3);
        var store = new InMemoryCheckpointStore();
        var options = new ConsolidationOptions
        {
            OnOutcome = async (_, ct) =>
            {
                // A second runner writes the same key meanwhile.
                CheckpointEntry? current = await store.GetAsync("consolidation:contacts:Old:New", ct);
                await store.TrySetAsync("consolidation:contacts:Old:New", "{}", current?.Version ?? 0, ct);
            },
        };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => new Sdk.Consolidation(store).ConsolidateContactsAsync(host.OldContacts, host.NewContacts, options));

        Assert.StartsWith("The checkpoint 'consolidation:contacts:Old:New' was changed by another run while this one held it", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConsolidateContacts_MoveOfAThousand_CheckpointHoldsAtMostOnePageOfOutcomes_AndResumes()
    {
        await using var host = new ConsolidationHost();
        await host.SeedContactsAsync(1000);
        var store = new RecordingCheckpointStore();
        var log = new OutcomeLog();
        using var stop = new CancellationTokenSource();
        var options = new ConsolidationOptions
        {
            Mode = ConsolidationMode.Move,
            PageSize = 10,
            OnOutcome = (outcome, ct) =>
            {
                log.Outcomes.Add(outcome);
                if (log.Outcomes.Count == 505)
                {
                    stop.Cancel();
                }

                return ValueTask.CompletedTask;
            },
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new Sdk.Consolidation(store).ConsolidateContactsAsync(host.OldContacts, host.NewContacts, options, stop.Token));
        Assert.Equal(495, host.OldStore.Contacts.Count);

        options.OnOutcome = log.Add;
        ConsolidationResult result = await new Sdk.Consolidation(store).ConsolidateContactsAsync(host.OldContacts, host.NewContacts, options);

        Assert.True(result.Resumed);
        Assert.Empty(host.OldStore.Contacts);
        Assert.Equal(1000, host.NewStore.Contacts.Count);
        Assert.Equal(1000, host.NewStore.Contacts.Select(c => c.Email).Distinct().Count());
        Assert.Equal(1000, log.Outcomes.Select(o => o.SourceId).Distinct().Count());
        Assert.Equal(1000, log.Outcomes.Count);
        Assert.All(log.Outcomes, o => Assert.True(o.SourceDeleted));
        Assert.Equal((1000, 0, 0, 1000), (result.Created, result.Updated, result.Failed, result.SourceDeleted));
        // The outcomes of moved records are not kept: the page in progress never lists more than a page.
        Assert.InRange(store.MostOutcomes, 1, 10);
        Assert.InRange(store.LongestJson, 1, 4096);
    }

    [Fact]
    public async Task ConsolidateContacts_MoveStopsRightAfterADelete_ResumedRunReportsThatRecordOnce()
    {
        await using var host = new ConsolidationHost();
        IReadOnlyList<Contact> sources = await host.SeedContactsAsync(12);
        var store = new InMemoryCheckpointStore();
        var log = new OutcomeLog();
        // The 6th source delete goes through, then the connection drops: the record is on the target and gone from the
        // source before its outcome was reported.
        var source = new CrashingSourceClient(host.OldContacts) { CrashAfterDelete = 6 };
        var options = new ConsolidationOptions { Mode = ConsolidationMode.Move, PageSize = 5, OnOutcome = log.Add };

        await Assert.ThrowsAsync<MartechTransportException>(() => new Sdk.Consolidation(store).ConsolidateContactsAsync(source, host.NewContacts, options));
        Assert.Equal(6, host.OldStore.Contacts.Count);
        Assert.Equal(5, log.Outcomes.Count);

        ConsolidationResult result = await new Sdk.Consolidation(store).ConsolidateContactsAsync(host.OldContacts, host.NewContacts, options);

        Assert.Empty(host.OldStore.Contacts);
        Assert.Equal(12, host.NewStore.Contacts.Count);
        Assert.Equal(sources.Select(s => s.Id).Order(StringComparer.Ordinal), log.Outcomes.Select(o => o.SourceId).Order(StringComparer.Ordinal)); // each once
        ConsolidationOutcome sixth = log.Outcomes.Single(o => o.SourceId == sources[5].Id);
        Assert.Equal((ConsolidationStatus.Created, true, "person6@example.org"), (sixth.Status, sixth.SourceDeleted, sixth.Email));
        Assert.Equal((12, 0, 12), (result.Created, result.Updated, result.SourceDeleted));
    }
}
