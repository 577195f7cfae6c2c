using Martech.Sdk.Testing;

namespace Martech.Sdk.IntegrationTests.Emulators;

public class EmulatorStoreIndexTests
{
    [Fact]
    public void AddIndex_IndexesItemsAlreadyStored_AndFindsByKeyIgnoringCase()
    {
        var store = new EmulatorStore<Person>();
        store.Add(new Person("Ada@Example.com", "Ada"));

        EmulatorStoreIndex<Person> byEmail = store.AddIndex(p => p.Email, StringComparer.OrdinalIgnoreCase);
        store.Add(new Person("grace@example.com", "Grace"));

        Assert.True(byEmail.TryGetFirst("ada@example.COM", out Person? ada));
        Assert.Equal("Ada", ada.Name);
        Assert.True(byEmail.TryGetFirst("GRACE@example.com", out Person? grace));
        Assert.Equal("Grace", grace.Name);
        Assert.False(byEmail.TryGetFirst("alan@example.com", out _));
    }

    [Fact]
    public void Index_FollowsSetUpdateRemoveAndClear()
    {
        var store = new EmulatorStore<Person>();
        EmulatorStoreIndex<Person> byEmail = store.AddIndex(p => p.Email);
        string id = store.Add(new Person("a@example.com", "A"));

        store.Set(id, new Person("b@example.com", "B"));
        Assert.False(byEmail.TryGetFirst("a@example.com", out _));
        Assert.True(byEmail.TryGetFirst("b@example.com", out _));

        Assert.True(store.TryUpdate(id, p => p with { Email = "c@example.com" }, out _));
        Assert.Empty(byEmail.GetAll("b@example.com"));
        Assert.Single(byEmail.GetAll("c@example.com"));

        Assert.True(store.TryRemove(id, out _));
        Assert.Empty(byEmail.GetAll("c@example.com"));

        store.Add(new Person("d@example.com", "D"));
        store.Clear();
        Assert.Empty(byEmail.GetAll("d@example.com"));
    }

    [Fact]
    public void Index_SharedKey_GivesItemsInCreationOrder_FirstIsOldest()
    {
        var store = new EmulatorStore<Person>();
        EmulatorStoreIndex<Person> byEmail = store.AddIndex(p => p.Email);
        string first = store.Add(new Person("same@example.com", "1"));
        store.Add(new Person("same@example.com", "2"));
        store.Add(new Person("same@example.com", "3"));

        Assert.Equal(["1", "2", "3"], byEmail.GetAll("same@example.com").Select(p => p.Name));

        // Replacing an item keeps its place; removing the oldest makes the next one first.
        store.Set(first, new Person("same@example.com", "1b"));
        Assert.Equal(["1b", "2", "3"], byEmail.GetAll("same@example.com").Select(p => p.Name));
        Assert.True(store.TryRemove(first, out _));
        Assert.True(byEmail.TryGetFirst("same@example.com", out Person? oldest));
        Assert.Equal("2", oldest.Name);
    }

    [Fact]
    public void Index_NullKey_LeavesTheItemOut()
    {
        var store = new EmulatorStore<Person>();
        EmulatorStoreIndex<Person> byEmail = store.AddIndex(p => p.Email);
        store.Add(new Person(null, "No email"));

        Assert.Empty(byEmail.GetAll(string.Empty));
        Assert.Equal(1, store.Count);
    }

    [Fact]
    public void MultiKeyIndex_FindsByAnyKey_AnItemOnceAcrossKeys()
    {
        var store = new EmulatorStore<Person>();
        EmulatorStoreIndex<Person> byAddress = store.AddMultiKeyIndex(p => p.Aliases, StringComparer.OrdinalIgnoreCase);
        store.Add(new Person("a@example.com", "A") { Aliases = ["a@example.com", "A@EXAMPLE.com", "a2@example.com"] });
        store.Add(new Person("b@example.com", "B") { Aliases = ["b@example.com"] });

        Assert.Equal(["A"], byAddress.GetAll("A2@example.com").Select(p => p.Name));
        Assert.Equal(["A", "B"], byAddress.GetAll(["b@example.com", "a@example.com", "a2@example.com"]).Select(p => p.Name));
    }

    [Fact]
    public void TryGetPage_ThroughIndex_PagesAndCountsTheKeysItemsOnly()
    {
        var store = new EmulatorStore<Person>();
        EmulatorStoreIndex<Person> byEmail = store.AddIndex(p => p.Email);
        for (int i = 0; i < 5; i++)
        {
            store.Add(new Person("x@example.com", $"x{i}"));
            store.Add(new Person("y@example.com", $"y{i}"));
        }

        Assert.True(byEmail.TryGetPage(["x@example.com"], null, 2, out EmulatorPage<Person>? first));
        Assert.True(byEmail.TryGetPage(["x@example.com"], first.NextCursor, 2, out EmulatorPage<Person>? second));
        Assert.True(byEmail.TryGetPage(["x@example.com"], second.NextCursor, 2, out EmulatorPage<Person>? third, p => p.Name != "x4"));

        Assert.Equal(["x0", "x1"], first.Items.Select(p => p.Name));
        Assert.Equal(["x2", "x3"], second.Items.Select(p => p.Name));
        Assert.Empty(third.Items);
        Assert.Equal(5, first.Total);
        Assert.Equal(4, third.Total);
        Assert.Null(third.NextCursor);
        Assert.False(byEmail.TryGetPage(["x@example.com"], "999", 2, out _));
    }

    [Fact]
    public void Index_KeyFunctionThrows_StoreUnchanged()
    {
        var store = new EmulatorStore<Person>();
        store.AddIndex(p => p.Name == "bad" ? throw new InvalidOperationException("bad key") : p.Email);
        string id = store.Add(new Person("a@example.com", "A"));

        Assert.Throws<InvalidOperationException>(() => store.Add(new Person("b@example.com", "bad")));
        Assert.Throws<InvalidOperationException>(() => store.Set(id, new Person("c@example.com", "bad")));

        Assert.Equal(1, store.Count);
        Assert.True(store.TryGet(id, out Person? kept));
        Assert.Equal("A", kept.Name);
    }

    [Fact]
    public void GetPage_AfterRemovingMostItems_PagesTheRestInOrderWithTheirCursors()
    {
        var store = new EmulatorStore<Person>();
        var ids = new List<string>();
        for (int i = 0; i < 1000; i++)
        {
            ids.Add(store.Add(new Person(null, i.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        }

        EmulatorPage<Person> before = store.GetPage(null, 10);
        for (int i = 0; i < 1000; i++)
        {
            if (i % 10 != 0)
            {
                Assert.True(store.TryRemove(ids[i], out _));
            }
        }

        var names = new List<string>();
        string? cursor = before.NextCursor;
        do
        {
            EmulatorPage<Person> page = store.GetPage(cursor, 7);
            Assert.Equal(100, page.Total);
            names.AddRange(page.Items.Select(p => p.Name));
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        // The cursor issued before the removals still resumes after the first ten: items 10, 20, … 990.
        Assert.Equal(Enumerable.Range(1, 99).Select(i => (i * 10).ToString(System.Globalization.CultureInfo.InvariantCulture)), names);
        Assert.Equal(100, store.Items.Count);
    }

    private sealed record Person(string? Email, string Name)
    {
        public IReadOnlyList<string> Aliases { get; init; } = [];
    }
}
