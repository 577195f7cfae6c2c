namespace Martech.Sdk.HubSpot;

/// <summary>
/// The HubSpot contact properties that hold one channel's <see cref="Consent"/>: its status, where it came from and
/// when. HubSpot has no standard contact property for this (its subscription-type and legal-basis APIs are separate
/// and not covered by this package), so these are custom properties you create in the portal, as single-line text.
/// </summary>
/// <remarks>
/// A property name left empty is neither read nor written, and that part of the consent is not stored; with an empty
/// <see cref="StatusProperty"/> the channel's consent is not stored at all and a contact read from HubSpot has none.
/// </remarks>
public sealed class HubSpotConsentProperties
{
    /// <summary>The property holding the <see cref="ConsentStatus"/> value (<c>granted</c>, <c>denied</c>,
    /// <c>pending</c>, <c>unknown</c>, or any other value, kept as it is).</summary>
    public string? StatusProperty { get; set; }

    /// <summary>The property holding <see cref="Consent.Source"/>.</summary>
    public string? SourceProperty { get; set; }

    /// <summary>The property holding <see cref="Consent.UpdatedAt"/>, written in ISO 8601 form (UTC) and read from ISO
    /// 8601 or Unix epoch milliseconds.</summary>
    public string? UpdatedAtProperty { get; set; }
}
