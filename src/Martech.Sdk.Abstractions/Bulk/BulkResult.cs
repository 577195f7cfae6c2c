namespace Martech.Sdk;

/// <summary>
/// The result of a bulk operation: exactly one <see cref="BulkItemResult{T}"/> per input item, in input order.
/// Nothing is dropped: an item that was not done says why.
/// </summary>
/// <typeparam name="T">The per-item result type.</typeparam>
public sealed class BulkResult<T>
{
    /// <summary>Creates a result from one outcome per input item.</summary>
    /// <param name="items">The outcomes, whose indexes must be exactly 0 to <c>items.Count - 1</c>.</param>
    /// <exception cref="ArgumentException">An item is null, or an index is missing, repeated or out of range.</exception>
    public BulkResult(IReadOnlyList<BulkItemResult<T>> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var ordered = new BulkItemResult<T>[items.Count];
        foreach (var item in items)
        {
            if (item is null)
            {
                throw new ArgumentException("A bulk result item is null; every input item needs exactly one outcome.", nameof(items));
            }

            if ((uint)item.Index >= (uint)ordered.Length || ordered[item.Index] is not null)
            {
                throw new ArgumentException($"Bulk result index {item.Index} is out of range or repeated; every input item needs exactly one outcome.", nameof(items));
            }

            ordered[item.Index] = item;
        }

        Items = ordered;
        foreach (var item in ordered)
        {
            switch (item.Status)
            {
                case BulkItemStatus.Created: CreatedCount++; break;
                case BulkItemStatus.Updated: UpdatedCount++; break;
                case BulkItemStatus.Succeeded: SucceededCount++; break;
                case BulkItemStatus.Withheld: WithheldCount++; break;
                case BulkItemStatus.Failed: FailedCount++; break;
                default: UnknownCount++; break;
            }
        }
    }

    /// <summary>One outcome per input item, in input order.</summary>
    public IReadOnlyList<BulkItemResult<T>> Items { get; }

    /// <summary>Items created.</summary>
    public int CreatedCount { get; }

    /// <summary>Items updated.</summary>
    public int UpdatedCount { get; }

    /// <summary>Items that otherwise succeeded.</summary>
    public int SucceededCount { get; }

    /// <summary>Items deliberately not processed.</summary>
    public int WithheldCount { get; }

    /// <summary>Items that failed.</summary>
    public int FailedCount { get; }

    /// <summary>Items whose outcome is unknown.</summary>
    public int UnknownCount { get; }

    /// <summary>Whether every item succeeded.</summary>
    public bool IsFullSuccess => CreatedCount + UpdatedCount + SucceededCount == Items.Count;

    /// <summary>The items that did not succeed: failed, withheld or unknown.</summary>
    public IEnumerable<BulkItemResult<T>> Unsuccessful
    {
        get
        {
            foreach (var item in Items)
            {
                if (!item.IsSuccess)
                {
                    yield return item;
                }
            }
        }
    }
}
