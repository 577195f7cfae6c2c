namespace Martech.Sdk;

/// <summary>What happened to one source record in a consolidation (in a dry run: what would happen).</summary>
/// <param name="SourceId">The record's id at the source.</param>
/// <param name="Status">Created, updated, skipped or failed.</param>
/// <param name="TargetId">The target record's id: the one created, updated or matched; <see langword="null"/> when none
/// (a failure, or a record a dry run would create).</param>
/// <param name="Email">The record's email address, where it has one.</param>
/// <param name="Reason">Why: which target record matched and by what, why it was skipped, or what failed.</param>
/// <param name="SourceDeleted">Whether the source record was deleted (a move; in a dry run, would be).</param>
public sealed record ConsolidationOutcome(
    string SourceId,
    ConsolidationStatus Status,
    string? TargetId = null,
    string? Email = null,
    string? Reason = null,
    bool SourceDeleted = false);
