using Martech.Sdk.Testing;

namespace Martech.Sdk.Tests.Webhooks;

/// <summary>What every <see cref="IWebhookEventStore"/> must do; run against the in-memory store here and against the
/// SQLite store in the integration tests.</summary>
public abstract class WebhookEventStoreContract
{
    private protected ManualTimeProvider Clock { get; } = new();

    protected abstract IWebhookEventStore CreateStore(TimeSpan dedupeWindow);

    protected static EmailEvent Event(string id, string provider = "SendGrid") =>
        new() { Id = id, Provider = provider, Type = EmailEventType.Delivered, Recipient = EmailAddress.Parse("ada@example.com"), RawUtf8 = """{"e":1}"""u8.ToArray() };

    [Fact]
    public async Task Add_NewAndDuplicateKeys_AreToldApart_WithinOneCallToo()
    {
        IWebhookEventStore store = CreateStore(TimeSpan.FromHours(1));

        IReadOnlyList<bool> first = await store.AddAsync([Event("a"), Event("b"), Event("a")]);
        IReadOnlyList<bool> second = await store.AddAsync([Event("b"), Event("c"), Event("a", "Mailgun")]);

        Assert.Equal([true, true, false], first);
        Assert.Equal([false, true, true], second);
        Assert.Equal(new WebhookStoreCounts(4, 0, 0, 0), await store.CountAsync());
    }

    [Fact]
    public async Task Lease_GivesOldestDueFirst_CountsAttempts_AndKeepsTheEvent()
    {
        IWebhookEventStore store = CreateStore(TimeSpan.FromHours(1));
        await store.AddAsync([Event("a"), Event("b"), Event("c")]);

        IReadOnlyList<WebhookEventRecord> leased = await store.LeaseAsync(2, TimeSpan.FromMinutes(1));

        Assert.Equal(["SendGrid:a", "SendGrid:b"], leased.Select(r => r.Key));
        Assert.All(leased, r => Assert.Equal((1, WebhookEventState.Leased), (r.Attempts, r.State)));
        var e = Assert.IsType<EmailEvent>(leased[0].Event);
        Assert.Equal(("a", 1), (e.Id, e.Raw.GetProperty("e").GetInt32()));
        Assert.Equal(["SendGrid:c"], (await store.LeaseAsync(5, TimeSpan.FromMinutes(1))).Select(r => r.Key));
        Assert.Empty(await store.LeaseAsync(5, TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public async Task Complete_IsKeptForDedupe_ThenForgottenAfterTheWindow()
    {
        IWebhookEventStore store = CreateStore(TimeSpan.FromMinutes(30));
        await store.AddAsync([Event("a")]);
        WebhookEventRecord record = Assert.Single(await store.LeaseAsync(1, TimeSpan.FromMinutes(1)));

        Assert.True(await store.CompleteAsync(record, WebhookEventState.Handled));
        Assert.Equal([false], await store.AddAsync([Event("a")]));
        Clock.Advance(TimeSpan.FromHours(2));
        await store.AddAsync([Event("z")]);

        Assert.Equal([true], await store.AddAsync([Event("a")]));
    }

    [Fact]
    public async Task Retry_MakesItDueLater_WithTheError()
    {
        IWebhookEventStore store = CreateStore(TimeSpan.FromHours(1));
        await store.AddAsync([Event("a")]);
        WebhookEventRecord first = Assert.Single(await store.LeaseAsync(1, TimeSpan.FromMinutes(1)));

        Assert.True(await store.RetryAsync(first, Clock.GetUtcNow().AddSeconds(30), "boom"));
        Assert.Empty(await store.LeaseAsync(1, TimeSpan.FromMinutes(1)));
        Clock.Advance(TimeSpan.FromSeconds(31));
        WebhookEventRecord second = Assert.Single(await store.LeaseAsync(1, TimeSpan.FromMinutes(1)));

        Assert.Equal((2, "boom"), (second.Attempts, second.LastError));
    }

    [Fact]
    public async Task ExpiredLease_IsHandedOutAgain_AndTheOldLeaseCannotComplete()
    {
        IWebhookEventStore store = CreateStore(TimeSpan.FromHours(1));
        await store.AddAsync([Event("a")]);
        WebhookEventRecord crashed = Assert.Single(await store.LeaseAsync(1, TimeSpan.FromMinutes(1)));
        Clock.Advance(TimeSpan.FromMinutes(2));

        WebhookEventRecord again = Assert.Single(await store.LeaseAsync(1, TimeSpan.FromMinutes(1)));

        Assert.Equal(2, again.Attempts);
        Assert.False(await store.CompleteAsync(crashed, WebhookEventState.Handled));
        Assert.True(await store.CompleteAsync(again, WebhookEventState.Handled));
    }

    [Fact]
    public async Task Park_ListsIt_AndRequeueReplaysWithAttemptsReset()
    {
        IWebhookEventStore store = CreateStore(TimeSpan.FromHours(1));
        await store.AddAsync([Event("a"), Event("b")]);
        IReadOnlyList<WebhookEventRecord> leased = await store.LeaseAsync(2, TimeSpan.FromMinutes(1));
        await store.ParkAsync(leased[0], "handler keeps failing");
        await store.CompleteAsync(leased[1], WebhookEventState.Handled);

        var parked = new List<WebhookEventRecord>();
        await foreach (WebhookEventRecord r in store.ListAsync(WebhookEventState.Parked))
        {
            parked.Add(r);
        }

        Assert.Equal(("SendGrid:a", "handler keeps failing"), (Assert.Single(parked).Key, parked[0].LastError));
        Assert.Equal(new WebhookStoreCounts(0, 0, 1, 1), await store.CountAsync());
        Assert.True(await store.RequeueAsync("SendGrid:a"));
        Assert.False(await store.RequeueAsync("SendGrid:a"));
        Assert.False(await store.RequeueAsync("SendGrid:nope"));
        WebhookEventRecord replayed = Assert.Single(await store.LeaseAsync(5, TimeSpan.FromMinutes(1)));
        Assert.Equal(("SendGrid:a", 1), (replayed.Key, replayed.Attempts));
    }

    [Fact]
    public async Task Versions_AdvanceOnlyForwards_EqualPasses()
    {
        IWebhookEventStore store = CreateStore(TimeSpan.FromHours(1));
        DateTimeOffset t = Clock.GetUtcNow();

        Assert.Null(await store.GetVersionAsync("k"));
        Assert.True(await store.TryAdvanceVersionAsync("k", t));
        Assert.True(await store.TryAdvanceVersionAsync("k", t));
        Assert.False(await store.TryAdvanceVersionAsync("k", t.AddMilliseconds(-1)));
        Assert.True(await store.TryAdvanceVersionAsync("k", t.AddSeconds(5)));
        Assert.Equal(t.AddSeconds(5), await store.GetVersionAsync("k"));
    }
}
