namespace Martech.Sdk.Pipedrive;

/// <summary>The <c>data</c> of v2 <c>GET /persons/search</c>: <c>{"items": [{"result_score", "item"}]}</c>.</summary>
internal sealed class PipedriveSearchResult
{
    public List<PipedriveSearchEntry>? Items { get; set; }
}
