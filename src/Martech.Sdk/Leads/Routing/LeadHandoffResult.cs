namespace Martech.Sdk;

/// <summary>The outcome of handing off a batch of leads: one per lead, in input order.</summary>
public sealed record LeadHandoffResult
{
    /// <summary>One outcome per lead, in the order given.</summary>
    public required IReadOnlyList<LeadHandoffOutcome> Outcomes { get; init; }

    /// <summary>Leads written with their new owner.</summary>
    public int AssignedCount => Outcomes.Count(o => o.Status == LeadHandoffStatus.Assigned);

    /// <summary>Leads no owner was available for.</summary>
    public int UnassignedCount => Outcomes.Count(o => o.Status == LeadHandoffStatus.Unassigned);

    /// <summary>Leads whose write failed.</summary>
    public int FailedCount => Outcomes.Count(o => o.Status == LeadHandoffStatus.WriteFailed);
}
