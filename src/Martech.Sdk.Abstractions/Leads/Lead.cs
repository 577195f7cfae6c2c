using System.Text.Json;
using System.Text.Json.Serialization;

namespace Martech.Sdk;

/// <summary>A sales lead: a person or company showing interest, before conversion into a contact or deal.</summary>
/// <remarks>A <c>with</c> copy gets its own <see cref="CustomFields"/>.</remarks>
public sealed record Lead
{
    /// <summary>Creates an empty lead.</summary>
    public Lead()
    {
    }

    /// <summary>Copies a lead, custom fields included (used by <c>with</c> expressions).</summary>
    /// <param name="original">The lead to copy.</param>
    private Lead(Lead original)
    {
        Id = original.Id;
        ContactId = original.ContactId;
        Email = original.Email;
        Phone = original.Phone;
        FirstName = original.FirstName;
        LastName = original.LastName;
        Company = original.Company;
        Title = original.Title;
        Status = original.Status;
        Source = original.Source;
        Score = original.Score;
        OwnerId = original.OwnerId;
        CreatedAt = original.CreatedAt;
        UpdatedAt = original.UpdatedAt;
        CustomFields = new CustomFieldCollection(original.CustomFields);
        Raw = original.Raw;
    }

    /// <summary>The provider's id for the lead; <see langword="null"/> until it is stored.</summary>
    public string? Id { get; init; }

    /// <summary>The id of the contact (person) the lead belongs to, where the vendor links them.</summary>
    public string? ContactId { get; init; }

    /// <summary>The lead's email address.</summary>
    public EmailAddress? Email { get; init; }

    /// <summary>The lead's phone number.</summary>
    public PhoneNumber? Phone { get; init; }

    /// <summary>Given name.</summary>
    public string? FirstName { get; init; }

    /// <summary>Family name.</summary>
    public string? LastName { get; init; }

    /// <summary>Company name.</summary>
    public string? Company { get; init; }

    /// <summary>A short title, such as "Webinar sign-up: pricing deep dive".</summary>
    public string? Title { get; init; }

    /// <summary>Working status. Left <see langword="null"/> on create, providers store <see cref="LeadStatus.New"/>;
    /// left <see langword="null"/> on update, the stored status is kept. Leads read from a provider always have one.</summary>
    public LeadStatus? Status { get; init; }

    /// <summary>Where the lead came from, such as <c>"webinar"</c> or <c>"paid-search"</c>.</summary>
    public string? Source { get; init; }

    /// <summary>The lead score, where one is kept.</summary>
    public int? Score { get; init; }

    /// <summary>The provider's id of the owning user (sales rep).</summary>
    public string? OwnerId { get; init; }

    /// <summary>When the provider created the lead.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>When the provider last changed the lead.</summary>
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>Vendor properties without a named member here, kept as raw JSON.</summary>
    public CustomFieldCollection CustomFields { get; init; } = new();

    /// <summary>The vendor's own JSON for this lead, for reading what the SDK does not map (such as a Pipedrive lead's
    /// <c>organization_id</c>); <see cref="JsonValueKind.Undefined"/> when the lead was not read from a vendor (built in
    /// code, or stored by the in-memory provider).</summary>
    /// <remarks>
    /// Each provider says in its documentation whether this is the record exactly as received or re-serialized from the
    /// provider's source-generated wire type. It is never written out: JSON serialization (and so Trace logging) leaves
    /// it out. A <c>with</c> copy shares the same element. The element is kept as given, not copied: one set by hand
    /// must outlive its <see cref="JsonDocument"/> (give it <see cref="JsonElement.Clone"/> when in doubt).
    /// </remarks>
    [JsonIgnore]
    public JsonElement Raw { get; init; }
}
