using System.Text.Json.Serialization;

namespace Martech.Sdk.HubSpot;

/// <summary>A page of objects from a list or a search, with the cursor of the next page.</summary>
internal sealed class HubSpotCollectionResponse
{
    [JsonPropertyName("results")]
    public List<HubSpotObject>? Results { get; set; }

    [JsonPropertyName("paging")]
    public HubSpotPaging? Paging { get; set; }

    /// <summary>Search only: how many objects matched.</summary>
    [JsonPropertyName("total")]
    public int? Total { get; set; }
}

/// <summary><c>paging</c>: the next page's cursor (<c>next.after</c>).</summary>
internal sealed class HubSpotPaging
{
    [JsonPropertyName("next")]
    public HubSpotNextPage? Next { get; set; }
}

/// <summary><c>paging.next</c>.</summary>
internal sealed class HubSpotNextPage
{
    [JsonPropertyName("after")]
    public string? After { get; set; }

    [JsonPropertyName("link")]
    public string? Link { get; set; }
}
