namespace Martech.Sdk;

/// <summary>How the router picked a lead's owner.</summary>
public enum LeadRoutingMethod
{
    /// <summary>No owner: nobody in the pool was available.</summary>
    None,

    /// <summary>The pool's rotation (weighted or round-robin).</summary>
    Rotation,

    /// <summary>The matched rule's <see cref="LeadRoutingRule.Owner"/>.</summary>
    RuleOwner,

    /// <summary>The lead's existing <see cref="Lead.OwnerId"/> was kept.</summary>
    LeadOwner,

    /// <summary>The owner of the contact with the lead's email address.</summary>
    ContactOwner,

    /// <summary>The owner who last got a lead from the same company email domain.</summary>
    CompanyDomainOwner,
}
