namespace Martech.Sdk;

/// <summary>What a consolidation does with a source record that matches a record already on the target (by email, or
/// by phone when asked).</summary>
public enum ExistingRecordPolicy
{
    /// <summary>Update the target record with the mapped values; values the source lacks are left as they are.</summary>
    Update,

    /// <summary>Leave the target record alone and report the source record skipped.</summary>
    Skip,
}
