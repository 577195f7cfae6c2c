using System.Text.Json;
using System.Text.Json.Serialization;

namespace Martech.Sdk.Pipedrive;

/// <summary>A field definition from v1 <c>GET /personFields</c> or <c>GET /leadFields</c>: its key (a 40-character
/// hash for custom fields), its name as Pipedrive shows it, its type and, for option fields, its options.</summary>
internal sealed class PipedriveField
{
    public JsonElement? Id { get; set; }

    public string? Key { get; set; }

    public string? Name { get; set; }

    public string? FieldType { get; set; }

    public bool? EditFlag { get; set; }

    public List<PipedriveFieldOption>? Options { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
