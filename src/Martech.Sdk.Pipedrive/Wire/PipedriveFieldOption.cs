using System.Text.Json;

namespace Martech.Sdk.Pipedrive;

/// <summary>An option of a single- or multiple-option field: the id stored as the value, and its label.</summary>
internal sealed class PipedriveFieldOption
{
    public JsonElement Id { get; set; }

    public string? Label { get; set; }
}
