namespace Martech.Sdk;

/// <summary>The campaign a click or a landing visit is attributed to, and on what grounds.</summary>
/// <param name="CampaignId">The campaign id, or <see langword="null"/> when only a campaign name is known
/// (<see cref="CampaignAttributionBasis.UtmCampaignName"/>).</param>
/// <param name="Basis">What the attribution rests on.</param>
/// <param name="Utm">The URL's UTM parameters (source, medium, content, …), or <see langword="null"/> when the URL has
/// none.</param>
/// <param name="Issues">Problems with the URL's UTM parameters (see <see cref="UtmParseResult.Issues"/>), and for a click
/// whose <c>utm_id</c> differs from the send's campaign id, an issue saying so.</param>
public sealed record CampaignAttribution(string? CampaignId, CampaignAttributionBasis Basis, UtmParameters? Utm, IReadOnlyList<UtmIssue> Issues)
{
    /// <summary>The campaign's name from <c>utm_campaign</c>, when the URL has one.</summary>
    public string? CampaignName => Utm?.Campaign;
}
