using System.Text.Json;
using System.Text.Json.Serialization;

namespace Martech.Sdk.Pipedrive;

/// <summary>The envelope's <c>additional_data</c>: v2's <c>next_cursor</c> or v1's offset <c>pagination</c>.</summary>
internal sealed class PipedriveAdditionalData
{
    /// <summary>The cursor of the next page (v2); <see langword="null"/> on the last page.</summary>
    public string? NextCursor { get; set; }

    /// <summary>Offset paging (v1).</summary>
    public PipedrivePagination? Pagination { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
