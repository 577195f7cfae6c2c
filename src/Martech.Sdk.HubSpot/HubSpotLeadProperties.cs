namespace Martech.Sdk.HubSpot;

/// <summary>
/// The HubSpot lead properties that hold the <see cref="Lead"/> members a lead record itself carries. The person
/// members (<see cref="Lead.Email"/>, <see cref="Lead.FirstName"/>, <see cref="Lead.LastName"/>,
/// <see cref="Lead.Company"/>, <see cref="Lead.Phone"/>) are the associated contact's and are not listed here.
/// </summary>
/// <remarks>
/// <see cref="Name"/> and <see cref="Status"/> default to the properties HubSpot's leads guide names;
/// <see cref="Source"/> and <see cref="Score"/> have no standard lead property and default to custom properties you
/// create in the portal (or point them at your own). A lead member whose property name is empty cannot be written: the
/// provider rejects a lead that sets it with an <see cref="ArgumentException"/> naming the setting.
/// </remarks>
public sealed class HubSpotLeadProperties
{
    /// <summary>The lead name, required by HubSpot, from <see cref="Lead.Title"/>.</summary>
    /// <value>The default value is <c>hs_lead_name</c>.</value>
    public string? Name { get; set; } = "hs_lead_name";

    /// <summary>The lead's status, from <see cref="Lead.Status"/> (translated by
    /// <see cref="HubSpotOptions.LeadStatusValues"/>).</summary>
    /// <value>The default value is <c>hs_lead_label</c>, which HubSpot's guide describes as "the current status of
    /// the lead".</value>
    public string? Status { get; set; } = "hs_lead_label";

    /// <summary>Where the lead came from, from <see cref="Lead.Source"/>.</summary>
    /// <value>The default value is <c>martech_lead_source</c> (a custom property).</value>
    public string? Source { get; set; } = "martech_lead_source";

    /// <summary>The lead score, from <see cref="Lead.Score"/>.</summary>
    /// <value>The default value is <c>martech_lead_score</c> (a custom property).</value>
    public string? Score { get; set; } = "martech_lead_score";

    /// <summary>The owning user, from <see cref="Lead.OwnerId"/>.</summary>
    /// <value>The default value is <c>hubspot_owner_id</c>.</value>
    public string? Owner { get; set; } = "hubspot_owner_id";
}
