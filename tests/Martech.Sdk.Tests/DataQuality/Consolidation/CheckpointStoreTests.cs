namespace Martech.Sdk.Tests.DataQuality.Consolidation;

public sealed class InMemoryCheckpointStoreTests : CheckpointStoreContract
{
    protected override ICheckpointStore CreateStore() => new InMemoryCheckpointStore();
}

public sealed class FileCheckpointStoreTests : CheckpointStoreContract, IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "martech-checkpoints-" + Guid.NewGuid().ToString("N"));

    protected override ICheckpointStore CreateStore() => new FileCheckpointStore(_directory);

    [Fact]
    public async Task Checkpoint_SurvivesANewStoreOverTheDirectory()
    {
        await CreateStore().TrySetAsync("consolidation:contacts:Pipedrive:HubSpot", "{\"pages\":3}", 0);

        var reopened = new FileCheckpointStore(_directory);

        Assert.Equal(new CheckpointEntry("consolidation:contacts:Pipedrive:HubSpot", 1, "{\"pages\":3}"), await reopened.GetAsync("consolidation:contacts:Pipedrive:HubSpot"));
        string file = Assert.Single(Directory.GetFiles(_directory, "*.checkpoint"));
        Assert.StartsWith("consolidation_contacts_Pipedrive_HubSpot-", Path.GetFileName(file), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keys_ThatSanitiseAlike_StayApart()
    {
        ICheckpointStore store = CreateStore();
        await store.TrySetAsync("a:b", "{\"k\":1}", 0);
        await store.TrySetAsync("a/b", "{\"k\":2}", 0);

        Assert.Equal("{\"k\":1}", (await store.GetAsync("a:b"))!.Json);
        Assert.Equal("{\"k\":2}", (await store.GetAsync("a/b"))!.Json);
    }

    [Fact]
    public async Task Consolidation_ResumesAcrossStoresOverTheSameDirectory()
    {
        await using var host = new ConsolidationHost();
        await host.SeedContactsAsync(6);
        var flaky = new FailingContactClient(host.NewContacts) { CrashAfterUpsert = 4 };

        await Assert.ThrowsAsync<MartechTransportException>(() => new Sdk.Consolidation(CreateStore()).ConsolidateContactsAsync(host.OldContacts, flaky, new ConsolidationOptions { PageSize = 2 }));
        ConsolidationResult result = await new Sdk.Consolidation(CreateStore()).ConsolidateContactsAsync(host.OldContacts, host.NewContacts, new ConsolidationOptions { PageSize = 2 });

        Assert.Equal((true, 5, 1), (result.Resumed, result.Created, result.Updated));
        Assert.Equal(6, host.NewStore.Contacts.Count);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
