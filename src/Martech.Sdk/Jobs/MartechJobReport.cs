namespace Martech.Sdk;

/// <summary>What one shard of a job run did, counting the items of earlier attempts of the same run.</summary>
public sealed record MartechJobReport
{
    /// <summary>The job's name.</summary>
    public required string Job { get; init; }

    /// <summary>The run id.</summary>
    public required string RunId { get; init; }

    /// <summary>The shard this report covers (0-based).</summary>
    public int Shard { get; init; }

    /// <summary>How many shards the run's input is split into.</summary>
    public int ShardCount { get; init; } = 1;

    /// <summary>Items with an outcome (succeeded or failed).</summary>
    public long Processed { get; init; }

    /// <summary>Items the vendor accepted.</summary>
    public long Succeeded { get; init; }

    /// <summary>Items that failed, each with its reason in <see cref="Outcomes"/>.</summary>
    public long Failed { get; init; }

    /// <summary>Whether this call continued a run an earlier call had checkpointed.</summary>
    public bool Resumed { get; init; }

    /// <summary>Whether the run's shard had finished before this call, which read the report from the checkpoint store
    /// and sent nothing.</summary>
    public bool AlreadyCompleted { get; init; }

    /// <summary>Every item's outcome, in input order.</summary>
    public required IReadOnlyList<MartechJobItemOutcome> Outcomes { get; init; }
}

/// <summary>The outcome of one input item of a job.</summary>
/// <param name="Position">The item's 0-based position in the job's input.</param>
/// <param name="Key">What identifies the item to a person (an email address, a suppression), or <see langword="null"/>.</param>
/// <param name="Status">Whether it succeeded.</param>
/// <param name="Id">The vendor's id of the record written, when there is one.</param>
/// <param name="Error">Why it failed, when it did.</param>
public sealed record MartechJobItemOutcome(long Position, string? Key, BulkItemStatus Status, string? Id = null, BulkItemError? Error = null);
