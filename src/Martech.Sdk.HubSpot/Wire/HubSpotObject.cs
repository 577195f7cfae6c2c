using System.Text.Json;
using System.Text.Json.Serialization;

namespace Martech.Sdk.HubSpot;

/// <summary>A CRM object as HubSpot sends it (<c>SimplePublicObject</c>, <c>…WithAssociations</c>, and the upsert
/// result <c>SimplePublicUpsertObject</c> with its <c>new</c> flag). Every property value is a string.</summary>
internal sealed class HubSpotObject
{
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("properties")]
    public Dictionary<string, string?>? Properties { get; set; }

    [JsonPropertyName("createdAt")]
    public DateTimeOffset? CreatedAt { get; set; }

    [JsonPropertyName("updatedAt")]
    public DateTimeOffset? UpdatedAt { get; set; }

    [JsonPropertyName("archived")]
    public bool? Archived { get; set; }

    /// <summary>Batch upsert only: <see langword="true"/> when the object was created.</summary>
    [JsonPropertyName("new")]
    public bool? New { get; set; }

    [JsonPropertyName("associations")]
    public Dictionary<string, HubSpotAssociationList>? Associations { get; set; }

    /// <summary>Members this model does not name (<c>url</c>, <c>propertiesWithHistory</c>, …), kept as sent.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
