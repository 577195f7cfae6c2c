namespace Martech.Sdk;

/// <summary>
/// Runs the bulk operations of the in-memory providers as a vendor would: in batches of at most the instance's
/// <see cref="InMemoryProviderOptions.MaxBatchSize"/>, several batches at once, progress after each batch, and one
/// outcome per input item.
/// </summary>
internal static class InMemoryBulk
{
    /// <summary>Runs a bulk operation.</summary>
    /// <typeparam name="T">The per-item result type.</typeparam>
    /// <param name="count">The number of input items.</param>
    /// <param name="options">Batch size, concurrency and progress, already validated.</param>
    /// <param name="maxBatchSize">The instance's batch limit.</param>
    /// <param name="processItem">Processes the item at an index and returns its outcome; must not throw for a bad item.</param>
    /// <param name="keysOf">The keys an item reads or writes (such as its id and email), when items of one call can
    /// affect each other: a batch then waits for every earlier batch that shares a key, so such items take effect in
    /// input order however the batches are scheduled. <see langword="null"/> when items are independent.</param>
    /// <param name="cancellationToken">Once cancelled, batches not yet started are not processed: their items fail
    /// with <c>CANCELLED</c> and the cancellation as the exception.</param>
    /// <returns>One outcome per input item, in input order.</returns>
    public static async Task<BulkResult<T>> RunAsync<T>(
        int count,
        BulkOptions options,
        int maxBatchSize,
        Func<int, BulkItemResult<T>> processItem,
        Func<int, IEnumerable<string>>? keysOf,
        CancellationToken cancellationToken)
    {
        var results = new BulkItemResult<T>[count];
        if (count == 0)
        {
            return new BulkResult<T>(results);
        }

        int batchSize = Math.Min(options.BatchSize ?? maxBatchSize, maxBatchSize);
        int batchCount = (count + batchSize - 1) / batchSize;
        List<int>?[]? dependencies = keysOf is null ? null : FindDependencies(count, batchSize, batchCount, keysOf);
        TaskCompletionSource[]? finished = dependencies is null ? null : new TaskCompletionSource[batchCount];
        if (finished is not null)
        {
            for (int i = 0; i < batchCount; i++)
            {
                finished[i] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        var progressGate = new Lock();
        int completed = 0;
        int failed = 0;

        // Batches are taken in order, so every batch a running batch waits for has already started: no deadlock.
        await Parallel.ForEachAsync(
            Enumerable.Range(0, batchCount),
            new ParallelOptions { MaxDegreeOfParallelism = options.MaxConcurrency },
            async (batch, _) =>
            {
                try
                {
                    if (dependencies?[batch] is { } waitFor)
                    {
                        foreach (int earlier in waitFor)
                        {
                            await finished![earlier].Task.ConfigureAwait(false);
                        }
                    }

                    int start = batch * batchSize;
                    int end = Math.Min(start + batchSize, count);
                    int batchFailed = 0;
                    if (cancellationToken.IsCancellationRequested)
                    {
                        var error = new BulkItemError(
                            "The operation was cancelled before this item was processed; it was not applied.",
                            InMemoryFailure.CancelledCode,
                            Exception: new OperationCanceledException(cancellationToken));
                        for (int i = start; i < end; i++)
                        {
                            results[i] = new BulkItemResult<T>(i, BulkItemStatus.Failed, default, error);
                        }

                        batchFailed = end - start;
                    }
                    else
                    {
                        for (int i = start; i < end; i++)
                        {
                            BulkItemResult<T> result = processItem(i);
                            results[i] = result;
                            if (result.Status == BulkItemStatus.Failed)
                            {
                                batchFailed++;
                            }
                        }
                    }

                    // Reported under a lock so that reports arrive in order, each with the running totals.
                    lock (progressGate)
                    {
                        completed += end - start;
                        failed += batchFailed;
                        options.Progress?.Report(new BulkProgress(count, completed, failed));
                    }
                }
                finally
                {
                    finished?[batch].TrySetResult();
                }
            }).ConfigureAwait(false);

        return new BulkResult<T>(results);
    }

    /// <summary>For each batch, the latest earlier batch of every key it shares with one.</summary>
    internal static List<int>?[] FindDependencies(int count, int batchSize, int batchCount, Func<int, IEnumerable<string>> keysOf)
    {
        var dependencies = new List<int>?[batchCount];
        var lastBatchOf = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < count; i++)
        {
            int batch = i / batchSize;
            foreach (string key in keysOf(i))
            {
                if (lastBatchOf.TryGetValue(key, out int earlier) && earlier != batch)
                {
                    var list = dependencies[batch] ??= [];
                    if (!list.Contains(earlier))
                    {
                        list.Add(earlier);
                    }
                }

                lastBatchOf[key] = batch;
            }
        }

        return dependencies;
    }
}
