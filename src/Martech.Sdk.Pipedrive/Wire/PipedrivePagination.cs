namespace Martech.Sdk.Pipedrive;

/// <summary>v1's <c>additional_data.pagination</c>: <c>start</c>, <c>limit</c>, <c>more_items_in_collection</c>,
/// <c>next_start</c>.</summary>
internal sealed class PipedrivePagination
{
    public int? Start { get; set; }

    public int? Limit { get; set; }

    public bool? MoreItemsInCollection { get; set; }

    public int? NextStart { get; set; }
}
