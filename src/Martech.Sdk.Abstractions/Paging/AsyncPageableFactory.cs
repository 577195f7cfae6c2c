using System.Runtime.CompilerServices;

namespace Martech.Sdk;

/// <summary>Builds <see cref="AsyncPageable{T}"/> instances from a function that fetches one page.</summary>
public static class AsyncPageable
{
    /// <summary>Creates a pageable from a page-fetching function.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="fetchPage">Fetches the page at a continuation token (<see langword="null"/> for the first) with
    /// a page-size hint. A page whose <see cref="Page{T}.ContinuationToken"/> is <see langword="null"/> ends the
    /// listing.</param>
    /// <param name="defaultContinuationToken">Where listing starts when <see cref="AsyncPageable{T}.AsPages"/> is
    /// given no token, such as a token passed in list options to resume.</param>
    /// <param name="defaultPageSize">The page size when <see cref="AsyncPageable{T}.AsPages"/> is given no hint.</param>
    /// <param name="cancellationToken">The token of the call that created the listing; combined with the one passed
    /// to the enumeration.</param>
    /// <returns>The pageable.</returns>
    public static AsyncPageable<T> Create<T>(
        Func<string?, int?, CancellationToken, ValueTask<Page<T>>> fetchPage,
        string? defaultContinuationToken = null,
        int? defaultPageSize = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fetchPage);
        return new FuncAsyncPageable<T>(fetchPage, defaultContinuationToken, defaultPageSize, cancellationToken);
    }

    /// <summary>Creates a pageable that has no items.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <returns>The pageable.</returns>
    public static AsyncPageable<T> Empty<T>() =>
        Create<T>(static (_, _, _) => ValueTask.FromResult(new Page<T>([], null)));

    private sealed class FuncAsyncPageable<T>(
        Func<string?, int?, CancellationToken, ValueTask<Page<T>>> fetchPage,
        string? defaultContinuationToken,
        int? defaultPageSize,
        CancellationToken creationToken) : AsyncPageable<T>
    {
        public override IAsyncEnumerable<Page<T>> AsPages(string? continuationToken = null, int? pageSizeHint = null) =>
            Pages(continuationToken ?? defaultContinuationToken, pageSizeHint ?? defaultPageSize, default);

        public override async IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
        {
            await foreach (Page<T> page in Pages(defaultContinuationToken, defaultPageSize, cancellationToken).ConfigureAwait(false))
            {
                foreach (T item in page.Items)
                {
                    yield return item;
                }
            }
        }

        private async IAsyncEnumerable<Page<T>> Pages(string? token, int? pageSize, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            if (pageSize is <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(pageSize), pageSize, "The page size must be positive.");
            }

            using var linked = creationToken.CanBeCanceled && cancellationToken.CanBeCanceled
                ? CancellationTokenSource.CreateLinkedTokenSource(creationToken, cancellationToken)
                : null;
            CancellationToken ct = linked?.Token ?? (cancellationToken.CanBeCanceled ? cancellationToken : creationToken);
            do
            {
                ct.ThrowIfCancellationRequested();
                Page<T> page = await fetchPage(token, pageSize, ct).ConfigureAwait(false);
                yield return page;
                if (page.ContinuationToken is not null && page.ContinuationToken == token)
                {
                    throw new InvalidOperationException("The provider returned the same continuation token twice; stopping to avoid an endless listing.");
                }

                token = page.ContinuationToken;
            }
            while (token is not null);
        }
    }
}
