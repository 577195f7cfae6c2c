namespace Martech.Sdk.Testing;

/// <summary>A marketing campaign held by a <see cref="HubSpotEmulator"/>: its GUID, its name and the ids of its
/// marketing emails (its <c>MARKETING_EMAIL</c> assets).</summary>
/// <param name="Id">The campaign's GUID (<c>campaignGuid</c>).</param>
/// <param name="Name">Its name (<c>hs_name</c>).</param>
/// <param name="MarketingEmailIds">Its marketing emails' ids, in the order the assets endpoint lists them.</param>
public sealed record HubSpotEmulatorCampaign(string Id, string Name, IReadOnlyList<long> MarketingEmailIds);
