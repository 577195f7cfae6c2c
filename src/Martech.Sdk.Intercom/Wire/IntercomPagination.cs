using System.Text.Json.Serialization;

namespace Martech.Sdk.Intercom;

/// <summary><c>{"per_page","starting_after"}</c>: a search's pagination and a page's next cursor.</summary>
internal sealed class IntercomPagination
{
    [JsonPropertyName("per_page")]
    public int? PerPage { get; set; }

    [JsonPropertyName("starting_after")]
    public string? StartingAfter { get; set; }
}
