namespace Martech.Sdk;

/// <summary>What a consolidation does with a source record's custom fields that no field mapping names.</summary>
public enum UnmappedCustomFields
{
    /// <summary>Copy each under its own name, raw JSON kept (the target must accept a field of that name).</summary>
    Copy,

    /// <summary>Leave them out: only mapped custom fields reach the target.</summary>
    Drop,
}
