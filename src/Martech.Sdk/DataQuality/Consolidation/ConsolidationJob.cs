namespace Martech.Sdk;

/// <summary>A named consolidation: which records go from which provider instance to which, and how. Jobs come from
/// configuration (<c>Martech:DataQuality:Consolidation:Jobs:&lt;name&gt;</c>) or code
/// (<see cref="ConsolidationBuilder.AddJob"/>), and run through <see cref="ConsolidationJobs"/>.</summary>
public sealed class ConsolidationJob
{
    /// <summary>Contacts or leads.</summary>
    /// <value>The default value is <see cref="ConsolidationRecordKind.Contacts"/>.</value>
    public ConsolidationRecordKind Records { get; set; } = ConsolidationRecordKind.Contacts;

    /// <summary>The source provider instance's name (its keyed-service key), such as <c>Pipedrive</c>.</summary>
    public string Source { get; set; } = string.Empty;

    /// <summary>The target provider instance's name, such as <c>HubSpot</c>.</summary>
    public string Target { get; set; } = string.Empty;

    /// <summary>How the records are mapped, matched and written. Its instance names are set from
    /// <see cref="Source"/> and <see cref="Target"/> when the job runs.</summary>
    public ConsolidationOptions Options { get; } = new();
}
