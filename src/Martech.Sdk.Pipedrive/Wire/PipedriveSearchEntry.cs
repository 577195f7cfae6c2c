namespace Martech.Sdk.Pipedrive;

/// <summary>One search hit: its relevance and the item.</summary>
internal sealed class PipedriveSearchEntry
{
    public double? ResultScore { get; set; }

    public PipedriveSearchItem? Item { get; set; }
}
