using System.Text.Json.Serialization;

namespace Martech.Sdk.Intercom;

/// <summary>The <c>pages</c> object of a cursor-paged list.</summary>
internal sealed class IntercomPages
{
    [JsonPropertyName("next")]
    public IntercomPagination? Next { get; set; }
}
