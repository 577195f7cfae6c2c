using System.Text.Json.Serialization;

namespace Martech.Sdk;

/// <summary>The checkpoint of one shard of a job run, under <c>job:&lt;name&gt;:&lt;run&gt;:&lt;shard&gt;</c>: where the
/// input stands, the counts, and the chunk sent but not yet recorded. Its size does not grow with the input: each
/// chunk's outcomes live under their own key (<see cref="MartechJobChunk"/>).</summary>
internal sealed class MartechJobCheckpoint
{
    public int Format { get; set; } = 1;

    public string Job { get; set; } = string.Empty;

    public string Kind { get; set; } = string.Empty;

    public string Run { get; set; } = string.Empty;

    public int Shard { get; set; }

    public int ShardCount { get; set; } = 1;

    /// <summary>The input position the next chunk starts reading at.</summary>
    public long Cursor { get; set; }

    /// <summary>An export's continuation token of the next page; <see langword="null"/> for the first.</summary>
    public string? PageToken { get; set; }

    /// <summary>An export's output length after the chunks recorded.</summary>
    public long SinkLength { get; set; }

    /// <summary>Chunks recorded: their outcomes are under chunk keys 0 to <c>Chunks - 1</c>.</summary>
    public int Chunks { get; set; }

    public long Processed { get; set; }

    public long Succeeded { get; set; }

    public long Failed { get; set; }

    /// <summary>Calls that took this checkpoint up (the first run and every resume).</summary>
    public int Attempts { get; set; }

    public bool Completed { get; set; }

    public DateTimeOffset SavedAt { get; set; }

    /// <summary>The chunk being sent, saved before the vendor call: a resumed run finds it here when the call's answer
    /// was lost.</summary>
    public MartechJobInFlight? InFlight { get; set; }
}

/// <summary>A chunk sent to the vendor whose outcomes are not recorded yet.</summary>
internal sealed class MartechJobInFlight
{
    public int Chunk { get; set; }

    /// <summary>The input position the chunk was read from.</summary>
    public long From { get; set; }

    /// <summary>The input position after the chunk: the cursor once it is recorded.</summary>
    public long To { get; set; }

    /// <summary>The positions of the chunk's items (this shard's only).</summary>
    public List<long> Positions { get; set; } = [];

    public DateTimeOffset StartedAt { get; set; }
}

/// <summary>One chunk's outcomes, under <c>job:&lt;name&gt;:&lt;run&gt;:&lt;shard&gt;:chunk:&lt;n&gt;</c>, written once.</summary>
internal sealed class MartechJobChunk
{
    public int Chunk { get; set; }

    public List<MartechJobChunkOutcome> Outcomes { get; set; } = [];
}

/// <summary>One item's outcome as a chunk document holds it.</summary>
internal sealed class MartechJobChunkOutcome
{
    public long Position { get; set; }

    public string? Key { get; set; }

    public BulkItemStatus Status { get; set; }

    public string? Id { get; set; }

    public string? Error { get; set; }

    public string? Code { get; set; }

    public string? Field { get; set; }

    public static MartechJobChunkOutcome From(MartechJobItemOutcome outcome) => new()
    {
        Position = outcome.Position,
        Key = outcome.Key,
        Status = outcome.Status,
        Id = outcome.Id,
        Error = outcome.Error?.Message,
        Code = outcome.Error?.Code,
        Field = outcome.Error?.Field,
    };

    public MartechJobItemOutcome ToOutcome() =>
        new(Position, Key, Status, Id, Error is null ? null : new BulkItemError(Error, Code, Field));
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
[JsonSerializable(typeof(MartechJobCheckpoint))]
[JsonSerializable(typeof(MartechJobChunk))]
[JsonSerializable(typeof(Contact))]
internal sealed partial class MartechJobsJsonContext : JsonSerializerContext;
