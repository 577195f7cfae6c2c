using System.Text.Json.Serialization;

namespace Martech.Sdk.HubSpot;

/// <summary>The body of a single update (<c>SimplePublicObjectInput</c>): only properties, all strings.</summary>
internal sealed class HubSpotPropertiesInput
{
    [JsonPropertyName("properties")]
    public required Dictionary<string, string> Properties { get; init; }
}

/// <summary>The body of a create (<c>SimplePublicObjectInputForCreate</c>): properties and associations.</summary>
internal sealed class HubSpotCreateInput
{
    [JsonPropertyName("properties")]
    public required Dictionary<string, string> Properties { get; init; }

    [JsonPropertyName("associations")]
    public required List<HubSpotAssociationInput> Associations { get; init; }
}

/// <summary>One association made on create: the record and the association types.</summary>
internal sealed class HubSpotAssociationInput
{
    [JsonPropertyName("to")]
    public required HubSpotObjectId To { get; init; }

    [JsonPropertyName("types")]
    public required List<HubSpotAssociationType> Types { get; init; }
}

/// <summary>An association type: category and id.</summary>
internal sealed class HubSpotAssociationType
{
    [JsonPropertyName("associationCategory")]
    public required string AssociationCategory { get; init; }

    [JsonPropertyName("associationTypeId")]
    public required int AssociationTypeId { get; init; }
}

/// <summary><c>{"id": "…"}</c>: a record named by id.</summary>
internal sealed class HubSpotObjectId
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }
}

/// <summary>One input of a batch upsert or update: the id (or id property value), the id property for an upsert,
/// and the properties.</summary>
internal sealed class HubSpotBatchInputItem
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("idProperty")]
    public string? IdProperty { get; init; }

    [JsonPropertyName("properties")]
    public required Dictionary<string, string> Properties { get; init; }
}

/// <summary><c>{"inputs": […]}</c> of a batch upsert or update.</summary>
internal sealed class HubSpotBatchInput
{
    [JsonPropertyName("inputs")]
    public required List<HubSpotBatchInputItem> Inputs { get; init; }
}

/// <summary>The body of a batch read: ids and the properties to return.</summary>
internal sealed class HubSpotBatchReadInput
{
    [JsonPropertyName("inputs")]
    public required List<HubSpotObjectId> Inputs { get; init; }

    [JsonPropertyName("properties")]
    public required List<string> Properties { get; init; }

    /// <summary>The property the inputs' ids are values of, such as <c>email</c>; the record id when absent.</summary>
    [JsonPropertyName("idProperty")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? IdProperty { get; init; }
}

/// <summary>The body of a GDPR delete: the contact's id.</summary>
internal sealed class HubSpotGdprDeleteInput
{
    [JsonPropertyName("objectId")]
    public required string ObjectId { get; init; }
}
