namespace Martech.Sdk;

/// <summary>
/// One bulk call of a provider, run the same way by every provider: one outcome slot per input item, items refused
/// before any call settled up front, the rest sent in chunks (one vendor request each) with at most
/// <see cref="MaxConcurrency"/> in flight, cancellation that never drops an item, progress after each chunk in order
/// with running totals, and a result with exactly one outcome per input. The building block for a provider's
/// <c>UpsertManyAsync</c>, <c>SendManyAsync</c> or suppression changes: the provider keeps only the vendor mapping.
/// </summary>
/// <typeparam name="T">The per-item result type, such as <see cref="Contact"/>.</typeparam>
/// <remarks>
/// <para>Use: create the run (it validates the options), <see cref="Fail(int, BulkItemError)"/> or
/// <see cref="Settle"/> every item refused before any call, plan the chunks of the rest (<see cref="BulkChunk.ByCount"/>,
/// or your own planner for vendors that group by other rules), then <see cref="RunAsync{TChunk}"/> with the code that
/// sends one chunk and settles each of its items from the vendor's answer.</para>
/// <para>Progress: items settled before the run and in no chunk are reported first, in one report; then one report
/// per finished chunk, counting all of its items. Reports are made under a lock, so they arrive in order, each with
/// the running totals, and the last one counts every item.</para>
/// <para>Cancellation does not throw once the run has started: a chunk not yet started when the token is cancelled is
/// not sent, and its items fail with <see cref="BulkItemCodes.Cancelled"/> and <see cref="CancelledMessage"/>. A chunk
/// in flight settles its own items (a write whose request was in flight is <see cref="BulkItemStatus.Unknown"/>).</para>
/// <para>A chunk whose code throws has each of its items still without an outcome settled by
/// <see cref="ChunkFailure"/>; an item a chunk left without an outcome fails with <see cref="BulkItemCodes.NoOutcome"/>
/// (or <see cref="BulkItemCodes.Cancelled"/> when the call was cancelled meanwhile). No item is ever left out.</para>
/// </remarks>
public sealed class BulkRun<T>
{
    private readonly BulkItemResult<T>?[] _slots;
    private readonly Lock _progressGate = new();
    private int _maxConcurrency;
    private int _completed;
    private int _failed;
    private bool _started;

    /// <summary>Creates a run over <paramref name="count"/> input items.</summary>
    /// <param name="count">The number of input items.</param>
    /// <param name="options">Batch size, concurrency and progress; defaults when <see langword="null"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative, or an option is out of
    /// range.</exception>
    public BulkRun(int count, BulkOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        options ??= new BulkOptions();
        options.Validate();
        Options = options;
        _maxConcurrency = options.MaxConcurrency;
        _slots = new BulkItemResult<T>?[count];
    }

    /// <summary>The number of input items.</summary>
    public int Count => _slots.Length;

    /// <summary>The options of the call.</summary>
    public BulkOptions Options { get; }

    /// <summary>Chunks in flight at once: <see cref="BulkOptions.MaxConcurrency"/> unless the provider lowers it (an
    /// in-process store gains nothing from parallel chunks and sets 1, so chunks run in input order).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public int MaxConcurrency
    {
        get => _maxConcurrency;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            _maxConcurrency = value;
        }
    }

    /// <summary>The message of items not sent because the call was cancelled before their chunk started.</summary>
    /// <value>The default says the item was not sent and not applied.</value>
    public string CancelledMessage { get; set; } = "The operation was cancelled before this item was sent; it was not applied.";

    /// <summary>The outcome given to each item still without one when a chunk's code throws. The default,
    /// <see cref="BulkOutcomes.FromException"/>, maps the SDK's exceptions: a cancellation in flight and a <see cref="MartechException"/> that
    /// <see cref="MartechException.MayHaveBeenProcessed"/> are <see cref="BulkItemStatus.Unknown"/>, a vendor refusal
    /// fails with the vendor's code (or <c>HTTP_</c> and the status), anything else fails with
    /// <see cref="BulkItemCodes.RequestFailed"/>; every outcome carries the exception.</summary>
    public Func<Exception, CancellationToken, (BulkItemStatus Status, BulkItemError Error)>? ChunkFailure { get; set; }

    /// <summary>The outcome of the item at an input index so far, or <see langword="null"/> when it has none yet.</summary>
    /// <param name="index">The input index.</param>
    /// <exception cref="IndexOutOfRangeException"><paramref name="index"/> is out of range.</exception>
    public BulkItemResult<T>? this[int index] => _slots[index];

    /// <summary>The items per vendor request: <see cref="BulkOptions.BatchSize"/> clamped to the vendor's maximum, or
    /// the maximum when none is set.</summary>
    /// <param name="vendorMaximum">The vendor's largest batch.</param>
    /// <returns>The batch size.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="vendorMaximum"/> is not positive.</exception>
    public int BatchSize(int vendorMaximum)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(vendorMaximum);
        return Math.Min(Options.BatchSize ?? vendorMaximum, vendorMaximum);
    }

    /// <summary>Whether the item at an input index has an outcome.</summary>
    /// <param name="index">The input index.</param>
    /// <returns><see langword="true"/> once it has one.</returns>
    public bool IsSettled(int index) => _slots[index] is not null;

    /// <summary>Records (or replaces) the outcome of one item, at its <see cref="BulkItemResult{T}.Index"/>. Safe from
    /// concurrent chunks, each settling its own items.</summary>
    /// <param name="outcome">The outcome.</param>
    /// <exception cref="ArgumentNullException"><paramref name="outcome"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Its index is out of range.</exception>
    public void Settle(BulkItemResult<T> outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if ((uint)outcome.Index >= (uint)_slots.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(outcome), outcome.Index, $"The outcome's index must be 0 to {_slots.Length - 1}.");
        }

        _slots[outcome.Index] = outcome;
    }

    /// <summary>Fails one item, such as a null or invalid one refused before any call.</summary>
    /// <param name="index">The input index.</param>
    /// <param name="error">Why.</param>
    /// <exception cref="ArgumentNullException"><paramref name="error"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is out of range.</exception>
    public void Fail(int index, BulkItemError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        Settle(new BulkItemResult<T>(index, BulkItemStatus.Failed, default, error));
    }

    /// <summary>Gives one outcome to every item of <paramref name="indexes"/> that has none yet: how a whole chunk
    /// fails with one error (a transport failure fails each of its items with the reason; none is dropped).</summary>
    /// <param name="indexes">The input indexes, such as a chunk's <see cref="BulkChunk.Indexes"/>.</param>
    /// <param name="status">The status, usually <see cref="BulkItemStatus.Failed"/> or
    /// <see cref="BulkItemStatus.Unknown"/>.</param>
    /// <param name="error">Why.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public void SettleRemaining(IEnumerable<int> indexes, BulkItemStatus status, BulkItemError error)
    {
        ArgumentNullException.ThrowIfNull(indexes);
        ArgumentNullException.ThrowIfNull(error);
        foreach (int index in indexes)
        {
            _slots[index] ??= new BulkItemResult<T>(index, status, default, error);
        }
    }

    /// <summary>The input indexes that have no outcome yet, in input order: the items left to plan after the
    /// refused ones were settled.</summary>
    /// <returns>The indexes.</returns>
    public List<int> Unsettled()
    {
        var indexes = new List<int>(_slots.Length);
        for (int i = 0; i < _slots.Length; i++)
        {
            if (_slots[i] is null)
            {
                indexes.Add(i);
            }
        }

        return indexes;
    }

    /// <summary>Runs the chunks and returns one outcome per input item, in input order. Once only.</summary>
    /// <typeparam name="TChunk">The chunk type: <see cref="BulkChunk"/>, or one derived from it that carries the
    /// request.</typeparam>
    /// <param name="chunks">The chunks, in the order they start; an input index may be in one chunk at most, and a
    /// chunk may wait only for chunks before it.</param>
    /// <param name="runChunk">Sends one chunk and settles its items (<see cref="Settle"/>, <see cref="Fail"/>,
    /// <see cref="SettleRemaining"/>) from the vendor's answer. It receives the call's token.</param>
    /// <param name="cancellationToken">Cancels the call (see the remarks: the run does not throw for it).</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A chunk is null, holds an index out of range or already in another chunk,
    /// or waits for a chunk that does not come before it.</exception>
    /// <exception cref="InvalidOperationException">The run was already started.</exception>
    public async Task<BulkResult<T>> RunAsync<TChunk>(IReadOnlyList<TChunk> chunks, Func<TChunk, CancellationToken, Task> runChunk, CancellationToken cancellationToken = default)
        where TChunk : BulkChunk
    {
        ArgumentNullException.ThrowIfNull(chunks);
        ArgumentNullException.ThrowIfNull(runChunk);
        if (_started)
        {
            throw new InvalidOperationException("A BulkRun runs once; create a new one for another call.");
        }

        _started = true;
        ReportSettledOutsideChunks(chunks);
        if (chunks.Count == 1 || (_maxConcurrency == 1 && chunks.Count > 0))
        {
            foreach (TChunk chunk in chunks)
            {
                await RunChunkAsync(chunk, runChunk, cancellationToken).ConfigureAwait(false);
            }
        }
        else if (chunks.Count > 1)
        {
            // Chunks are taken in list order, so every chunk one waits for has already started: no deadlock.
            await Parallel.ForEachAsync(
                chunks,
                new ParallelOptions { MaxDegreeOfParallelism = _maxConcurrency },
                (chunk, _) => new ValueTask(RunChunkAsync(chunk, runChunk, cancellationToken))).ConfigureAwait(false);
        }

        return Finish();
    }

    private void ReportSettledOutsideChunks<TChunk>(IReadOnlyList<TChunk> chunks)
        where TChunk : BulkChunk
    {
        var inChunk = new bool[_slots.Length];
        HashSet<BulkChunk>? seen = null;
        for (int c = 0; c < chunks.Count; c++)
        {
            BulkChunk chunk = chunks[c] ?? throw new ArgumentException($"The bulk chunk at position {c} is null.", nameof(chunks));
            foreach (int index in chunk.Indexes)
            {
                if ((uint)index >= (uint)inChunk.Length || inChunk[index])
                {
                    throw new ArgumentException($"The bulk chunk at position {c} holds the input index {index}, which is out of range or already in another chunk.", nameof(chunks));
                }

                inChunk[index] = true;
            }

            if (chunk.WaitsFor.Count > 0)
            {
                if (seen is null)
                {
                    seen = new HashSet<BulkChunk>(ReferenceEqualityComparer.Instance);
                    for (int e = 0; e < c; e++)
                    {
                        seen.Add(chunks[e]);
                    }
                }

                foreach (BulkChunk earlier in chunk.WaitsFor)
                {
                    if (!seen.Contains(earlier))
                    {
                        throw new ArgumentException($"The bulk chunk at position {c} waits for a chunk that does not come before it in the list.", nameof(chunks));
                    }

                    earlier.Done ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }
            }

            seen?.Add(chunk);
        }

        int completed = 0;
        int failed = 0;
        for (int i = 0; i < _slots.Length; i++)
        {
            if (!inChunk[i] && _slots[i] is { } settled)
            {
                completed++;
                failed += settled.Status == BulkItemStatus.Failed ? 1 : 0;
            }
        }

        if (completed > 0)
        {
            Report(completed, failed);
        }
    }

    private async Task RunChunkAsync<TChunk>(TChunk chunk, Func<TChunk, CancellationToken, Task> runChunk, CancellationToken cancellationToken)
        where TChunk : BulkChunk
    {
        try
        {
            foreach (BulkChunk earlier in chunk.WaitsFor)
            {
                await earlier.Done!.Task.ConfigureAwait(false);
            }

            if (!cancellationToken.IsCancellationRequested)
            {
                try
                {
                    await runChunk(chunk, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    (BulkItemStatus status, BulkItemError error) = (ChunkFailure ?? BulkOutcomes.FromException)(ex, cancellationToken);
                    SettleRemaining(chunk.Indexes, status, error);
                }
            }

            int failed = 0;
            BulkItemError? missing = null;
            foreach (int index in chunk.Indexes)
            {
                BulkItemResult<T> outcome = _slots[index] ??= new BulkItemResult<T>(index, BulkItemStatus.Failed, default, missing ??= MissingError(cancellationToken));
                failed += outcome.Status == BulkItemStatus.Failed ? 1 : 0;
            }

            Report(chunk.Indexes.Count, failed);
        }
        finally
        {
            chunk.Done?.TrySetResult();
        }
    }

    private BulkItemError MissingError(CancellationToken cancellationToken) =>
        cancellationToken.IsCancellationRequested
            ? new BulkItemError(CancelledMessage, BulkItemCodes.Cancelled, Exception: new OperationCanceledException(cancellationToken))
            : new BulkItemError(
                "No outcome was recorded for this item: an internal error of the provider, please report it. Check the vendor before retrying the item.",
                BulkItemCodes.NoOutcome);

    // Under a lock so that reports arrive in order, each with the running totals.
    private void Report(int completed, int failed)
    {
        lock (_progressGate)
        {
            _completed += completed;
            _failed += failed;
            Options.Progress?.Report(new BulkProgress(_slots.Length, _completed, _failed));
        }
    }

    private BulkResult<T> Finish()
    {
        var items = new BulkItemResult<T>[_slots.Length];
        int filled = 0;
        for (int i = 0; i < _slots.Length; i++)
        {
            if (_slots[i] is not { } outcome)
            {
                outcome = new BulkItemResult<T>(i, BulkItemStatus.Failed, default, MissingError(CancellationToken.None));
                filled++;
            }

            items[i] = outcome;
        }

        if (filled > 0)
        {
            Report(filled, filled);
        }

        return new BulkResult<T>(items);
    }
}
