namespace Martech.Sdk;

/// <summary>Builds the listings of the in-memory providers: sequence-number paging, page-size clamping, and
/// continuation tokens checked before any work.</summary>
internal static class InMemoryPaging
{
    /// <summary>Creates a listing.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="scope">The listing's token scope, such as <c>"contacts"</c>.</param>
    /// <param name="provider">The provider instance name.</param>
    /// <param name="options">The caller's list options.</param>
    /// <param name="providerOptions">The instance's page-size limits.</param>
    /// <param name="fetch">Reads one page: the items after a sequence number, at most a size, and where to continue.</param>
    /// <param name="cancellationToken">The token of the call that creates the listing.</param>
    /// <returns>The listing.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The page size is not positive.</exception>
    /// <exception cref="ArgumentException">The continuation token was not issued by this provider for this listing.</exception>
    public static AsyncPageable<T> Create<T>(
        string scope,
        string provider,
        ListOptions? options,
        InMemoryProviderOptions providerOptions,
        Func<long, int, (IReadOnlyList<T> Items, long? Next)> fetch,
        CancellationToken cancellationToken)
    {
        if (options?.PageSize is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.PageSize, "ListOptions.PageSize must be positive.");
        }

        // Checked now, so a bad resume token fails at the call rather than at the first read.
        InMemoryContinuationToken.Decode(options?.ContinuationToken, scope, provider, "ListOptions.ContinuationToken", nameof(options));
        cancellationToken.ThrowIfCancellationRequested();
        return AsyncPageable.Create<T>(
            (token, pageSizeHint, ct) =>
            {
                ct.ThrowIfCancellationRequested();
                long after = InMemoryContinuationToken.Decode(token, scope, provider, "continuation token", "continuationToken");
                int size = Math.Clamp(pageSizeHint ?? providerOptions.DefaultPageSize, 1, providerOptions.MaxPageSize);
                var (items, next) = fetch(after, size);
                return ValueTask.FromResult(new Page<T>(items, next is long n ? InMemoryContinuationToken.Encode(scope, n) : null));
            },
            options?.ContinuationToken,
            options?.PageSize,
            cancellationToken);
    }
}
