using System.Text.Json.Serialization;

namespace Martech.Sdk.Intercom;

/// <summary>The body of <c>POST /contacts/search</c>.</summary>
internal sealed class IntercomSearchRequest
{
    [JsonPropertyName("query")]
    public required IntercomSearchQuery Query { get; set; }

    [JsonPropertyName("pagination")]
    public required IntercomPagination Pagination { get; set; }
}
