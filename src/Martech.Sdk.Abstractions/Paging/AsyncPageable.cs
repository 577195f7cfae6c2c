using System.Runtime.CompilerServices;

namespace Martech.Sdk;

/// <summary>
/// A listing that streams its items (<c>await foreach</c>) and fetches pages only as they are consumed, so memory
/// stays flat however long the listing is. <see cref="AsPages"/> gives page access and continuation tokens to
/// resume an interrupted export.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
public abstract class AsyncPageable<T> : IAsyncEnumerable<T>
{
    /// <summary>Streams the pages, starting after a continuation token.</summary>
    /// <param name="continuationToken">A token from an earlier <see cref="Page{T}"/>; <see langword="null"/> to start
    /// at the beginning.</param>
    /// <param name="pageSizeHint">The page size to ask for; the provider's default when <see langword="null"/>.
    /// Providers clamp it to the vendor's limit.</param>
    /// <returns>The pages.</returns>
    public abstract IAsyncEnumerable<Page<T>> AsPages(string? continuationToken = null, int? pageSizeHint = null);

    /// <summary>Streams the items across all pages.</summary>
    /// <param name="cancellationToken">Stops the listing.</param>
    /// <returns>The items.</returns>
    public virtual async IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        await foreach (Page<T> page in AsPages().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            foreach (T item in page.Items)
            {
                yield return item;
            }
        }
    }
}
