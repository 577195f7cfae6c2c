namespace Martech.Sdk.Tests.InMemory;

public class InMemoryBulkTests
{
    [Fact]
    public async Task RunAsync_SeveralBatchesAndConcurrency_ProcessesItemsInInputOrderOnTheCallingThread()
    {
        var order = new List<int>();
        int thread = Environment.CurrentManagedThreadId;
        bool otherThread = false;

        var result = await InMemoryBulk.RunAsync(
            10,
            new BulkOptions { BatchSize = 2, MaxConcurrency = 8 },
            maxBatchSize: 100,
            index =>
            {
                order.Add(index);
                otherThread |= Environment.CurrentManagedThreadId != thread;
                return new BulkItemResult<int>(index, BulkItemStatus.Succeeded, index);
            },
            CancellationToken.None);

        Assert.Equal(Enumerable.Range(0, 10), order);
        Assert.False(otherThread);
        Assert.Equal(Enumerable.Range(0, 10), result.Items.Select(i => i.Value));
    }

    [Fact]
    public async Task RunAsync_OutcomesAndProgress_OnePerItemInInputOrder()
    {
        var progress = new RecordingProgress<BulkProgress>();

        var result = await InMemoryBulk.RunAsync(
            7,
            new BulkOptions { BatchSize = 3, MaxConcurrency = 2, Progress = progress },
            maxBatchSize: 100,
            index => new BulkItemResult<string>(index, index % 2 == 0 ? BulkItemStatus.Succeeded : BulkItemStatus.Failed, $"v{index}", index % 2 == 0 ? null : new BulkItemError("odd")),
            CancellationToken.None);

        Assert.Equal(Enumerable.Range(0, 7), result.Items.Select(i => i.Index));
        Assert.Equal(4, result.SucceededCount);
        Assert.Equal(3, result.FailedCount);
        Assert.Equal(3, progress.Reports.Count);
        Assert.Equal(new BulkProgress(7, 7, 3), progress.Reports[^1]);
    }
}
