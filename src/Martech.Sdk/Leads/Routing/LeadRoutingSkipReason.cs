namespace Martech.Sdk;

/// <summary>Why an owner could not take a lead.</summary>
public enum LeadRoutingSkipReason
{
    /// <summary>Not skipped: the owner could take it.</summary>
    None,

    /// <summary>Out of office (<see cref="LeadOwnerOptions.Available"/> or <see cref="LeadRouter.SetAvailableAsync"/>).</summary>
    Unavailable,

    /// <summary>Outside the owner's working hours, and <see cref="LeadRoutingOptions.OutsideHours"/> is
    /// <see cref="LeadRoutingOutsideHours.Skip"/>.</summary>
    OutsideWorkingHours,

    /// <summary>The owner holds <see cref="LeadOwnerOptions.MaxOpenLeads"/> open leads.</summary>
    AtOpenLeadLimit,

    /// <summary>The owner got <see cref="LeadOwnerOptions.MaxLeadsPerDay"/> leads today.</summary>
    AtDailyLimit,
}
