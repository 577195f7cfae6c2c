using System.Text.Json.Serialization;

namespace Martech.Sdk.Intercom;

/// <summary>A page of contacts: <c>{"type":"list","data":[…],"pages":{"next":{"starting_after"}}}</c>.</summary>
internal sealed class IntercomContactList
{
    [JsonPropertyName("data")]
    public List<IntercomContactWire>? Data { get; set; }

    [JsonPropertyName("pages")]
    public IntercomPages? Pages { get; set; }
}
