namespace Martech.Sdk.Tests.Webhooks;

public sealed class InMemoryWebhookEventStoreTests : WebhookEventStoreContract
{
    protected override IWebhookEventStore CreateStore(TimeSpan dedupeWindow) => new InMemoryWebhookEventStore(100, dedupeWindow, Clock);

    [Fact]
    public async Task Full_OfPendingEvents_Refuses_ButForgetsHandledOnesToMakeRoom()
    {
        var store = new InMemoryWebhookEventStore(3, TimeSpan.FromHours(1), Clock);
        await store.AddAsync([Event("a"), Event("b"), Event("c")]);

        await Assert.ThrowsAsync<WebhookStoreFullException>(() => store.AddAsync([Event("d")]));
        foreach (WebhookEventRecord r in await store.LeaseAsync(2, TimeSpan.FromMinutes(1)))
        {
            await store.CompleteAsync(r, WebhookEventState.Handled);
        }

        Assert.Equal([true, true], await store.AddAsync([Event("d"), Event("e")]));
        Assert.Equal(new WebhookStoreCounts(3, 0, 0, 0), await store.CountAsync());
        await Assert.ThrowsAsync<WebhookStoreFullException>(() => store.AddAsync([Event("f")]));
    }

    [Fact]
    public async Task KeptEvent_OwnsItsRawBytes_InsteadOfPinningTheWholeRequest()
    {
        var store = new InMemoryWebhookEventStore(10, TimeSpan.FromHours(1), Clock);
        byte[] body = new byte[100_000];
        """{"e":1}"""u8.CopyTo(body.AsSpan(10));
        EmailEvent sliced = Event("a") with { RawUtf8 = body.AsMemory(10, 7) };

        await store.AddAsync([sliced]);
        WebhookEventRecord record = Assert.Single(await store.LeaseAsync(1, TimeSpan.FromMinutes(1)));

        Assert.True(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(record.Event.RawUtf8, out ArraySegment<byte> segment));
        Assert.Equal(7, segment.Array!.Length);
        Assert.Equal(1, record.Event.Raw.GetProperty("e").GetInt32());
    }

    [Fact]
    public async Task Versions_RecentlyChangedKeysAreKept_LeastRecentForgottenFirst()
    {
        var store = new InMemoryWebhookEventStore(3, TimeSpan.FromHours(1), Clock);
        DateTimeOffset t = Clock.GetUtcNow();
        await store.TryAdvanceVersionAsync("busy", t);
        await store.TryAdvanceVersionAsync("b", t);
        await store.TryAdvanceVersionAsync("c", t);
        await store.TryAdvanceVersionAsync("busy", t.AddSeconds(1));

        await store.TryAdvanceVersionAsync("d", t);

        Assert.Equal(t.AddSeconds(1), await store.GetVersionAsync("busy"));
        Assert.Null(await store.GetVersionAsync("b"));
    }
}
