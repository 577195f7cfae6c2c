namespace Martech.Sdk;

/// <summary>What happened to one source record in a consolidation (in a dry run: what would happen).</summary>
public enum ConsolidationStatus
{
    /// <summary>A new target record was created.</summary>
    Created,

    /// <summary>An existing target record, matched by email or phone, was updated.</summary>
    Updated,

    /// <summary>Nothing was written: the record exists on the target and the policy is <see cref="ExistingRecordPolicy.Skip"/>,
    /// or it has no match and creating is off.</summary>
    Skipped,

    /// <summary>The record could not be mapped or the target refused it; see the reason.</summary>
    Failed,
}
