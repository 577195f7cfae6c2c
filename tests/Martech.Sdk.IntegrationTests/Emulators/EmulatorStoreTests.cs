using Martech.Sdk.Testing;

namespace Martech.Sdk.IntegrationTests.Emulators;

public class EmulatorStoreTests
{
    [Fact]
    public void Create_AssignsSequentialPrefixedIds()
    {
        var store = new EmulatorStore<Item>("C");

        Item first = store.Create(id => new Item(id, "a", DateTimeOffset.UnixEpoch));
        string second = store.Add(new Item("ignored", "b", DateTimeOffset.UnixEpoch));

        Assert.Equal("C1", first.Id);
        Assert.Equal("C2", second);
        Assert.True(store.TryGet("C2", out Item? found));
        Assert.Equal("b", found.Name);
        Assert.Equal(2, store.Count);
    }

    [Fact]
    public void GetPage_ChainsCursorsAcrossPages_LastPageHasNoCursor()
    {
        EmulatorStore<string> store = StoreOf("a", "b", "c", "d", "e");

        var pages = new List<EmulatorPage<string>>();
        string? cursor = null;
        do
        {
            EmulatorPage<string> page = store.GetPage(cursor, 2);
            pages.Add(page);
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        Assert.Equal([["a", "b"], ["c", "d"], ["e"]], pages.Select(p => p.Items.ToArray()));
        Assert.All(pages, p => Assert.Equal(5, p.Total));
        Assert.Null(pages[^1].NextCursor);
    }

    [Fact]
    public void GetPage_ExactlyFullLastPage_HasNoCursor()
    {
        EmulatorStore<string> store = StoreOf("a", "b");

        EmulatorPage<string> page = store.GetPage(null, 2);

        Assert.Equal(["a", "b"], page.Items);
        Assert.Null(page.NextCursor);
    }

    [Fact]
    public void GetPage_ItemsAddedAndRemovedWhilePaging_NoRepeatsOrSkipsOfItemsThatStay()
    {
        EmulatorStore<string> store = StoreOf("a", "b", "c", "d");
        EmulatorPage<string> first = store.GetPage(null, 2);

        Assert.True(store.TryRemove("3", out string? removed)); // "c", the next page's first item
        store.Add("e");
        store.Set("1", "A"); // replaced in place: keeps its position
        EmulatorPage<string> second = store.GetPage(first.NextCursor, 2);

        Assert.Equal("c", removed);
        Assert.Equal(["a", "b"], first.Items);
        Assert.Equal(["d", "e"], second.Items);
        Assert.Null(second.NextCursor);
        Assert.Equal(["A", "b", "d", "e"], store.Items);
    }

    [Fact]
    public void GetPage_Filter_PagesAndCountsOnlyMatches()
    {
        EmulatorStore<string> store = StoreOf("a1", "b1", "a2", "b2", "a3");

        EmulatorPage<string> first = store.GetPage(null, 2, s => s.StartsWith('a'));
        EmulatorPage<string> second = store.GetPage(first.NextCursor, 2, s => s.StartsWith('a'));

        Assert.Equal(["a1", "a2"], first.Items);
        Assert.Equal(3, first.Total);
        Assert.Equal(["a3"], second.Items);
        Assert.Null(second.NextCursor);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("0")]
    [InlineData("99")]
    [InlineData(" 2")]
    public void TryGetPage_CursorNotIssuedByTheStore_ReturnsFalse(string cursor)
    {
        EmulatorStore<string> store = StoreOf("a", "b", "c");

        Assert.False(store.TryGetPage(cursor, 2, out EmulatorPage<string>? page));
        Assert.Null(page);
        Assert.Throws<ArgumentException>(nameof(cursor), () => store.GetPage(cursor, 2));
    }

    [Fact]
    public void GetPage_EmptyStore_EmptyPage()
    {
        var store = new EmulatorStore<string>();

        EmulatorPage<string> page = store.GetPage("", 10);

        Assert.Empty(page.Items);
        Assert.Null(page.NextCursor);
        Assert.Equal(0, page.Total);
    }

    [Fact]
    public void GetPage_LimitZero_ThrowsNamingLimit()
    {
        Assert.Throws<ArgumentOutOfRangeException>("limit", () => new EmulatorStore<string>().GetPage(null, 0));
    }

    [Fact]
    public void TryAdd_ExplicitId_TakenIdFails_GeneratedIdsSkipIt()
    {
        var store = new EmulatorStore<string>("u");

        Assert.True(store.TryAdd("u2", "explicit"));
        Assert.False(store.TryAdd("u2", "again"));
        Assert.Equal("u3", store.Add("generated"));
        Assert.Equal(["explicit", "generated"], store.Items);
        Assert.Throws<ArgumentException>("id", () => store.TryAdd("", "x"));
    }

    [Fact]
    public void TryUpdate_ReplacesAtomically_MissingIdReturnsFalse()
    {
        EmulatorStore<string> store = StoreOf("a");

        Assert.True(store.TryUpdate("1", s => s + "!", out string? updated));
        Assert.False(store.TryUpdate("2", s => s, out _));

        Assert.Equal("a!", updated);
        Assert.True(store.TryGet("1", out string? stored));
        Assert.Equal("a!", stored);
    }

    [Fact]
    public void IdComparer_CaseInsensitive_FindsEitherCase()
    {
        var store = new EmulatorStore<string>("ID", StringComparer.OrdinalIgnoreCase);
        store.Add("x");

        Assert.True(store.TryGet("id1", out _));
    }

    [Fact]
    public void Clear_RemovesItems_IdsKeepCounting()
    {
        EmulatorStore<string> store = StoreOf("a", "b");

        store.Clear();

        Assert.Equal(0, store.Count);
        Assert.Equal("3", store.Add("c"));
    }

    [Fact]
    public async Task Create_Concurrently_GivesUniqueIdsAndKeepsEveryItem()
    {
        var store = new EmulatorStore<string>();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(() =>
        {
            for (int i = 0; i < 250; i++)
            {
                store.Add($"{t}-{i}");
            }
        })));

        Assert.Equal(2000, store.Count);
        var all = new List<string>();
        string? cursor = null;
        do
        {
            EmulatorPage<string> page = store.GetPage(cursor, 300);
            all.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        Assert.Equal(2000, all.Distinct().Count());
    }

    private static EmulatorStore<string> StoreOf(params string[] items)
    {
        var store = new EmulatorStore<string>();
        foreach (string item in items)
        {
            store.Add(item);
        }

        return store;
    }
}
