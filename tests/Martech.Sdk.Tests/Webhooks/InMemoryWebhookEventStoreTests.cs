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
}
