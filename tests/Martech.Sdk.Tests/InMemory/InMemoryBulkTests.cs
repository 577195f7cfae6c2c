namespace Martech.Sdk.Tests.InMemory;

public class InMemoryBulkTests
{
    [Fact]
    public void FindDependencies_SharedKeys_EachBatchWaitsForTheLatestEarlierBatchOfEachKey()
    {
        // Batch size 2: batches [0,1] [2,3] [4,5] [6,7].
        string[][] keys =
        [
            ["a"], ["b"],
            ["c"], ["A"],
            ["c", "b"], ["d"],
            ["a", "d"], ["e"],
        ];

        var dependencies = InMemoryBulk.FindDependencies(keys.Length, 2, 4, i => keys[i]);

        Assert.Null(dependencies[0]);
        Assert.Equal([0], dependencies[1]!);
        Assert.Equal([1, 0], dependencies[2]!);
        Assert.Equal([1, 2], dependencies[3]!);
    }

    [Fact]
    public async Task RunAsync_LaterBatchSharesAKey_RunsOnlyAfterTheEarlierBatchFinished()
    {
        using var release = new ManualResetEventSlim();
        bool batch0Finished = false;
        bool batch1SawBatch0Finished = false;
        string[] keys = ["shared", "shared", "other"];

        var result = await InMemoryBulk.RunAsync(
            3,
            new BulkOptions { BatchSize = 1, MaxConcurrency = 3 },
            maxBatchSize: 100,
            index =>
            {
                switch (index)
                {
                    case 0:
                        // Blocks until the independent batch 2 runs, leaving batch 1 free to run early were it not ordered.
                        release.Wait();
                        Volatile.Write(ref batch0Finished, true);
                        break;
                    case 1:
                        batch1SawBatch0Finished = Volatile.Read(ref batch0Finished);
                        break;
                    default:
                        release.Set();
                        break;
                }

                return new BulkItemResult<int>(index, BulkItemStatus.Succeeded, index);
            },
            i => [keys[i]],
            CancellationToken.None);

        Assert.True(batch1SawBatch0Finished);
        Assert.Equal([0, 1, 2], result.Items.Select(i => i.Value));
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
            keysOf: null,
            CancellationToken.None);

        Assert.Equal(Enumerable.Range(0, 7), result.Items.Select(i => i.Index));
        Assert.Equal(4, result.SucceededCount);
        Assert.Equal(3, result.FailedCount);
        Assert.Equal(3, progress.Reports.Count);
        Assert.Equal(new BulkProgress(7, 7, 3), progress.Reports[^1]);
    }
}
