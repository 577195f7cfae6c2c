namespace Martech.Sdk.Salesforce;

/// <summary>
/// Runs a bulk operation the way sObject Collections allow: the input is cut into batches of at most 200 items, several
/// batches run at once (<see cref="BulkOptions.MaxConcurrency"/>), progress is reported after each batch, and every input
/// item gets exactly one outcome.
/// </summary>
/// <remarks>
/// <para>Items that share a key (the same email address or id) must take effect in input order and never in one request
/// (Salesforce refuses a duplicate id in a collection, and two creates for one new address would make two records). So a
/// batch waits for every earlier batch that shares a key with it, and within a batch, an item whose key already appeared
/// goes into a later round: a round never holds a key twice.</para>
/// <para>Cancellation after the call started does not throw: batches and rounds not yet started fail with the code
/// <c>CANCELLED</c>; items whose request was in flight are reported by the round itself (as
/// <see cref="BulkItemStatus.Unknown"/> for writes).</para>
/// <para>The batching, bounded concurrency, ordering between batches, progress and cancellation are the core's
/// <see cref="BulkRun{T}"/>; this class adds the rounds and Salesforce's SaveResult mapping.</para>
/// </remarks>
internal static class SalesforceBulk
{
    /// <summary>The code of items not processed because the operation was cancelled.</summary>
    public const string CancelledCode = BulkItemCodes.Cancelled;

    /// <summary>The code of items whose request may have reached Salesforce without an answer.</summary>
    public const string UnknownOutcomeCode = BulkItemCodes.UnknownOutcome;

    /// <summary>Runs the operation.</summary>
    /// <typeparam name="T">The per-item result type.</typeparam>
    /// <param name="count">The number of input items.</param>
    /// <param name="options">Batch size, concurrency and progress, already validated.</param>
    /// <param name="precheck">The outcome of an item refused before any call (null item, missing key), or
    /// <see langword="null"/> when the item is valid.</param>
    /// <param name="keyOf">The key of a valid item, or <see langword="null"/> when it has none.</param>
    /// <param name="processRound">Processes a round of valid items with distinct keys, settling the outcome of each of
    /// them in the run (by input index). An exception it lets escape fails the items it left without an
    /// outcome.</param>
    /// <param name="cancellationToken">Cancels the operation (see the remarks).</param>
    /// <returns>One outcome per input item, in input order.</returns>
    public static Task<BulkResult<T>> RunAsync<T>(
        int count,
        BulkOptions options,
        Func<int, BulkItemResult<T>?> precheck,
        Func<int, string?> keyOf,
        Func<IReadOnlyList<int>, BulkRun<T>, CancellationToken, Task> processRound,
        CancellationToken cancellationToken)
    {
        var run = new BulkRun<T>(count, options);
        var keys = new string?[count];
        for (int i = 0; i < count; i++)
        {
            if (precheck(i) is { } refused)
            {
                run.Settle(refused);
            }
            else
            {
                keys[i] = keyOf(i);
            }
        }

        // Batches are input ranges, so an item refused before any call is counted with its batch.
        List<BulkChunk> batches = BulkChunk.ByRange(count, run.BatchSize(SalesforceOptions.MaxBatchSize));
        BulkChunk.OrderByKeys(batches, index => keys[index], StringComparer.Ordinal);
        return run.RunAsync(
            batches,
            async (batch, ct) =>
            {
                foreach (List<int> round in Rounds(keys, run, batch.Indexes))
                {
                    if (ct.IsCancellationRequested)
                    {
                        break; // the run reports the rest cancelled
                    }

                    try
                    {
                        await processRound(round, run, ct).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is MartechException or OperationCanceledException)
                    {
                        foreach (int index in round)
                        {
                            if (!run.IsSettled(index))
                            {
                                run.Settle(Failed<T>(index, ex, write: false, ct));
                            }
                        }
                    }
                }
            },
            cancellationToken);
    }

    /// <summary>The outcome of an item whose request failed with an exception.</summary>
    /// <typeparam name="T">The per-item result type.</typeparam>
    /// <param name="index">The item's input index.</param>
    /// <param name="exception">The failure.</param>
    /// <param name="write">Whether the request wrote (a create, update, upsert or delete), so an answer lost after sending
    /// leaves the outcome unknown rather than failed.</param>
    /// <param name="cancellationToken">The operation's token, to tell the caller's cancellation apart.</param>
    /// <returns>Failed, or Unknown when a write may have been processed.</returns>
    public static BulkItemResult<T> Failed<T>(int index, Exception exception, bool write, CancellationToken cancellationToken)
    {
        switch (exception)
        {
            case OperationCanceledException when cancellationToken.IsCancellationRequested:
                return write
                    ? new BulkItemResult<T>(index, BulkItemStatus.Unknown, default, new BulkItemError(
                        "The operation was cancelled while this item's request was in flight; Salesforce may have processed it. Check before sending it again.",
                        CancelledCode,
                        Exception: exception))
                    : Cancelled<T>(index, cancellationToken, exception);
            case MartechException { MayHaveBeenProcessed: true } transport when write:
                return new BulkItemResult<T>(index, BulkItemStatus.Unknown, default, new BulkItemError(
                    $"{transport.Message} Salesforce may have processed this item; check before sending it again.",
                    UnknownOutcomeCode,
                    Exception: exception));
            case MartechRequestException request:
                return new BulkItemResult<T>(index, BulkItemStatus.Failed, default, new BulkItemError(
                    request.Message,
                    request.ErrorCode,
                    request.FieldErrors.Count > 0 ? request.FieldErrors[0].Field : null,
                    exception));
            default:
                return new BulkItemResult<T>(index, BulkItemStatus.Failed, default, new BulkItemError(exception.Message, Exception: exception));
        }
    }

    /// <summary>The outcome of one record of an sObject Collections answer that did not succeed.</summary>
    /// <typeparam name="T">The per-item result type.</typeparam>
    /// <param name="index">The item's input index.</param>
    /// <param name="result">The record's SaveResult.</param>
    /// <returns>Failed with Salesforce's first error.</returns>
    public static BulkItemResult<T> Failed<T>(int index, SalesforceSaveResult result) =>
        new(index, BulkItemStatus.Failed, default, ToError(result));

    /// <summary>The first error of a SaveResult as a bulk item error.</summary>
    /// <param name="result">The SaveResult.</param>
    /// <returns>The error.</returns>
    public static BulkItemError ToError(SalesforceSaveResult result)
    {
        List<SalesforceSaveError>? errors = result.Errors;
        if (errors is not { Count: > 0 })
        {
            return new BulkItemError("Salesforce reported no success for this record and gave no error.", "UNKNOWN");
        }

        SalesforceSaveError first = errors[0];
        string message = string.Join("; ", errors.Select(static e => e.Message).Where(static m => !string.IsNullOrEmpty(m)));
        return new BulkItemError(
            message.Length > 0 ? message : "Salesforce refused this record.",
            first.StatusCode ?? first.ErrorCode,
            first.Fields is { Count: > 0 } fields ? fields[0] : null);
    }

    private static BulkItemResult<T> Cancelled<T>(int index, CancellationToken cancellationToken, Exception? exception = null) =>
        new(index, BulkItemStatus.Failed, default, new BulkItemError(
            "The operation was cancelled before this item was sent; it was not applied.",
            CancelledCode,
            Exception: exception ?? new OperationCanceledException(cancellationToken)));

    /// <summary>The valid items of a batch, split into rounds in which no key repeats, in input order.</summary>
    private static List<List<int>> Rounds<T>(string?[] keys, BulkRun<T> run, IReadOnlyList<int> batch)
    {
        var rounds = new List<List<int>>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (int i in batch)
        {
            if (run.IsSettled(i))
            {
                continue;
            }

            int round = 0;
            if (keys[i] is { } key)
            {
                round = seen.TryGetValue(key, out int times) ? times : 0;
                seen[key] = round + 1;
            }

            while (rounds.Count <= round)
            {
                rounds.Add([]);
            }

            rounds[round].Add(i);
        }

        return rounds;
    }
}
