using System.Text.Json;
using System.Text.Json.Serialization;

namespace Martech.Sdk;

/// <summary>A person in a CRM or marketing tool.</summary>
/// <remarks>
/// A copy made with a <c>with</c> expression gets its own <see cref="CustomFields"/>, so changing the copy's custom
/// fields never changes the original.
/// </remarks>
public sealed record Contact
{
    /// <summary>Creates an empty contact.</summary>
    public Contact()
    {
    }

    /// <summary>Copies a contact, custom fields included (used by <c>with</c> expressions).</summary>
    /// <param name="original">The contact to copy.</param>
    private Contact(Contact original)
    {
        Id = original.Id;
        Email = original.Email;
        Phone = original.Phone;
        FirstName = original.FirstName;
        LastName = original.LastName;
        Company = original.Company;
        JobTitle = original.JobTitle;
        LifecycleStage = original.LifecycleStage;
        EmailConsent = original.EmailConsent;
        SmsConsent = original.SmsConsent;
        OwnerId = original.OwnerId;
        CreatedAt = original.CreatedAt;
        UpdatedAt = original.UpdatedAt;
        CustomFields = new CustomFieldCollection(original.CustomFields);
        Raw = original.Raw;
    }

    /// <summary>The provider's id for the contact; <see langword="null"/> until it is stored.</summary>
    public string? Id { get; init; }

    /// <summary>The contact's email address.</summary>
    public EmailAddress? Email { get; init; }

    /// <summary>The contact's mobile phone number, in E.164 form.</summary>
    public PhoneNumber? Phone { get; init; }

    /// <summary>Given name.</summary>
    public string? FirstName { get; init; }

    /// <summary>Family name.</summary>
    public string? LastName { get; init; }

    /// <summary>Company or organisation name.</summary>
    public string? Company { get; init; }

    /// <summary>Job title.</summary>
    public string? JobTitle { get; init; }

    /// <summary>Funnel stage.</summary>
    public LifecycleStage? LifecycleStage { get; init; }

    /// <summary>Consent to marketing email; <see langword="null"/> when unknown.</summary>
    public Consent? EmailConsent { get; init; }

    /// <summary>Consent to marketing SMS; <see langword="null"/> when unknown.</summary>
    public Consent? SmsConsent { get; init; }

    /// <summary>The provider's id of the owning user (sales rep).</summary>
    public string? OwnerId { get; init; }

    /// <summary>When the provider created the contact.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>When the provider last changed the contact.</summary>
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>Vendor properties without a named member here, kept as raw JSON.</summary>
    public CustomFieldCollection CustomFields { get; init; } = new();

    /// <summary>The vendor's own JSON for this contact, for reading what the SDK does not map (such as HubSpot's
    /// <c>hs_object_id</c> or a Salesforce record's <c>attributes</c>); <see cref="JsonValueKind.Undefined"/> when the contact was not read from a vendor (built in
    /// code, or stored by the in-memory provider).</summary>
    /// <remarks>
    /// Each provider says in its documentation whether this is the record exactly as received or re-serialized from the
    /// provider's source-generated wire type. It is never written out: JSON serialization (and so Trace logging) leaves
    /// it out. A <c>with</c> copy shares the same element. The element is kept as given, not copied: one set by hand
    /// must outlive its <see cref="JsonDocument"/> (give it <see cref="JsonElement.Clone"/> when in doubt).
    /// </remarks>
    [JsonIgnore]
    public JsonElement Raw { get; init; }

    /// <summary>Gets the consent for a channel.</summary>
    /// <param name="channel">The channel.</param>
    /// <returns>The consent, or <see langword="null"/> when unknown.</returns>
    public Consent? GetConsent(ConsentChannel channel) => channel switch
    {
        ConsentChannel.Email => EmailConsent,
        ConsentChannel.Sms => SmsConsent,
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, "Unknown consent channel."),
    };

    /// <summary>The full name, from the first and last names.</summary>
    [JsonIgnore]
    public string? FullName => (FirstName, LastName) switch
    {
        (null or "", null or "") => null,
        (null or "", var last) => last,
        (var first, null or "") => first,
        var (first, last) => $"{first} {last}",
    };
}
