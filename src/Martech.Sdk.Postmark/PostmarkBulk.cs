namespace Martech.Sdk.Postmark;

/// <summary>
/// Runs the chunks of a bulk call: at most <see cref="BulkOptions.MaxConcurrency"/> at once, progress after each,
/// one outcome per input. Items settled before any call (invalid ones) count in the first progress report.
/// </summary>
internal static class PostmarkBulk
{
    /// <summary>The code of items not sent because the call was cancelled first.</summary>
    public const string CancelledCode = "CANCELLED";

    /// <summary>The code of a null input item.</summary>
    public const string NullItemCode = "NULL_ITEM";

    /// <summary>Runs the chunks.</summary>
    /// <param name="results">One slot per input; invalid items already filled in.</param>
    /// <param name="chunks">The indexes of each vendor request.</param>
    /// <param name="options">Concurrency and progress, validated.</param>
    /// <param name="runChunk">Sends one chunk and fills the slot of each of its indexes; must not throw for a vendor
    /// or transport failure.</param>
    /// <param name="cancellationToken">Once cancelled, chunks not yet started are not sent: their items fail with
    /// <see cref="CancelledCode"/>.</param>
    /// <returns>The result.</returns>
    public static async Task<BulkResult<T>> RunAsync<T>(
        BulkItemResult<T>?[] results,
        IReadOnlyList<int[]> chunks,
        BulkOptions options,
        Func<int[], CancellationToken, Task> runChunk,
        CancellationToken cancellationToken)
    {
        var gate = new Lock();
        int completed = 0;
        int failed = 0;
        foreach (BulkItemResult<T>? settled in results)
        {
            if (settled is not null)
            {
                completed++;
                failed += settled.Status == BulkItemStatus.Failed ? 1 : 0;
            }
        }

        if (completed > 0)
        {
            options.Progress?.Report(new BulkProgress(results.Length, completed, failed));
        }

        await Parallel.ForEachAsync(
            chunks,
            new ParallelOptions { MaxDegreeOfParallelism = options.MaxConcurrency },
            async (chunk, _) =>
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    var error = new BulkItemError(
                        "The call was cancelled before this item was sent to Postmark; it was not sent.",
                        CancelledCode,
                        Exception: new OperationCanceledException(cancellationToken));
                    foreach (int index in chunk)
                    {
                        results[index] = new BulkItemResult<T>(index, BulkItemStatus.Failed, default, error);
                    }
                }
                else
                {
                    await runChunk(chunk, cancellationToken).ConfigureAwait(false);
                }

                // Under a lock so reports arrive in order, each with the running totals.
                lock (gate)
                {
                    completed += chunk.Length;
                    foreach (int index in chunk)
                    {
                        failed += results[index]?.Status == BulkItemStatus.Failed ? 1 : 0;
                    }

                    options.Progress?.Report(new BulkProgress(results.Length, completed, failed));
                }
            }).ConfigureAwait(false);

        return new BulkResult<T>(results!);
    }

    /// <summary>A failed outcome.</summary>
    public static BulkItemResult<T> Failed<T>(int index, string message, string? code, string? field = null, Exception? exception = null) =>
        new(index, BulkItemStatus.Failed, default, new BulkItemError(message, code, field, exception));
}
