using System.Text.Json.Serialization;

namespace Martech.Sdk.HubSpot;

/// <summary>The body of a search (<c>PublicObjectSearchRequest</c>): filter groups (OR of ANDs), properties to return,
/// page size and cursor.</summary>
internal sealed class HubSpotSearchRequest
{
    [JsonPropertyName("filterGroups")]
    public required List<HubSpotFilterGroup> FilterGroups { get; init; }

    [JsonPropertyName("properties")]
    public required List<string> Properties { get; init; }

    [JsonPropertyName("limit")]
    public required int Limit { get; init; }

    [JsonPropertyName("after")]
    public string? After { get; init; }
}

/// <summary>Filters that must all match.</summary>
internal sealed class HubSpotFilterGroup
{
    [JsonPropertyName("filters")]
    public required List<HubSpotFilter> Filters { get; init; }
}

/// <summary>One filter: a property, an operator (<c>EQ</c>, <c>GTE</c>, …) and a value.</summary>
internal sealed class HubSpotFilter
{
    [JsonPropertyName("propertyName")]
    public required string PropertyName { get; init; }

    [JsonPropertyName("operator")]
    public required string Operator { get; init; }

    [JsonPropertyName("value")]
    public string? Value { get; init; }
}
