namespace Martech.Sdk;

/// <summary>What a handoff did with one lead.</summary>
public enum LeadHandoffStatus
{
    /// <summary>The owner (and status) were written to the CRM and the routing state advanced.</summary>
    Assigned,

    /// <summary>No owner was available; nothing was written.</summary>
    Unassigned,

    /// <summary>The CRM refused the write or it failed; the routing state did not advance for this lead, so the owner
    /// picked keeps their turn. A failure that may have been processed (<see cref="MartechException.MayHaveBeenProcessed"/>)
    /// is reported the same way: check the lead before handing it off again.</summary>
    WriteFailed,
}
