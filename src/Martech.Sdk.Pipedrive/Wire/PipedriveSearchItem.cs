using System.Text.Json;
using System.Text.Json.Serialization;

namespace Martech.Sdk.Pipedrive;

/// <summary>A person search hit: id, name and its email addresses and phone numbers as plain strings.</summary>
internal sealed class PipedriveSearchItem
{
    public long Id { get; set; }

    public string? Type { get; set; }

    public string? Name { get; set; }

    public List<string>? Emails { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
