namespace Martech.Sdk.Tests.DataQuality.Consolidation;

/// <summary>The <see cref="ICheckpointStore"/> contract, run against each store in the core (and, in the integration
/// tests, against Redis).</summary>
public abstract class CheckpointStoreContract
{
    protected abstract ICheckpointStore CreateStore();

    [Fact]
    public async Task TrySet_NewKeyAtVersionZero_StartsAtVersionOne()
    {
        ICheckpointStore store = CreateStore();

        Assert.True(await store.TrySetAsync("job:a", "{\"n\":1}", 0));

        Assert.Equal(new CheckpointEntry("job:a", 1, "{\"n\":1}"), await store.GetAsync("job:a"));
        Assert.Null(await store.GetAsync("job:b"));
    }

    [Fact]
    public async Task TrySet_StaleVersion_IsRefusedAndKeepsTheDocument()
    {
        ICheckpointStore store = CreateStore();
        await store.TrySetAsync("job", "{\"n\":1}", 0);
        await store.TrySetAsync("job", "{\"n\":2}", 1);

        Assert.False(await store.TrySetAsync("job", "{\"n\":3}", 1));
        Assert.False(await store.TrySetAsync("job", "{\"n\":3}", 0));

        Assert.Equal(new CheckpointEntry("job", 2, "{\"n\":2}"), await store.GetAsync("job"));
    }

    [Fact]
    public async Task TryDelete_OnlyAtTheCurrentVersion()
    {
        ICheckpointStore store = CreateStore();
        await store.TrySetAsync("job", "{}", 0);

        Assert.False(await store.TryDeleteAsync("job", 2));
        Assert.True(await store.TryDeleteAsync("job", 1));
        Assert.Null(await store.GetAsync("job"));
        Assert.False(await store.TryDeleteAsync("job", 1));
        Assert.True(await store.TrySetAsync("job", "{}", 0));
    }

    [Fact]
    public async Task TrySet_ManyWritersAtOnce_ExactlyOneWinsEachVersion()
    {
        ICheckpointStore store = CreateStore();

        bool[] won = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => store.TrySetAsync("race", $"{{\"writer\":{i}}}", 0))));

        Assert.Equal(1, won.Count(w => w));
        Assert.Equal(1, (await store.GetAsync("race"))!.Version);
    }

    [Fact]
    public async Task Arguments_EmptyKeyJsonOrNegativeVersion_AreRefused()
    {
        ICheckpointStore store = CreateStore();

        Assert.Equal("A checkpoint key is null, empty or white space; name the checkpoint. (Parameter 'key')", (await Assert.ThrowsAsync<ArgumentException>(() => store.GetAsync(" "))).Message);
        await Assert.ThrowsAsync<ArgumentException>(() => store.TrySetAsync("k", " ", 0));
        await Assert.ThrowsAsync<ArgumentException>(() => store.TrySetAsync("k", "{}", -1));
        await Assert.ThrowsAsync<ArgumentException>(() => store.TryDeleteAsync("k", 0));
    }
}
