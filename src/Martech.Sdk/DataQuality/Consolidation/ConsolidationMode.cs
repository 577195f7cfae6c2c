namespace Martech.Sdk;

/// <summary>Whether a consolidation copies records or moves them.</summary>
public enum ConsolidationMode
{
    /// <summary>Write each record to the target; the source keeps it.</summary>
    Copy,

    /// <summary>Write each record to the target, then delete it from the source, only after the target write succeeded
    /// (created or updated); a record skipped or failed stays at the source. Contacts only: a lead client has no
    /// delete.</summary>
    Move,
}
