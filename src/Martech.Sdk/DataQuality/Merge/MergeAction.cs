namespace Martech.Sdk;

/// <summary>What a merge (or its undo) does to one record.</summary>
public enum MergeAction
{
    /// <summary>Nothing: the record already holds the merged values, or it lost and losers are kept.</summary>
    Unchanged,

    /// <summary>The survivor is updated with the merged values (<see cref="IContactClient.UpsertAsync"/>, by id).</summary>
    Update,

    /// <summary>The loser is deleted (<see cref="IContactClient.DeleteAsync"/>).</summary>
    Delete,

    /// <summary>Undo: the old values of an updated record are written back.</summary>
    Restore,

    /// <summary>Undo: a deleted record is created again (the vendor gives it a new id).</summary>
    Recreate,
}
