namespace Martech.Sdk;

/// <summary>The totals of a consolidation run, counted across every resume of it (the per-record outcomes go to
/// <see cref="ConsolidationOptions.OnOutcome"/>).</summary>
public sealed record ConsolidationResult
{
    /// <summary>The checkpoint's key (a dry run reads and writes no checkpoint, but names the key it would use).</summary>
    public required string CheckpointKey { get; init; }

    /// <summary>The source instance's name.</summary>
    public required string Source { get; init; }

    /// <summary>The target instance's name.</summary>
    public required string Target { get; init; }

    /// <summary>Whether this was a dry run: the counts say what would happen, and nothing was written.</summary>
    public bool DryRun { get; init; }

    /// <summary>Whether this run continued from a checkpoint an earlier, interrupted run left.</summary>
    public bool Resumed { get; init; }

    /// <summary>Whether the checkpoint said the run had already finished, so nothing was done this time (set
    /// <see cref="ConsolidationOptions.StartOver"/> to run again).</summary>
    public bool AlreadyCompleted { get; init; }

    /// <summary>Source pages read to the end.</summary>
    public int Pages { get; init; }

    /// <summary>Records created on the target.</summary>
    public int Created { get; init; }

    /// <summary>Target records updated.</summary>
    public int Updated { get; init; }

    /// <summary>Records skipped.</summary>
    public int Skipped { get; init; }

    /// <summary>Records failed.</summary>
    public int Failed { get; init; }

    /// <summary>Source records deleted (a move).</summary>
    public int SourceDeleted { get; init; }

    /// <summary>Source records with an outcome: created + updated + skipped + failed.</summary>
    public int Total => Created + Updated + Skipped + Failed;
}
