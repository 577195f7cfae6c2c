using System.Text.Json;
using System.Text.Json.Serialization;

namespace Martech.Sdk;

/// <summary>A marketing campaign.</summary>
/// <remarks>A <c>with</c> copy gets its own <see cref="CustomFields"/>.</remarks>
public sealed record Campaign
{
    /// <summary>Creates a campaign.</summary>
    public Campaign()
    {
    }

    /// <summary>Copies a campaign, custom fields included (used by <c>with</c> expressions).</summary>
    /// <param name="original">The campaign to copy.</param>
    [System.Diagnostics.CodeAnalysis.SetsRequiredMembers]
    private Campaign(Campaign original)
    {
        Id = original.Id;
        Name = original.Name;
        Status = original.Status;
        Type = original.Type;
        StartsAt = original.StartsAt;
        EndsAt = original.EndsAt;
        CreatedAt = original.CreatedAt;
        CustomFields = new CustomFieldCollection(original.CustomFields);
        Raw = original.Raw;
    }

    /// <summary>The provider's id for the campaign.</summary>
    public string? Id { get; init; }

    /// <summary>The campaign's name.</summary>
    public required string Name { get; init; }

    /// <summary>The campaign's state.</summary>
    public CampaignStatus Status { get; init; } = CampaignStatus.Planned;

    /// <summary>The kind of campaign as the vendor names it, such as <c>"Email"</c> or <c>"Webinar"</c>.</summary>
    public string? Type { get; init; }

    /// <summary>When it starts.</summary>
    public DateTimeOffset? StartsAt { get; init; }

    /// <summary>When it ends.</summary>
    public DateTimeOffset? EndsAt { get; init; }

    /// <summary>When the provider created it.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>Vendor properties without a named member here, kept as raw JSON.</summary>
    public CustomFieldCollection CustomFields { get; init; } = new();

    /// <summary>The vendor's own JSON for this campaign, for reading what the SDK does not map (such as a Salesforce
    /// campaign's <c>BudgetedCost</c>); <see cref="JsonValueKind.Undefined"/> when the campaign was not read from a vendor (built in
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
