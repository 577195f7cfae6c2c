using System.Text.Json.Serialization;

namespace Martech.Sdk.HubSpot;

/// <summary>The ids an object is associated with, per object type (<c>CollectionResponseAssociatedId</c>).</summary>
internal sealed class HubSpotAssociationList
{
    [JsonPropertyName("results")]
    public List<HubSpotAssociatedId>? Results { get; set; }
}

/// <summary>One associated object: its id and the association's type label.</summary>
internal sealed class HubSpotAssociatedId
{
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("type")]
    public string? Type { get; set; }
}
