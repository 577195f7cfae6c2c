namespace Martech.Sdk;

/// <summary>The outcome of one input item of a bulk operation.</summary>
/// <typeparam name="T">The result type, such as the stored <see cref="Contact"/>.</typeparam>
/// <param name="Index">The item's position in the input list.</param>
/// <param name="Status">What happened.</param>
/// <param name="Value">The resulting value when the item succeeded.</param>
/// <param name="Error">Why, when the item failed, was withheld or has an unknown outcome.</param>
public sealed record BulkItemResult<T>(int Index, BulkItemStatus Status, T? Value = default, BulkItemError? Error = null)
{
    /// <summary>Whether the item was created, updated or otherwise succeeded.</summary>
    public bool IsSuccess => Status is BulkItemStatus.Created or BulkItemStatus.Updated or BulkItemStatus.Succeeded;
}
