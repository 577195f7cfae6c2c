using System.Text.Json;
using System.Text.Json.Serialization;

namespace Martech.Sdk.HubSpot;

/// <summary>A page of a campaign's assets of one type (<c>GET …/campaigns/{campaignGuid}/assets/{assetType}</c>).</summary>
internal sealed class HubSpotCampaignAssetPage
{
    [JsonPropertyName("results")]
    public List<HubSpotCampaignAsset>? Results { get; set; }

    [JsonPropertyName("paging")]
    public HubSpotPaging? Paging { get; set; }
}

/// <summary>One asset of a campaign: its id (a string or a number, both read) and the members the SDK does not use.</summary>
internal sealed class HubSpotCampaignAsset
{
    [JsonPropertyName("id")]
    public JsonElement Id { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>The answer of <c>GET /marketing/v3/emails/statistics/list</c>: the emails' statistics added up in
/// <c>aggregate</c>; <c>campaignAggregations</c>, <c>emails</c> and the rest are not read.</summary>
internal sealed class HubSpotEmailStatistics
{
    [JsonPropertyName("aggregate")]
    public HubSpotEmailAggregate? Aggregate { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary><c>aggregate</c>: the counters by name (numbers), with device breakdown, qualifier stats and ratios beside
/// them.</summary>
internal sealed class HubSpotEmailAggregate
{
    [JsonPropertyName("counters")]
    public Dictionary<string, JsonElement>? Counters { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
