using System.Text.Json;

namespace Martech.Sdk;

/// <summary>One shard of a job run as its checkpoint holds it: loading, compare-and-set saves, the chunk documents and
/// the report.</summary>
internal sealed class MartechJobShard(ICheckpointStore store, TimeProvider time, string key)
{
    private long _version;

    public string Key { get; } = key;

    public MartechJobCheckpoint State { get; private set; } = new();

    /// <summary>Whether an earlier call left a checkpoint for this shard.</summary>
    public bool Existed { get; private set; }

    public DateTimeOffset Now => time.GetUtcNow();

    public static string KeyOf(string job, string runId, int shard) => $"job:{job}:{runId}:{shard}";

    public string ChunkKey(int chunk) => $"{Key}:chunk:{chunk}";

    public async Task LoadAsync(MartechJobCheckpoint fresh, CancellationToken cancellationToken)
    {
        CheckpointEntry? entry = await store.GetAsync(Key, cancellationToken).ConfigureAwait(false);
        if (entry is null)
        {
            State = fresh;
            return;
        }

        MartechJobCheckpoint? state;
        try
        {
            state = JsonSerializer.Deserialize(entry.Json, MartechJobsJsonContext.Default.MartechJobCheckpoint);
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException($"The checkpoint '{Key}' is not a job checkpoint ({ex.Message}); start the job with another run id.", ex);
        }

        if (state is null || !string.Equals(state.Job, fresh.Job, StringComparison.Ordinal) || !string.Equals(state.Kind, fresh.Kind, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The checkpoint '{Key}' belongs to a {state?.Kind} job '{state?.Job}', not the {fresh.Kind} job '{fresh.Job}'; start the job with another run id.");
        }

        if (state.ShardCount != fresh.ShardCount)
        {
            throw new ArgumentException(
                $"Run '{fresh.Run}' of job '{fresh.Job}' was started with {state.ShardCount} shard(s), not {fresh.ShardCount}; resume it with shardCount {state.ShardCount}, or start a new run id.");
        }

        State = state;
        Existed = true;
        _version = entry.Version;
    }

    /// <summary>Saves the checkpoint if no other worker saved it since this one read or saved it.</summary>
    /// <exception cref="MartechJobConflictException">Another worker did.</exception>
    public async Task SaveAsync()
    {
        State.SavedAt = time.GetUtcNow();
        string json = JsonSerializer.Serialize(State, MartechJobsJsonContext.Default.MartechJobCheckpoint);
        // Not cancellable: a save either happens or is known not to, so the checkpoint matches what was sent.
        if (!await store.TrySetAsync(Key, json, _version, CancellationToken.None).ConfigureAwait(false))
        {
            throw Conflict();
        }

        _version++;
    }

    /// <summary>Reads a chunk's recorded outcomes, or <see langword="null"/> when the chunk has none yet.</summary>
    public async Task<MartechJobChunk?> ReadChunkAsync(int chunk, CancellationToken cancellationToken)
    {
        CheckpointEntry? entry = await store.GetAsync(ChunkKey(chunk), cancellationToken).ConfigureAwait(false);
        return entry is null ? null : JsonSerializer.Deserialize(entry.Json, MartechJobsJsonContext.Default.MartechJobChunk)
            ?? throw new InvalidOperationException($"The checkpoint '{ChunkKey(chunk)}' holds no chunk outcomes.");
    }

    /// <summary>Records a chunk: its outcomes under its own key (written once), then the checkpoint advanced past it.</summary>
    /// <param name="outcomes">The chunk's outcomes.</param>
    /// <param name="cursor">The input position after the chunk.</param>
    /// <param name="replace">Whether outcomes an earlier attempt recorded for this chunk are replaced (an export that
    /// wrote the chunk again) rather than a sign that another worker recorded it.</param>
    public async Task RecordAsync(IReadOnlyList<MartechJobItemOutcome> outcomes, long cursor, bool replace = false)
    {
        int number = State.InFlight?.Chunk ?? State.Chunks;
        var chunk = new MartechJobChunk { Chunk = number, Outcomes = [.. outcomes.Select(MartechJobChunkOutcome.From)] };
        string json = JsonSerializer.Serialize(chunk, MartechJobsJsonContext.Default.MartechJobChunk);
        string chunkKey = ChunkKey(number);
        if (!await store.TrySetAsync(chunkKey, json, 0, CancellationToken.None).ConfigureAwait(false))
        {
            CheckpointEntry? existing = replace ? await store.GetAsync(chunkKey, CancellationToken.None).ConfigureAwait(false) : null;
            if (existing is null || !await store.TrySetAsync(chunkKey, json, existing.Version, CancellationToken.None).ConfigureAwait(false))
            {
                throw Conflict();
            }
        }

        Advance(chunk, cursor);
        await SaveAsync().ConfigureAwait(false);
    }

    /// <summary>Takes a chunk an earlier attempt recorded (its checkpoint save was lost) as done.</summary>
    public Task AdoptAsync(MartechJobChunk recorded, long cursor)
    {
        Advance(recorded, cursor);
        return SaveAsync();
    }

    public async Task<MartechJobReport> ReportAsync(bool resumed, bool alreadyCompleted, CancellationToken cancellationToken)
    {
        var outcomes = new List<MartechJobItemOutcome>((int)Math.Min(State.Processed, int.MaxValue));
        for (int i = 0; i < State.Chunks; i++)
        {
            MartechJobChunk chunk = await ReadChunkAsync(i, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"The checkpoint '{ChunkKey(i)}' is missing although '{Key}' counts {State.Chunks} chunks; the store lost it.");
            outcomes.AddRange(chunk.Outcomes.Select(static o => o.ToOutcome()));
        }

        outcomes.Sort(static (a, b) => a.Position.CompareTo(b.Position));
        return new MartechJobReport
        {
            Job = State.Job,
            RunId = State.Run,
            Shard = State.Shard,
            ShardCount = State.ShardCount,
            Processed = State.Processed,
            Succeeded = State.Succeeded,
            Failed = State.Failed,
            Resumed = resumed,
            AlreadyCompleted = alreadyCompleted,
            Outcomes = outcomes,
        };
    }

    private void Advance(MartechJobChunk chunk, long cursor)
    {
        foreach (MartechJobChunkOutcome outcome in chunk.Outcomes)
        {
            State.Processed++;
            if (outcome.Status is BulkItemStatus.Created or BulkItemStatus.Updated or BulkItemStatus.Succeeded)
            {
                State.Succeeded++;
            }
            else
            {
                State.Failed++;
            }
        }

        State.Chunks = chunk.Chunk + 1;
        State.Cursor = cursor;
        State.InFlight = null;
    }

    private MartechJobConflictException Conflict() => new(
        $"Another worker advanced the checkpoint '{Key}' of job '{State.Job}' run '{State.Run}' shard {State.Shard} while this one ran it; this worker stopped without writing further. Run each run id and shard on one worker at a time.");
}
