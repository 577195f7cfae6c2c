using System.Net;
using Martech.Sdk.Tests.InMemory;

namespace Martech.Sdk.Tests.Bulk;

public class BulkRunTests
{
    [Fact]
    public async Task RunAsync_PreSettledItems_CountedInTheFirstReportThenOneReportPerChunkInOrder()
    {
        var progress = new RecordingProgress<BulkProgress>();
        var run = new BulkRun<int>(7, new BulkOptions { MaxConcurrency = 4, Progress = progress });
        run.Fail(1, new BulkItemError("null", "NULL_ITEM"));
        run.Settle(new BulkItemResult<int>(4, BulkItemStatus.Succeeded, 4));

        BulkResult<int> result = await run.RunAsync(
            BulkChunk.ByCount(run.Unsettled(), 2),
            async (chunk, ct) =>
            {
                await Task.Delay(chunk.Indexes[0] == 0 ? 50 : 1, ct);
                foreach (int index in chunk.Indexes)
                {
                    run.Settle(index == 5
                        ? new BulkItemResult<int>(index, BulkItemStatus.Failed, 0, new BulkItemError("refused", "X"))
                        : new BulkItemResult<int>(index, BulkItemStatus.Succeeded, index));
                }
            },
            CancellationToken.None);

        Assert.Equal(new BulkProgress(7, 2, 1), progress.Reports[0]);
        Assert.Equal(4, progress.Reports.Count); // the pre-settled items, then chunks [0,2] [3,5] [6]
        Assert.True(progress.Reports.Zip(progress.Reports.Skip(1)).All(static p => p.First.Completed < p.Second.Completed), "Reports arrived out of order.");
        Assert.Equal(new BulkProgress(7, 7, 2), progress.Reports[^1]);
        Assert.True(progress.Reports.Zip(progress.Reports.Skip(1)).All(static p => p.First.Failed <= p.Second.Failed));
        Assert.Equal(Enumerable.Range(0, 7), result.Items.Select(static i => i.Index));
        Assert.Equal((5, 2), (result.SucceededCount, result.FailedCount));
    }

    [Fact]
    public async Task RunAsync_PreSettledItemInAChunk_CountedWithItsChunk()
    {
        var progress = new RecordingProgress<BulkProgress>();
        var run = new BulkRun<int>(4, new BulkOptions { Progress = progress });
        run.Fail(2, new BulkItemError("missing key", "MISSING_KEY"));

        await run.RunAsync(BulkChunk.ByRange(4, 200), (chunk, _) => SucceedUnsettled(run, chunk), CancellationToken.None);

        Assert.Equal([new BulkProgress(4, 4, 1)], progress.Reports);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(16)]
    public async Task RunAsync_ManyChunks_NeverMoreInFlightThanMaxConcurrency(int maxConcurrency)
    {
        var run = new BulkRun<int>(200, new BulkOptions { MaxConcurrency = maxConcurrency });
        int inFlight = 0;
        int maxInFlight = 0;

        await run.RunAsync(
            BulkChunk.ByRange(200, 5),
            async (chunk, ct) =>
            {
                int now = Interlocked.Increment(ref inFlight);
                InterlockedMax(ref maxInFlight, now);
                await Task.Delay(2, ct);
                await SucceedUnsettled(run, chunk);
                Interlocked.Decrement(ref inFlight);
            },
            CancellationToken.None);

        Assert.InRange(maxInFlight, 1, maxConcurrency);
        if (maxConcurrency > 1)
        {
            Assert.True(maxInFlight > 1, $"Chunks never overlapped (max in flight {maxInFlight}).");
        }
    }

    [Fact]
    public async Task RunAsync_CancelledMidRun_LaterChunksNotSentAndFailCancelledWithTheRunsMessage()
    {
        using var cts = new CancellationTokenSource();
        var progress = new RecordingProgress<BulkProgress>();
        var run = new BulkRun<int>(6, new BulkOptions { MaxConcurrency = 1, Progress = progress })
        {
            CancelledMessage = "Cancelled before sending; not sent.",
        };
        var sent = new List<int>();

        BulkResult<int> result = await run.RunAsync(
            BulkChunk.ByRange(6, 2),
            async (chunk, ct) =>
            {
                sent.AddRange(chunk.Indexes);
                await SucceedUnsettled(run, chunk);
                await cts.CancelAsync();
            },
            cts.Token);

        Assert.Equal([0, 1], sent);
        Assert.All(result.Items.Take(2), static i => Assert.Equal(BulkItemStatus.Succeeded, i.Status));
        Assert.All(result.Items.Skip(2), static i =>
        {
            Assert.Equal((BulkItemStatus.Failed, BulkItemCodes.Cancelled, "Cancelled before sending; not sent."), (i.Status, i.Error?.Code, i.Error?.Message));
            Assert.IsType<OperationCanceledException>(i.Error?.Exception);
        });
        Assert.Equal([new BulkProgress(6, 2, 0), new BulkProgress(6, 4, 2), new BulkProgress(6, 6, 4)], progress.Reports);
    }

    [Fact]
    public async Task RunAsync_ChunkThrows_ItsItemsWithoutOutcomeGetTheReasonOthersUnaffected()
    {
        var run = new BulkRun<int>(6, new BulkOptions { MaxConcurrency = 2 });
        var boom = new MartechTransportException("Connection refused.");

        BulkResult<int> result = await run.RunAsync(
            BulkChunk.ByRange(6, 3),
            (chunk, _) =>
            {
                if (chunk.Indexes[0] == 3)
                {
                    run.Settle(new BulkItemResult<int>(3, BulkItemStatus.Succeeded, 3)); // settled before the failure: kept
                    throw boom;
                }

                return SucceedUnsettled(run, chunk);
            },
            CancellationToken.None);

        Assert.Equal([BulkItemStatus.Succeeded, BulkItemStatus.Succeeded, BulkItemStatus.Succeeded, BulkItemStatus.Succeeded, BulkItemStatus.Failed, BulkItemStatus.Failed], result.Items.Select(static i => i.Status));
        Assert.All(result.Items.Skip(4), i =>
        {
            Assert.Equal(BulkItemCodes.RequestFailed, i.Error?.Code);
            Assert.Equal("Connection refused.", i.Error?.Message);
            Assert.Same(boom, i.Error?.Exception);
        });
    }

    [Fact]
    public async Task RunAsync_ChunkThrowsAfterTheRequestMayHaveLeft_ItemsUnknownNeverFailed()
    {
        var run = new BulkRun<int>(2);
        BulkResult<int> result = await run.RunAsync(
            BulkChunk.ByRange(2, 2),
            (_, _) => throw new MartechTimeoutException("No answer in 30 s.") { MayHaveBeenProcessed = true },
            CancellationToken.None);

        Assert.All(result.Items, static i => Assert.Equal((BulkItemStatus.Unknown, BulkItemCodes.UnknownOutcome), (i.Status, i.Error?.Code)));
    }

    [Fact]
    public async Task RunAsync_ChunkFailureHook_MapsTheException()
    {
        var run = new BulkRun<int>(2)
        {
            ChunkFailure = static (ex, _) => (BulkItemStatus.Failed, new BulkItemError("vendor: " + ex.Message, "VENDOR_DOWN")),
        };
        BulkResult<int> result = await run.RunAsync(
            BulkChunk.ByRange(2, 1),
            (_, _) => throw new MartechRequestException("Service unavailable.") { StatusCode = HttpStatusCode.ServiceUnavailable },
            CancellationToken.None);

        Assert.All(result.Items, static i => Assert.Equal(("VENDOR_DOWN", "vendor: Service unavailable."), (i.Error?.Code, i.Error?.Message)));
    }

    [Fact]
    public async Task RunAsync_ItemLeftWithoutOutcome_FailsWithNoOutcomeAndEverySlotIsFilled()
    {
        var progress = new RecordingProgress<BulkProgress>();
        var run = new BulkRun<int>(5, new BulkOptions { Progress = progress });

        // Index 4 is in no chunk and never settled; index 1 is in a chunk that forgets it.
        BulkResult<int> result = await run.RunAsync(
            [new BulkChunk([0, 1]), new BulkChunk([2, 3])],
            (chunk, _) =>
            {
                foreach (int index in chunk.Indexes.Where(static i => i != 1))
                {
                    run.Settle(new BulkItemResult<int>(index, BulkItemStatus.Succeeded, index));
                }

                return Task.CompletedTask;
            },
            CancellationToken.None);

        Assert.Equal(5, result.Items.Count);
        Assert.All(result.Items, static i => Assert.NotNull(i));
        Assert.Equal([BulkItemStatus.Succeeded, BulkItemStatus.Failed, BulkItemStatus.Succeeded, BulkItemStatus.Succeeded, BulkItemStatus.Failed], result.Items.Select(static i => i.Status));
        Assert.Equal(BulkItemCodes.NoOutcome, result.Items[1].Error?.Code);
        Assert.Equal(BulkItemCodes.NoOutcome, result.Items[4].Error?.Code);
        Assert.Equal(new BulkProgress(5, 5, 2), progress.Reports[^1]);
    }

    [Fact]
    public async Task RunAsync_ChunksSharingAKey_RunInInputOrderOthersOverlap()
    {
        string[] keys = ["a", "b", "a", "c", "a", "d"];
        var run = new BulkRun<int>(keys.Length, new BulkOptions { MaxConcurrency = 8 });
        List<BulkChunk> chunks = BulkChunk.ByRange(keys.Length, 1);
        BulkChunk.OrderByKeys(chunks, i => keys[i], StringComparer.Ordinal);
        var finished = new List<int>();
        var gate = new Lock();

        await run.RunAsync(
            chunks,
            async (chunk, ct) =>
            {
                int index = chunk.Indexes[0];
                await Task.Delay(index == 0 ? 60 : index == 2 ? 30 : 1, ct);
                lock (gate)
                {
                    finished.Add(index);
                }

                await SucceedUnsettled(run, chunk);
            },
            CancellationToken.None);

        Assert.Equal([0, 2, 4], finished.Where(i => keys[i] == "a"));
        Assert.True(finished.IndexOf(1) < finished.IndexOf(0), "A chunk of another key waited for key 'a'.");
        Assert.Same(chunks[2], chunks[4].WaitsFor.Single());
    }

    [Fact]
    public async Task RunAsync_NoChunks_ReturnsThePreSettledItems()
    {
        var run = new BulkRun<string>(0);
        BulkResult<string> result = await run.RunAsync(Array.Empty<BulkChunk>(), static (_, _) => Task.CompletedTask, CancellationToken.None);
        Assert.Empty(result.Items);
    }

    [Fact]
    public async Task RunAsync_BadPlan_ThrowsNamingTheProblem()
    {
        var overlapping = new BulkRun<int>(3);
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => overlapping.RunAsync([new BulkChunk([0, 1]), new BulkChunk([1, 2])], static (_, _) => Task.CompletedTask, CancellationToken.None));
        Assert.Contains("input index 1", ex.Message, StringComparison.Ordinal);

        var outOfRange = new BulkRun<int>(2);
        await Assert.ThrowsAsync<ArgumentException>(() => outOfRange.RunAsync([new BulkChunk([2])], static (_, _) => Task.CompletedTask, CancellationToken.None));

        var backwards = new BulkRun<int>(2);
        var first = new BulkChunk([0]);
        var second = new BulkChunk([1]);
        first.After(second);
        ex = await Assert.ThrowsAsync<ArgumentException>(() => backwards.RunAsync([first, second], static (_, _) => Task.CompletedTask, CancellationToken.None));
        Assert.Contains("does not come before it", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Twice_Throws()
    {
        var run = new BulkRun<int>(0);
        await run.RunAsync(Array.Empty<BulkChunk>(), static (_, _) => Task.CompletedTask, CancellationToken.None);
        await Assert.ThrowsAsync<InvalidOperationException>(() => run.RunAsync(Array.Empty<BulkChunk>(), static (_, _) => Task.CompletedTask, CancellationToken.None));
    }

    [Fact]
    public void Constructor_AndSettings_ValidateTheirValues()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new BulkRun<int>(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BulkRun<int>(1, new BulkOptions { MaxConcurrency = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BulkRun<int>(1) { MaxConcurrency = 0 });
        var run = new BulkRun<int>(1, new BulkOptions { BatchSize = 500 });
        Assert.Equal((100, 500), (run.BatchSize(100), run.BatchSize(1000)));
        Assert.Equal(7, new BulkRun<int>(1).BatchSize(7));
        Assert.Throws<ArgumentOutOfRangeException>(() => run.Settle(new BulkItemResult<int>(1, BulkItemStatus.Succeeded)));
    }

    [Fact]
    public void ByCount_CutsInOrder()
    {
        List<BulkChunk> chunks = BulkChunk.ByCount([4, 7, 9, 12, 15], 2);
        Assert.Equal([[4, 7], [9, 12], [15]], chunks.Select(static c => c.Indexes.ToArray()));
        Assert.Equal([[0, 1, 2], [3, 4]], BulkChunk.ByRange(5, 3).Select(static c => c.Indexes.ToArray()));
    }

    private static Task SucceedUnsettled(BulkRun<int> run, BulkChunk chunk)
    {
        foreach (int index in chunk.Indexes)
        {
            if (!run.IsSettled(index))
            {
                run.Settle(new BulkItemResult<int>(index, BulkItemStatus.Succeeded, index));
            }
        }

        return Task.CompletedTask;
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current = Volatile.Read(ref target);
        while (value > current)
        {
            int seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
