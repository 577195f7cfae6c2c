namespace Martech.Sdk.Tests.InMemory;

public class InMemoryContactClientBulkTests
{
    private readonly InMemoryHarness _h = new();

    [Fact]
    public async Task UpsertManyAsync_ThousandWithInvalidItems_EveryItemAccountedForInInputOrder()
    {
        Contact taken = await _h.AddContactAsync("taken@example.com");
        Contact other = await _h.AddContactAsync("other@example.com");
        var input = new Contact?[1000];
        for (int i = 0; i < input.Length; i++)
        {
            input[i] = (i % 10) switch
            {
                7 => null,
                3 => new Contact { FirstName = $"NoKey{i}" },
                _ when i == 500 => new Contact { Id = "c_99999", FirstName = "Ghost" },
                _ when i == 600 => new Contact { Id = other.Id, Email = taken.Email },
                _ when i % 100 == 51 => InMemoryHarness.ContactWith($"user{i - 50}@example.com", $"Second{i}"),
                _ => InMemoryHarness.ContactWith($"user{i}@example.com", $"First{i}"),
            };
        }

        var progress = new RecordingProgress<BulkProgress>();
        var result = await _h.Contacts.UpsertManyAsync(input!, new ContactUpsertOptions { BatchSize = 30, MaxConcurrency = 8, Progress = progress });

        Assert.Equal(1000, result.Items.Count);
        for (int i = 0; i < input.Length; i++)
        {
            var item = result.Items[i];
            Assert.Equal(i, item.Index);
            (BulkItemStatus Status, string? Code) expected = (i % 10) switch
            {
                7 => (BulkItemStatus.Failed, "NULL_ITEM"),
                3 => (BulkItemStatus.Failed, "MISSING_KEY"),
                _ when i == 500 => (BulkItemStatus.Failed, "NOT_FOUND"),
                _ when i == 600 => (BulkItemStatus.Failed, "DUPLICATE_EMAIL"),
                _ when i % 100 == 51 => (BulkItemStatus.Updated, null),
                _ => (BulkItemStatus.Created, null),
            };
            Assert.Equal(expected.Status, item.Status);
            Assert.Equal(expected.Code, item.Error?.Code);
            if (item.IsSuccess)
            {
                Assert.Equal(input[i]!.Email, item.Value!.Email);
            }
            else
            {
                Assert.False(string.IsNullOrWhiteSpace(item.Error!.Message));
            }
        }

        Assert.Equal(788, result.CreatedCount);
        Assert.Equal(10, result.UpdatedCount);
        Assert.Equal(202, result.FailedCount);
        Assert.Equal(790, _h.Store.Contacts.Count);
        Assert.Equal("Email", result.Items[3].Error!.Field);
        Assert.Equal("Email", result.Items[600].Error!.Field);
        Assert.Equal("other@example.com", (await _h.Contacts.GetAsync(other.Id!))!.Email?.Value);

        var reports = progress.Reports;
        Assert.Equal(34, reports.Count);
        Assert.Equal(new BulkProgress(1000, 1000, 202), reports[^1]);
        Assert.True(reports.Zip(reports.Skip(1)).All(p => p.First.Completed < p.Second.Completed && p.First.Failed <= p.Second.Failed));
    }

    [Fact]
    public async Task UpsertManyAsync_SameEmailTwiceAcrossBatches_SecondUpdatesFirstInInputOrder()
    {
        var input = new List<Contact>();
        for (int i = 0; i < 100; i++)
        {
            input.Add(InMemoryHarness.ContactWith($"user{i}@example.com", "First"));
        }

        for (int i = 0; i < 100; i++)
        {
            input.Add(new Contact { Email = InMemoryHarness.Address($"USER{i}@example.com"), FirstName = "Second", Company = "Co" });
        }

        var result = await _h.Contacts.UpsertManyAsync(input, new ContactUpsertOptions { BatchSize = 10, MaxConcurrency = 16 });

        Assert.All(result.Items.Take(100), r => Assert.Equal(BulkItemStatus.Created, r.Status));
        Assert.All(result.Items.Skip(100), r => Assert.Equal(BulkItemStatus.Updated, r.Status));
        Assert.All(result.Items.Skip(100), r => Assert.Equal(result.Items[r.Index - 100].Value!.Id, r.Value!.Id));
        Assert.Equal(100, _h.Store.Contacts.Count);
        Assert.All(_h.Store.Contacts, c => Assert.Equal("Second", c.FirstName));
    }

    [Fact]
    public async Task UpsertManyAsync_EmailMovedByAnEarlierItem_LaterItemSeesTheMove()
    {
        Contact ada = await _h.AddContactAsync("ada@example.com", "Ada");
        Contact?[] input =
        [
            new Contact { Id = ada.Id, Email = InMemoryHarness.Address("ada@engines.example") },
            InMemoryHarness.ContactWith("ada@example.com", "NewAda"),
        ];

        var result = await _h.Contacts.UpsertManyAsync(input!, new ContactUpsertOptions { BatchSize = 1, MaxConcurrency = 2 });

        Assert.Equal(BulkItemStatus.Updated, result.Items[0].Status);
        Assert.Equal(BulkItemStatus.Created, result.Items[1].Status);
        Assert.Equal(2, _h.Store.Contacts.Count);
    }

    [Fact]
    public async Task UpsertManyAsync_BatchSizeAboveMax_ClampedToMaxBatchSize()
    {
        var progress = new RecordingProgress<BulkProgress>();
        var input = Enumerable.Range(0, 250).Select(i => InMemoryHarness.ContactWith($"user{i}@example.com")).ToList();

        await _h.Contacts.UpsertManyAsync(input, new ContactUpsertOptions { BatchSize = 1000, MaxConcurrency = 1, Progress = progress });

        Assert.Equal([100, 200, 250], progress.Reports.Select(p => p.Completed));
    }

    [Fact]
    public async Task UpsertManyAsync_NoBatchSize_UsesMaxBatchSize()
    {
        var h = new InMemoryHarness(o => o.MaxBatchSize = 7);
        var progress = new RecordingProgress<BulkProgress>();
        var input = Enumerable.Range(0, 20).Select(i => InMemoryHarness.ContactWith($"user{i}@example.com")).ToList();

        await h.Contacts.UpsertManyAsync(input, new ContactUpsertOptions { MaxConcurrency = 1, Progress = progress });

        Assert.Equal([7, 14, 20], progress.Reports.Select(p => p.Completed));
    }

    [Fact]
    public async Task UpsertManyAsync_CancelledMidway_ReturnsWithUnprocessedItemsCancelled()
    {
        using var cts = new CancellationTokenSource();
        var progress = new RecordingProgress<BulkProgress>(_ => cts.Cancel());
        var input = Enumerable.Range(0, 100).Select(i => InMemoryHarness.ContactWith($"user{i}@example.com")).ToList();

        var result = await _h.Contacts.UpsertManyAsync(input, new ContactUpsertOptions { BatchSize = 10, MaxConcurrency = 1, Progress = progress }, cts.Token);

        Assert.Equal(100, result.Items.Count);
        Assert.All(result.Items.Take(10), r => Assert.Equal(BulkItemStatus.Created, r.Status));
        Assert.All(result.Items.Skip(10), r =>
        {
            Assert.Equal(BulkItemStatus.Failed, r.Status);
            Assert.Equal("CANCELLED", r.Error!.Code);
            Assert.IsType<OperationCanceledException>(r.Error.Exception);
        });
        Assert.Equal(10, _h.Store.Contacts.Count);
        Assert.Equal(new BulkProgress(100, 100, 90), progress.Reports[^1]);
    }

    [Fact]
    public async Task UpsertManyAsync_MatchById_ItemsWithoutIdFailWithMissingKey()
    {
        Contact ada = await _h.AddContactAsync("ada@example.com");
        Contact[] input = [new Contact { Id = ada.Id, FirstName = "Ada" }, InMemoryHarness.ContactWith("grace@example.com")];

        var result = await _h.Contacts.UpsertManyAsync(input, new ContactUpsertOptions { MatchBy = ContactMatchKey.Id });

        Assert.Equal(BulkItemStatus.Updated, result.Items[0].Status);
        Assert.Equal("MISSING_KEY", result.Items[1].Error?.Code);
        Assert.Equal("Id", result.Items[1].Error?.Field);
    }

    [Fact]
    public async Task UpsertManyAsync_Empty_EmptyResultAndNoProgress()
    {
        var progress = new RecordingProgress<BulkProgress>();

        var result = await _h.Contacts.UpsertManyAsync([], new ContactUpsertOptions { Progress = progress });

        Assert.Empty(result.Items);
        Assert.True(result.IsFullSuccess);
        Assert.Empty(progress.Reports);
    }

    [Fact]
    public async Task UpsertManyAsync_InvalidArguments_ThrowBeforeAnyWork()
    {
        Contact[] input = [InMemoryHarness.ContactWith("ada@example.com")];

        await Assert.ThrowsAsync<ArgumentNullException>(() => _h.Contacts.UpsertManyAsync(null!));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _h.Contacts.UpsertManyAsync(input, new ContactUpsertOptions { BatchSize = 0 }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _h.Contacts.UpsertManyAsync(input, new ContactUpsertOptions { MaxConcurrency = 0 }));
        Assert.Empty(_h.Store.Contacts);
    }

    [Fact]
    public async Task UpsertManyAsync_ConcurrentCalls_AllContactsLand()
    {
        var calls = Enumerable.Range(0, 8).Select(call =>
            _h.Contacts.UpsertManyAsync(
                Enumerable.Range(0, 125).Select(i => InMemoryHarness.ContactWith($"c{call}-{i}@example.com")).ToList(),
                new ContactUpsertOptions { BatchSize = 25, MaxConcurrency = 4 }));

        var results = await Task.WhenAll(calls);

        Assert.All(results, r => Assert.Equal(125, r.CreatedCount));
        Assert.Equal(1000, _h.Store.Contacts.Count);
        Assert.Equal(1000, _h.Store.Contacts.Select(c => c.Id).Distinct().Count());
    }
}
