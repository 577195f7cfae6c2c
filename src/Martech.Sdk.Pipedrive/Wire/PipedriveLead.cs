using System.Text.Json;
using System.Text.Json.Serialization;

namespace Martech.Sdk.Pipedrive;

/// <summary>A v1 lead as Pipedrive returns it. Custom fields are top-level properties keyed by hash, so they land in
/// <see cref="AdditionalProperties"/> with every property the SDK does not name. It is the
/// <see cref="Lead.Raw"/> of leads read from Pipedrive, written back through the source-generated context.</summary>
internal sealed class PipedriveLead
{
    /// <summary>The lead's UUID.</summary>
    public string? Id { get; set; }

    public string? Title { get; set; }

    public long? OwnerId { get; set; }

    public long? PersonId { get; set; }

    public long? OrganizationId { get; set; }

    public bool? IsArchived { get; set; }

    public string? AddTime { get; set; }

    public string? UpdateTime { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
