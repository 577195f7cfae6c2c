namespace Martech.Sdk;

/// <summary>A contact's membership in a campaign.</summary>
/// <param name="CampaignId">The campaign.</param>
/// <param name="ContactId">The member contact.</param>
/// <param name="Status">The vendor's member status, such as <c>"Sent"</c> or <c>"Responded"</c>.</param>
/// <param name="AddedAt">When the contact joined the campaign.</param>
public sealed record CampaignMember(string CampaignId, string ContactId, string? Status = null, DateTimeOffset? AddedAt = null);
