namespace Martech.Sdk.Testing;

/// <summary>One page of an <see cref="EmulatorStore{T}"/> listing.</summary>
/// <typeparam name="T">The item type.</typeparam>
public sealed class EmulatorPage<T>
{
    internal EmulatorPage(IReadOnlyList<T> items, string? nextCursor, int total)
    {
        Items = items;
        NextCursor = nextCursor;
        Total = total;
    }

    /// <summary>Gets the page's items, in creation order.</summary>
    public IReadOnlyList<T> Items { get; }

    /// <summary>Gets the cursor of the next page, or <see langword="null"/> on the last page.</summary>
    public string? NextCursor { get; }

    /// <summary>Gets how many items matched the listing across all pages, as some vendors report (<c>total</c>,
    /// <c>total_count</c>).</summary>
    public int Total { get; }
}
