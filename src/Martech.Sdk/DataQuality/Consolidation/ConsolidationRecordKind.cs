namespace Martech.Sdk;

/// <summary>The records a consolidation job copies or moves.</summary>
public enum ConsolidationRecordKind
{
    /// <summary>Contacts (<see cref="IContactClient"/>).</summary>
    Contacts,

    /// <summary>Leads (<see cref="ILeadClient"/>); copied only.</summary>
    Leads,
}
