namespace Martech.Sdk;

/// <summary>Options for listing contacts.</summary>
public class ContactListOptions : ListOptions
{
    /// <summary>Only contacts at this lifecycle stage, where the vendor can filter so.</summary>
    public LifecycleStage? LifecycleStage { get; set; }
}
