using System.Text.Json;
using System.Text.Json.Serialization;

namespace Martech.Sdk.Pipedrive;

/// <summary>The body of v2 <c>POST /persons</c> and <c>PATCH /persons/{id}</c>; properties left <see langword="null"/>
/// are not sent, so a PATCH changes only what it names.</summary>
internal sealed class PipedrivePersonWrite
{
    public string? Name { get; set; }

    public long? OwnerId { get; set; }

    public List<PipedriveContactDetail>? Emails { get; set; }

    public List<PipedriveContactDetail>? Phones { get; set; }

    public string? MarketingStatus { get; set; }

    /// <summary>Custom field values by hash key; a JSON null clears a field.</summary>
    public Dictionary<string, JsonElement>? CustomFields { get; set; }

    /// <summary>Whether the body changes nothing (an update that would be a no-op is not sent).</summary>
    [JsonIgnore]
    public bool IsEmpty =>
        Name is null && OwnerId is null && Emails is null && Phones is null && MarketingStatus is null && (CustomFields is null || CustomFields.Count == 0);
}
