namespace Martech.Sdk;

/// <summary>What the router does with an owner whose business calendar says they are off.</summary>
public enum LeadRoutingOutsideHours
{
    /// <summary>The owner gets no leads until their next working time.</summary>
    Skip,

    /// <summary>The owner stays in the rotation; their notification waits until their next working time.</summary>
    AssignAndNotifyLater,
}
