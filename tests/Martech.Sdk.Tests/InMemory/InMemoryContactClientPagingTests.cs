using System.Text;

namespace Martech.Sdk.Tests.InMemory;

public class InMemoryContactClientPagingTests
{
    private readonly InMemoryHarness _h = new();

    [Fact]
    public async Task ListAsync_SevenContactsPageSizeThree_ThreePagesInCreationOrder()
    {
        await AddContactsAsync(7);

        var pages = await InMemoryHarness.ReadPagesAsync(_h.Contacts.ListAsync(new ContactListOptions { PageSize = 3 }));

        Assert.Equal([3, 3, 1], pages.Select(p => p.Items.Count));
        Assert.NotNull(pages[0].ContinuationToken);
        Assert.NotNull(pages[1].ContinuationToken);
        Assert.Null(pages[2].ContinuationToken);
        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"user{i}@example.com"), pages.SelectMany(p => p.Items).Select(c => c.Email?.Value));
    }

    [Fact]
    public async Task ListAsync_ExactMultipleOfPageSize_NoTrailingEmptyPage()
    {
        await AddContactsAsync(6);

        var pages = await InMemoryHarness.ReadPagesAsync(_h.Contacts.ListAsync(new ContactListOptions { PageSize = 3 }));

        Assert.Equal([3, 3], pages.Select(p => p.Items.Count));
    }

    [Fact]
    public async Task ListAsync_ResumeFromToken_ContinuesWhereItStopped()
    {
        await AddContactsAsync(10);
        var first = await InMemoryHarness.ReadPagesAsync(_h.Contacts.ListAsync(new ContactListOptions { PageSize = 4 }));
        string token = first[0].ContinuationToken!;

        var resumed = await InMemoryHarness.ReadAllAsync(_h.Contacts.ListAsync(new ContactListOptions { PageSize = 4, ContinuationToken = token }));
        var viaAsPages = await InMemoryHarness.ReadPagesAsync(_h.Contacts.ListAsync(), token, 4);

        Assert.Equal(Enumerable.Range(4, 6).Select(i => $"user{i}@example.com"), resumed.Select(c => c.Email?.Value));
        Assert.Equal(resumed.Select(c => c.Id), viaAsPages.SelectMany(p => p.Items).Select(c => c.Id));
    }

    [Fact]
    public async Task ListAsync_NoPageSize_UsesDefaultAndClampsToMax()
    {
        var h = new InMemoryHarness(o =>
        {
            o.DefaultPageSize = 2;
            o.MaxPageSize = 3;
        });
        for (int i = 0; i < 7; i++)
        {
            await h.AddContactAsync($"user{i}@example.com");
        }

        var byDefault = await InMemoryHarness.ReadPagesAsync(h.Contacts.ListAsync());
        var clamped = await InMemoryHarness.ReadPagesAsync(h.Contacts.ListAsync(new ContactListOptions { PageSize = 1000 }));
        var hinted = await InMemoryHarness.ReadPagesAsync(h.Contacts.ListAsync(), pageSize: 1000);

        Assert.Equal([2, 2, 2, 1], byDefault.Select(p => p.Items.Count));
        Assert.Equal([3, 3, 1], clamped.Select(p => p.Items.Count));
        Assert.Equal([3, 3, 1], hinted.Select(p => p.Items.Count));
    }

    [Fact]
    public async Task ListAsync_MalformedToken_ThrowsNotIssuedByThisProvider()
    {
        string forged = Convert.ToBase64String(Encoding.UTF8.GetBytes("offset=3"));

        var ex = Assert.Throws<ArgumentException>(() => _h.Contacts.ListAsync(new ContactListOptions { ContinuationToken = "not a token!" }));
        var ex2 = Assert.Throws<ArgumentException>(() => _h.Contacts.ListAsync(new ContactListOptions { ContinuationToken = forged }));
        var ex3 = await Assert.ThrowsAsync<ArgumentException>(() => InMemoryHarness.ReadPagesAsync(_h.Contacts.ListAsync(), "garbage"));

        Assert.Contains("is not a continuation token issued by this provider", ex.Message, StringComparison.Ordinal);
        Assert.Contains("is not a continuation token issued by this provider", ex2.Message, StringComparison.Ordinal);
        Assert.Contains("is not a continuation token issued by this provider", ex3.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListAsync_TokenFromAnotherListing_IsRejected()
    {
        for (int i = 0; i < 3; i++)
        {
            await _h.Leads.CreateAsync(new Lead { FirstName = $"L{i}" });
        }

        var leadPages = await InMemoryHarness.ReadPagesAsync(_h.Leads.ListAsync(new LeadListOptions { PageSize = 1 }));

        Assert.Throws<ArgumentException>(() => _h.Contacts.ListAsync(new ContactListOptions { ContinuationToken = leadPages[0].ContinuationToken }));
    }

    [Fact]
    public void ListAsync_NonPositivePageSize_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _h.Contacts.ListAsync(new ContactListOptions { PageSize = 0 }));
    }

    [Fact]
    public async Task ListAsync_ItemsAddedAndDeletedWhileListing_NoDuplicatesOrSkipsOfExistingItems()
    {
        var initial = await AddContactsAsync(9);
        var seen = new List<string>();

        await foreach (var page in _h.Contacts.ListAsync(new ContactListOptions { PageSize = 3 }).AsPages())
        {
            seen.AddRange(page.Items.Select(c => c.Id!));
            if (seen.Count == 3)
            {
                // Upserts that add contacts and update ones already read, and a delete of one already read.
                await _h.AddContactAsync("late1@example.com");
                await _h.Contacts.UpsertAsync(InMemoryHarness.ContactWith("user1@example.com", "Updated"));
                await _h.Contacts.DeleteAsync(initial[0].Id!);
                await _h.AddContactAsync("late2@example.com");
            }
        }

        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.All(initial, c => Assert.Contains(c.Id!, seen));
        Assert.Equal(["c_10", "c_11"], seen.Skip(9));
    }

    [Fact]
    public async Task ListAsync_UpdatedSinceAndLifecycleFilters_AppliedAcrossPages()
    {
        for (int i = 0; i < 6; i++)
        {
            await _h.Contacts.UpsertAsync(new Contact
            {
                Email = InMemoryHarness.Address($"user{i}@example.com"),
                LifecycleStage = i % 2 == 0 ? LifecycleStage.Lead : LifecycleStage.Customer,
            });
        }

        _h.Clock.Advance(TimeSpan.FromDays(1));
        DateTimeOffset since = _h.Clock.GetUtcNow();
        await _h.Contacts.UpsertAsync(new Contact { Email = InMemoryHarness.Address("user2@example.com"), FirstName = "Touched" });
        await _h.Contacts.UpsertAsync(new Contact { Email = InMemoryHarness.Address("user3@example.com"), FirstName = "Touched" });

        var leads = await InMemoryHarness.ReadPagesAsync(_h.Contacts.ListAsync(new ContactListOptions { PageSize = 1, LifecycleStage = LifecycleStage.Lead }));
        var recent = await InMemoryHarness.ReadAllAsync(_h.Contacts.ListAsync(new ContactListOptions { UpdatedSince = since }));
        var recentLeads = await InMemoryHarness.ReadAllAsync(_h.Contacts.ListAsync(new ContactListOptions { UpdatedSince = since, LifecycleStage = LifecycleStage.Lead }));

        Assert.Equal(3, leads.Count);
        Assert.Null(leads[^1].ContinuationToken);
        Assert.Equal(["user0@example.com", "user2@example.com", "user4@example.com"], leads.SelectMany(p => p.Items).Select(c => c.Email?.Value));
        Assert.Equal(["user2@example.com", "user3@example.com"], recent.Select(c => c.Email?.Value));
        Assert.Equal("user2@example.com", Assert.Single(recentLeads).Email?.Value);
    }

    [Fact]
    public async Task ListAsync_Empty_OnePageWithNoToken()
    {
        var pages = await InMemoryHarness.ReadPagesAsync(_h.Contacts.ListAsync());

        var page = Assert.Single(pages);
        Assert.Empty(page.Items);
        Assert.Null(page.ContinuationToken);
    }

    [Fact]
    public async Task ListAsync_ReturnedContacts_AreCopies()
    {
        await _h.AddContactAsync("ada@example.com");

        var listed = Assert.Single(await InMemoryHarness.ReadAllAsync(_h.Contacts.ListAsync()));
        listed.CustomFields.Set("x", 1);

        Assert.Empty((await _h.Contacts.GetAsync("c_1"))!.CustomFields);
    }

    private async Task<List<Contact>> AddContactsAsync(int count)
    {
        var added = new List<Contact>();
        for (int i = 0; i < count; i++)
        {
            added.Add(await _h.AddContactAsync($"user{i}@example.com"));
        }

        return added;
    }
}
