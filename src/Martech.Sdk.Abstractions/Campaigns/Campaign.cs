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
        RawRepresentation = original.RawRepresentation;
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

    /// <summary>The provider's own object this campaign was read from.</summary>
    [JsonIgnore]
    public object? RawRepresentation { get; init; }
}
