namespace Martech.Sdk.Tests.Abstractions;

public class AsyncPageableTests
{
    [Fact]
    public async Task Enumerate_ThreePages_StreamsAllItemsInOrder()
    {
        var source = new PagedSource();
        var pageable = AsyncPageable.Create<int>(source.FetchAsync);

        var items = await ToListAsync(pageable);

        Assert.Equal([1, 2, 3, 4, 5, 6, 7], items);
        Assert.Equal([null, "p2", "p3"], source.RequestedTokens);
    }

    [Fact]
    public async Task Create_DoesNotFetchUntilEnumerated()
    {
        var source = new PagedSource();

        var pageable = AsyncPageable.Create<int>(source.FetchAsync);
        Assert.Empty(source.RequestedTokens);

        await foreach (int item in pageable)
        {
            Assert.Equal(1, item);
            break;
        }

        Assert.Equal([null], source.RequestedTokens);
    }

    [Fact]
    public async Task AsPages_ExposesItemsAndContinuationTokens()
    {
        var source = new PagedSource();
        var pageable = AsyncPageable.Create<int>(source.FetchAsync);

        var pages = new List<Page<int>>();
        await foreach (var page in pageable.AsPages())
        {
            pages.Add(page);
        }

        Assert.Equal(3, pages.Count);
        Assert.Equal(["p2", "p3", null], pages.Select(p => p.ContinuationToken));
        Assert.Equal([1, 2, 3], pages[0].Items);
    }

    [Fact]
    public async Task AsPages_FromToken_ResumesThere()
    {
        var source = new PagedSource();
        var pageable = AsyncPageable.Create<int>(source.FetchAsync);

        var items = new List<int>();
        await foreach (var page in pageable.AsPages("p2"))
        {
            items.AddRange(page.Items);
        }

        Assert.Equal([4, 5, 6, 7], items);
        Assert.Equal(["p2", "p3"], source.RequestedTokens);
    }

    [Fact]
    public async Task AsPages_ResumeFromStoredTokenOfInterruptedListing_GetsTheRest()
    {
        var source = new PagedSource();
        var pageable = AsyncPageable.Create<int>(source.FetchAsync);
        string? stored = null;
        await foreach (var page in pageable.AsPages())
        {
            stored = page.ContinuationToken;
            break; // the export is interrupted after the first page
        }

        var rest = new List<int>();
        await foreach (var page in AsyncPageable.Create<int>(source.FetchAsync).AsPages(stored))
        {
            rest.AddRange(page.Items);
        }

        Assert.Equal("p2", stored);
        Assert.Equal([4, 5, 6, 7], rest);
    }

    [Fact]
    public async Task DefaultContinuationToken_IsWhereEnumerationAndAsPagesStart()
    {
        var source = new PagedSource();
        var pageable = AsyncPageable.Create<int>(source.FetchAsync, defaultContinuationToken: "p3");

        var items = await ToListAsync(pageable);
        var pages = new List<Page<int>>();
        await foreach (var page in pageable.AsPages())
        {
            pages.Add(page);
        }

        Assert.Equal([7], items);
        Assert.Single(pages);
        Assert.Equal(["p3", "p3"], source.RequestedTokens);
    }

    [Fact]
    public async Task PageSize_DefaultAndHint_ArePassedToFetch()
    {
        var source = new PagedSource();
        var pageable = AsyncPageable.Create<int>(source.FetchAsync, defaultPageSize: 50);

        await ToListAsync(pageable);
        await foreach (var _ in pageable.AsPages(pageSizeHint: 10))
        {
        }

        await foreach (var _ in AsyncPageable.Create<int>(source.FetchAsync).AsPages())
        {
        }

        Assert.Equal([50, 50, 50, 10, 10, 10, null, null, null], source.RequestedSizes);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public async Task AsPages_NonPositivePageSize_ThrowsArgumentOutOfRange(int size)
    {
        var source = new PagedSource();
        var pageable = AsyncPageable.Create<int>(source.FetchAsync);

        var ex = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () =>
        {
            await foreach (var _ in pageable.AsPages(pageSizeHint: size))
            {
            }
        });

        Assert.Contains("page size must be positive", ex.Message, StringComparison.Ordinal);
        Assert.Empty(source.RequestedTokens);
    }

    [Fact]
    public async Task Enumerate_ProviderRepeatsToken_ThrowsInvalidOperationAfterYieldingThePage()
    {
        int calls = 0;
        var pageable = AsyncPageable.Create<int>((token, _, _) =>
        {
            calls++;
            return ValueTask.FromResult(token is null ? new Page<int>([1], "same") : new Page<int>([2], "same"));
        });

        var seen = new List<int>();
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await foreach (int item in pageable)
            {
                seen.Add(item);
            }
        });

        Assert.Contains("same continuation token twice", ex.Message, StringComparison.Ordinal);
        Assert.Equal([1, 2], seen);
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task Enumerate_CancelledToken_ThrowsOperationCanceledAndStopsFetching()
    {
        var source = new PagedSource();
        var pageable = AsyncPageable.Create<int>(source.FetchAsync);
        using var cts = new CancellationTokenSource();

        var seen = new List<int>();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (int item in pageable.WithCancellation(cts.Token))
            {
                seen.Add(item);
                if (item == 3)
                {
                    await cts.CancelAsync();
                }
            }
        });

        Assert.Equal([1, 2, 3], seen);
        Assert.Equal([null], source.RequestedTokens);
    }

    [Fact]
    public async Task Enumerate_TokenReachesFetch()
    {
        using var cts = new CancellationTokenSource();
        CancellationToken seen = default;
        var pageable = AsyncPageable.Create<int>((_, _, ct) =>
        {
            seen = ct;
            return ValueTask.FromResult(new Page<int>([1], null));
        });

        await foreach (var _ in pageable.WithCancellation(cts.Token))
        {
        }

        Assert.True(seen.CanBeCanceled);
        await cts.CancelAsync();
        Assert.True(seen.IsCancellationRequested);
    }

    [Fact]
    public async Task Enumerate_CreationTokenCancelled_ThrowsBeforeFetching()
    {
        var source = new PagedSource();
        using var cts = new CancellationTokenSource();
        var pageable = AsyncPageable.Create<int>(source.FetchAsync, cancellationToken: cts.Token);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ToListAsync(pageable));
        Assert.Empty(source.RequestedTokens);
    }

    [Fact]
    public async Task Enumerate_CreationTokenCancelledMidway_StopsEvenWithAnEnumerationToken()
    {
        var source = new PagedSource();
        using var creation = new CancellationTokenSource();
        using var enumeration = new CancellationTokenSource();
        var pageable = AsyncPageable.Create<int>(source.FetchAsync, cancellationToken: creation.Token);

        var seen = new List<int>();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (int item in pageable.WithCancellation(enumeration.Token))
            {
                seen.Add(item);
                await creation.CancelAsync();
            }
        });

        Assert.Equal([1, 2, 3], seen);
        Assert.Equal([null], source.RequestedTokens);
        Assert.False(enumeration.IsCancellationRequested);
    }

    [Fact]
    public async Task AsPages_WithCancellation_CancelledBeforeStart_Throws()
    {
        var source = new PagedSource();
        var pageable = AsyncPageable.Create<int>(source.FetchAsync);
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in pageable.AsPages("p2").WithCancellation(cts.Token))
            {
            }
        });
        Assert.Empty(source.RequestedTokens);
    }

    [Fact]
    public async Task Empty_HasNoItemsAndOneEmptyPage()
    {
        var pageable = AsyncPageable.Empty<string>();

        var pages = new List<Page<string>>();
        await foreach (var page in pageable.AsPages())
        {
            pages.Add(page);
        }

        Assert.Empty(await ToListAsync(pageable));
        Assert.Single(pages);
        Assert.Empty(pages[0].Items);
        Assert.Null(pages[0].ContinuationToken);
    }

    [Fact]
    public void Create_NullFetch_ThrowsArgumentNullException()
    {
        var ex = Assert.Throws<ArgumentNullException>(() => AsyncPageable.Create<int>(null!));

        Assert.Equal("fetchPage", ex.ParamName);
    }

    [Fact]
    public async Task BaseGetAsyncEnumerator_StreamsAcrossPagesOfADerivedPageable()
    {
        var pageable = new TwoPagePageable();

        Assert.Equal(["a", "b", "c"], await ToListAsync(pageable));
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (T item in source)
        {
            list.Add(item);
        }

        return list;
    }

    // Three pages: [1,2,3] -> "p2" -> [4,5,6] -> "p3" -> [7] -> end.
    private sealed class PagedSource
    {
        public List<string?> RequestedTokens { get; } = [];

        public List<int?> RequestedSizes { get; } = [];

        public ValueTask<Page<int>> FetchAsync(string? token, int? size, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            RequestedTokens.Add(token);
            RequestedSizes.Add(size);
            return ValueTask.FromResult(token switch
            {
                null => new Page<int>([1, 2, 3], "p2"),
                "p2" => new Page<int>([4, 5, 6], "p3"),
                "p3" => new Page<int>([7], null),
                _ => throw new ArgumentException($"Unknown token {token}.", nameof(token)),
            });
        }
    }

    private sealed class TwoPagePageable : AsyncPageable<string>
    {
        public override async IAsyncEnumerable<Page<string>> AsPages(string? continuationToken = null, int? pageSizeHint = null)
        {
            await Task.Yield();
            yield return new Page<string>(["a", "b"], "next");
            yield return new Page<string>(["c"], null);
        }
    }
}
