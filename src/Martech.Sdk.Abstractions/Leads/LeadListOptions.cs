namespace Martech.Sdk;

/// <summary>Options for listing leads.</summary>
public class LeadListOptions : ListOptions
{
    /// <summary>Only leads with this status, where the vendor can filter so.</summary>
    public LeadStatus? Status { get; set; }
}
