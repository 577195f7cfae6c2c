using static Martech.Sdk.Tests.Slas.SlaTestData;

namespace Martech.Sdk.Tests.Slas;

/// <summary>What every <see cref="ISlaStore"/> must do; a durable store derives a test class from this one.</summary>
public abstract class SlaStoreContract
{
    private static readonly SlaNotificationKey Key = new("first-touch", SlaItemKind.Lead, "L1");

    protected abstract ISlaStore CreateStore();

    [Fact]
    public async Task Append_SkipsEventIdsTheItemHolds_AndKeepsEventsWithoutIds()
    {
        ISlaStore store = CreateStore();
        SlaItemEvent touch = Event(SlaItemEventType.Touched, "2026-12-07T11:00Z") with { Id = "t1" };

        int first = await store.AppendAsync(SlaItemKind.Lead, "L1", [Created("2026-12-07T10:00Z"), touch, touch]);
        int again = await store.AppendAsync(SlaItemKind.Lead, "L1", [touch, Created("2026-12-07T10:00Z")]);
        int otherItem = await store.AppendAsync(SlaItemKind.Contact, "L1", [touch]);

        Assert.Equal((2, 1, 1), (first, again, otherItem));
        Assert.Equal(3, (await store.GetHistoryAsync(SlaItemKind.Lead, "L1")).Count);
        Assert.Empty(await store.GetHistoryAsync(SlaItemKind.Lead, "unknown"));
    }

    [Fact]
    public async Task ListItems_AllOrOneKind_WithTheirHistories()
    {
        ISlaStore store = CreateStore();
        await store.AppendAsync(SlaItemKind.Lead, "L1", [Created("2026-12-07T10:00Z")]);
        await store.AppendAsync(SlaItemKind.Conversation, "C1", [Event(SlaItemEventType.MessageReceived, "2026-12-07T10:00Z")]);

        List<SlaItem> all = [];
        await foreach (SlaItem item in store.ListItemsAsync())
        {
            all.Add(item);
        }

        List<SlaItem> conversations = [];
        await foreach (SlaItem item in store.ListItemsAsync(SlaItemKind.Conversation))
        {
            conversations.Add(item);
        }

        Assert.Equal(["conversation C1", "lead L1"], all.Select(i => i.ToString()).Order());
        Assert.Equal(SlaItemEventType.MessageReceived, Assert.Single(Assert.Single(conversations).History).Type);
    }

    [Fact]
    public async Task FindByEmail_MatchesTheLatestAddressIgnoringCase()
    {
        ISlaStore store = CreateStore();
        await store.AppendAsync(SlaItemKind.Lead, "L1", [Created("2026-12-07T10:00Z") with { Email = EmailAddress.Parse("old@example.com") }]);
        await store.AppendAsync(SlaItemKind.Lead, "L1", [new SlaItemEvent { Type = SlaItemEventType.Changed, OccurredAt = At("2026-12-07T11:00Z"), Email = EmailAddress.Parse("new@example.com") }]);

        Assert.Equal("L1", Assert.Single(await store.FindByEmailAsync(EmailAddress.Parse("NEW@example.com"))).Id);
        Assert.Empty(await store.FindByEmailAsync(EmailAddress.Parse("old@example.com")));
    }

    [Fact]
    public async Task TrySetNotification_IsACompareAndSet_AndNullRemoves()
    {
        ISlaStore store = CreateStore();
        var pending = new SlaNotificationState(1, null, false);
        var breached = new SlaNotificationState(1, SlaTransitionKind.Breached, false);

        Assert.True(await store.TrySetNotificationAsync(Key, null, pending));
        Assert.False(await store.TrySetNotificationAsync(Key, null, breached));
        Assert.True(await store.TrySetNotificationAsync(Key with { Policy = "FIRST-TOUCH" }, pending, breached));
        Assert.Equal(breached, await store.GetNotificationAsync(Key));
        Assert.False(await store.TrySetNotificationAsync(Key, pending, null));
        Assert.True(await store.TrySetNotificationAsync(Key, breached, null));
        Assert.Null(await store.GetNotificationAsync(Key));
    }

    [Fact]
    public async Task TrySetNotification_UnderContention_ExactlyOneClaimWins()
    {
        ISlaStore store = CreateStore();
        await store.TrySetNotificationAsync(Key, null, new SlaNotificationState(1, SlaTransitionKind.AtRisk, false));
        SlaNotificationState? seen = await store.GetNotificationAsync(Key);

        bool[] wins = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(() => store.TrySetNotificationAsync(Key, seen, new SlaNotificationState(1, SlaTransitionKind.Breached, false)))));

        Assert.Equal(1, wins.Count(w => w));
    }
}

/// <summary>The contract, against <see cref="InMemorySlaStore"/>.</summary>
public sealed class InMemorySlaStoreTests : SlaStoreContract
{
    protected override ISlaStore CreateStore() => new InMemorySlaStore();

    [Fact]
    public async Task RemoveItem_DropsItsHistory_ItsEmailEntry_AndItsNotificationStates()
    {
        var store = new InMemorySlaStore();
        EmailAddress ada = EmailAddress.Parse("ada@example.com");
        await store.AppendAsync(SlaItemKind.Lead, "L1", [Created("2026-12-07T10:00Z") with { Email = ada }]);
        await store.AppendAsync(SlaItemKind.Contact, "C1", [Created("2026-12-07T10:00Z") with { Email = ada }]);
        await store.TrySetNotificationAsync(new SlaNotificationKey("a", SlaItemKind.Lead, "L1"), null, new SlaNotificationState(1, null, true));
        await store.TrySetNotificationAsync(new SlaNotificationKey("b", SlaItemKind.Lead, "L1"), null, new SlaNotificationState(1, null, true));
        await store.TrySetNotificationAsync(new SlaNotificationKey("a", SlaItemKind.Contact, "C1"), null, new SlaNotificationState(1, null, true));

        bool removed = await store.RemoveItemAsync(SlaItemKind.Lead, "L1");
        bool again = await store.RemoveItemAsync(SlaItemKind.Lead, "L1");

        Assert.Equal((true, false), (removed, again));
        Assert.Equal((1, 1), (store.ItemCount, store.NotificationCount));
        Assert.Equal("C1", Assert.Single(await store.FindByEmailAsync(ada)).Id);
        Assert.Empty(await store.GetHistoryAsync(SlaItemKind.Lead, "L1"));
    }
}
