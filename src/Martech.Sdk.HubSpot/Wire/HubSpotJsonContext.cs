using System.Text.Json.Serialization;

namespace Martech.Sdk.HubSpot;

/// <summary>The source-generated JSON metadata of every HubSpot wire model: no reflection, trim and AOT safe.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(HubSpotObject))]
[JsonSerializable(typeof(HubSpotCollectionResponse))]
[JsonSerializable(typeof(HubSpotBatchResponse))]
[JsonSerializable(typeof(HubSpotErrorBody))]
[JsonSerializable(typeof(HubSpotPropertiesInput))]
[JsonSerializable(typeof(HubSpotCreateInput))]
[JsonSerializable(typeof(HubSpotBatchInput))]
[JsonSerializable(typeof(HubSpotBatchReadInput))]
[JsonSerializable(typeof(HubSpotGdprDeleteInput))]
[JsonSerializable(typeof(HubSpotSearchRequest))]
[JsonSerializable(typeof(HubSpotCampaignAssetPage))]
[JsonSerializable(typeof(HubSpotEmailStatistics))]
[JsonSerializable(typeof(Dictionary<string, System.Text.Json.JsonElement>))]
internal sealed partial class HubSpotJsonContext : JsonSerializerContext;
