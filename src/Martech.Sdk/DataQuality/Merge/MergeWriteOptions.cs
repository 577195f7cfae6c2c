namespace Martech.Sdk;

/// <summary>Who applies (or undoes) a merge and where its audit log and undo file go.</summary>
public sealed class MergeWriteOptions
{
    /// <summary>Who does it (a user name or a job's name), written in every audit line. Required.</summary>
    public string Actor { get; set; } = string.Empty;

    /// <summary>The audit log: a JSON-lines file that lines are only ever appended to (created when missing), one line
    /// per record written. Required.</summary>
    public string AuditLogPath { get; set; } = string.Empty;

    /// <summary>Where <see cref="ContactMerger.ApplyAsync"/> writes the undo file (it must not exist yet, so an undo
    /// file is never overwritten). Required when applying; not used by an undo.</summary>
    public string? UndoFilePath { get; set; }

    internal void Validate(bool applying, string paramName)
    {
        if (string.IsNullOrWhiteSpace(Actor))
        {
            throw new ArgumentException("MergeWriteOptions.Actor is empty; name who applies the merge, for the audit log.", paramName);
        }

        if (string.IsNullOrWhiteSpace(AuditLogPath))
        {
            throw new ArgumentException("MergeWriteOptions.AuditLogPath is empty; give the audit log's file path.", paramName);
        }

        if (applying && string.IsNullOrWhiteSpace(UndoFilePath))
        {
            throw new ArgumentException("MergeWriteOptions.UndoFilePath is empty; give a path for the undo file.", paramName);
        }

        if (applying && File.Exists(UndoFilePath))
        {
            throw new ArgumentException($"MergeWriteOptions.UndoFilePath '{UndoFilePath}' already exists; give a new path, so no undo file is overwritten.", paramName);
        }
    }
}
