namespace Martech.Sdk;

/// <summary>Which existing owner the router keeps (<c>Martech:Leads:Routing:Affinity</c>). The first found, in the
/// order of the properties here, is kept when that owner is in the lead's pool and available (not out of office,
/// within working hours unless <see cref="LeadRoutingOutsideHours.AssignAndNotifyLater"/>, and under their
/// capacity); otherwise the rotation picks. A kept owner's lead counts as their turn in the rotation.</summary>
public sealed class LeadRoutingAffinityOptions
{
    /// <summary>Keep the lead's own <see cref="Lead.OwnerId"/>.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool LeadOwner { get; set; } = true;

    /// <summary>Keep the <see cref="Contact.OwnerId"/> of the contact with the lead's email address (looked up in the
    /// contacts provider, in one batch per handoff).</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool ContactOwner { get; set; }

    /// <summary>The provider instance contacts are looked up in for <see cref="ContactOwner"/>; <see langword="null"/>
    /// for the default contacts provider. Used with dependency injection only.</summary>
    public string? ContactsProvider { get; set; }

    /// <summary>Keep the owner the router last gave a lead from the same company email domain (free-mail domains such
    /// as gmail.com excepted), as the routing store remembers it.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool CompanyDomainOwner { get; set; }

    /// <summary>Names the type only.</summary>
    /// <returns>The type name.</returns>
    public override string ToString() => nameof(LeadRoutingAffinityOptions);
}
