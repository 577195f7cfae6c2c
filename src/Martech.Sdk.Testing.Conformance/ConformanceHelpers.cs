using Xunit;

namespace Martech.Sdk.Testing.Conformance;

/// <summary>Reading and checking listings and bulk results, shared by the conformance suites.</summary>
internal static class ConformanceHelpers
{
    // Bounds every read so a provider whose paging never ends fails the test instead of hanging it.
    private const int MaxItems = 10_000;
    private const int MaxPages = 1_000;

    /// <summary>Reads a whole stream, failing when it runs past <see cref="MaxItems"/>.</summary>
    public static async Task<List<T>> ReadAllAsync<T>(IAsyncEnumerable<T> source, CancellationToken cancellationToken = default)
    {
        var items = new List<T>();
        await foreach (T item in source.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            items.Add(item);
            Assert.True(items.Count <= MaxItems, $"The listing yielded more than {MaxItems} items; its paging probably never ends.");
        }

        return items;
    }

    /// <summary>Reads every page of a listing, failing when it runs past <see cref="MaxPages"/>.</summary>
    public static async Task<List<Page<T>>> ReadPagesAsync<T>(IAsyncEnumerable<Page<T>> pages)
    {
        var all = new List<Page<T>>();
        await foreach (Page<T> page in pages.ConfigureAwait(false))
        {
            Assert.NotNull(page);
            Assert.NotNull(page.Items);
            all.Add(page);
            Assert.True(all.Count <= MaxPages, $"The listing yielded more than {MaxPages} pages; its paging probably never ends.");
        }

        return all;
    }

    /// <summary>Checks that pages hold at most <paramref name="maxPageSize"/> items, that every page but the last
    /// carries a continuation token and that the last carries none.</summary>
    public static void AssertChained<T>(IReadOnlyList<Page<T>> pages, int maxPageSize)
    {
        Assert.NotEmpty(pages);
        for (int i = 0; i < pages.Count; i++)
        {
            Page<T> page = pages[i];
            Assert.True(page.Items.Count <= maxPageSize, $"Page {i} holds {page.Items.Count} items; {maxPageSize} were asked for at most.");
            if (i < pages.Count - 1)
            {
                Assert.False(string.IsNullOrEmpty(page.ContinuationToken), $"Page {i} is not the last but has no continuation token.");
            }
            else
            {
                Assert.Null(page.ContinuationToken);
            }
        }
    }

    /// <summary>Checks that a bulk result has exactly one outcome per input, indexed in input order.</summary>
    public static void AssertOneOutcomePerInput<T>(BulkResult<T> result, int inputCount)
    {
        Assert.NotNull(result);
        Assert.Equal(inputCount, result.Items.Count);
        for (int i = 0; i < inputCount; i++)
        {
            Assert.NotNull(result.Items[i]);
            Assert.Equal(i, result.Items[i].Index);
        }
    }

    /// <summary>Checks that an outcome failed and says why.</summary>
    public static void AssertFailedWithReason<T>(BulkItemResult<T> item)
    {
        Assert.Equal(BulkItemStatus.Failed, item.Status);
        Assert.False(item.IsSuccess);
        Assert.NotNull(item.Error);
        Assert.False(string.IsNullOrWhiteSpace(item.Error.Message), $"Item {item.Index} failed without a reason.");
    }

    /// <summary>Checks the progress reports of a bulk call run with one batch in flight at a time: every report
    /// counts all inputs, completion never goes back, and the last report has every item complete.</summary>
    public static void AssertProgressCompleted(RecordingProgress progress, int total, int failed)
    {
        IReadOnlyList<BulkProgress> reports = progress.Reports;
        Assert.NotEmpty(reports);
        int previous = 0;
        foreach (BulkProgress report in reports)
        {
            Assert.Equal(total, report.Total);
            Assert.InRange(report.Completed, previous, total);
            Assert.InRange(report.Failed, 0, report.Completed);
            previous = report.Completed;
        }

        Assert.Equal(total, reports[^1].Completed);
        Assert.Equal(failed, reports[^1].Failed);
    }

    /// <summary>A token that is already cancelled.</summary>
    public static CancellationToken Cancelled => new(canceled: true);
}
