using System.Text.Json;
using System.Text.Json.Serialization;

namespace Martech.Sdk.Pipedrive;

/// <summary>The body of v1 <c>POST /leads</c> and <c>PATCH /leads/{id}</c>; custom fields go at the top level by hash
/// key. Properties left <see langword="null"/> are not sent.</summary>
internal sealed class PipedriveLeadWrite
{
    public string? Title { get; set; }

    public long? OwnerId { get; set; }

    public long? PersonId { get; set; }

    public bool? IsArchived { get; set; }

    /// <summary>Custom field values by hash key, written as top-level properties.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? CustomFields { get; set; }

    /// <summary>Whether the body changes nothing.</summary>
    [JsonIgnore]
    public bool IsEmpty => Title is null && OwnerId is null && PersonId is null && IsArchived is null && (CustomFields is null || CustomFields.Count == 0);
}
