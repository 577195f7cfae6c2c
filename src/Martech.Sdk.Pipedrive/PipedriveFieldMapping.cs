namespace Martech.Sdk.Pipedrive;

/// <summary>
/// The Pipedrive custom fields that hold the model properties Pipedrive has no built-in field for, by the field's name as
/// it shows in Pipedrive (Settings → Data fields). Bound from <c>Martech:&lt;name&gt;:Fields</c>.
/// </summary>
/// <remarks>
/// <para>A property whose field is named here is read from and written to that custom field; text fields hold the value
/// as text and single-option fields hold the option whose label matches it (ignoring case). Writing a property whose
/// named field the account does not have fails (the bulk item fails with <c>FIELD_NOT_FOUND</c>), so nothing is
/// silently lost: create the field in Pipedrive or change the name here.</para>
/// <para>Set a name to an empty string to leave the property unmapped: it is then not written and reads as
/// <see langword="null"/>. These defaults are this SDK's convention, not fields Pipedrive creates [U].</para>
/// </remarks>
public sealed class PipedriveFieldMapping
{
    /// <summary>The person field that holds <see cref="Contact.Company"/> (and a lead's company, through its person).</summary>
    /// <value>The default value is <c>"Company"</c>.</value>
    public string? Company { get; set; } = "Company";

    /// <summary>The person field that holds <see cref="Contact.JobTitle"/>. Pipedrive's own <c>job_title</c> exists only
    /// with contact sync enabled, so a custom field is used.</summary>
    /// <value>The default value is <c>"Job title"</c>.</value>
    public string? JobTitle { get; set; } = "Job title";

    /// <summary>The person field that holds <see cref="Contact.LifecycleStage"/>.</summary>
    /// <value>The default value is <c>"Lifecycle stage"</c>.</value>
    public string? LifecycleStage { get; set; } = "Lifecycle stage";

    /// <summary>The person field that holds the status of <see cref="Contact.SmsConsent"/> (Pipedrive's
    /// <c>marketing_status</c> covers email only).</summary>
    /// <value>The default value is <c>"SMS consent"</c>.</value>
    public string? SmsConsent { get; set; } = "SMS consent";

    /// <summary>The lead field that holds <see cref="Lead.Status"/>; also marks a lead converted by
    /// <see cref="ILeadClient.ConvertAsync"/> without a deal.</summary>
    /// <value>The default value is <c>"Lead status"</c>.</value>
    public string? LeadStatus { get; set; } = "Lead status";

    /// <summary>The lead field that holds <see cref="Lead.Source"/>.</summary>
    /// <value>The default value is <c>"Lead source"</c>.</value>
    public string? LeadSource { get; set; } = "Lead source";

    /// <summary>The lead field (numeric) that holds <see cref="Lead.Score"/>.</summary>
    /// <value>The default value is <c>"Lead score"</c>.</value>
    public string? LeadScore { get; set; } = "Lead score";
}
