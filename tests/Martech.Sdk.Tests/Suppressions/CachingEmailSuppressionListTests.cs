using Martech.Sdk.Testing;
using Martech.Sdk.Tests.InMemory;
using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk.Tests.Suppressions;

public sealed class CachingEmailSuppressionListTests : IDisposable
{
    private readonly ManualTimeProvider _clock = new();
    private readonly ServiceProvider _services;
    private readonly InMemoryMartechStore _store;

    public CachingEmailSuppressionListTests()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddMartech().AddInMemory().UseSuppressionCache(o => o.RefreshInterval = TimeSpan.FromMinutes(10));
        _services = services.BuildServiceProvider();
        _store = _services.GetRequiredKeyedService<InMemoryMartechStore>("InMemory");
    }

    private IEmailSuppressionList List => _services.GetRequiredService<IEmailSuppressionList>();

    private CachingEmailSuppressionList Cache => (CachingEmailSuppressionList)List.GetService(typeof(CachingEmailSuppressionList))!;

    public void Dispose() => _services.Dispose();

    private void Seed(params EmailSuppression[] entries)
    {
        foreach (EmailSuppression entry in entries)
        {
            _store.AddSuppression(entry);
        }
    }

    private static EmailSuppression Entry(string email, SuppressionKind kind, string? group = null) =>
        new() { Email = EmailAddress.Parse(email), Kind = kind, GroupId = group };

    [Fact]
    public async Task Find_LoadsTheWholeListOnce_ThenAnswersLocally()
    {
        var counting = new CountingList(new StoreBacked(_store));
        var cache = new CachingEmailSuppressionList(counting, timeProvider: _clock);
        Seed(Entry("a@example.com", SuppressionKind.Bounce), Entry("a@example.com", SuppressionKind.Unsubscribe), Entry("b@example.com", SuppressionKind.SpamReport));

        IReadOnlyList<EmailSuppression> a = await cache.FindAsync(EmailAddress.Parse("A@example.com"));
        IReadOnlyList<EmailSuppression> none = await cache.FindAsync(EmailAddress.Parse("c@example.com"));
        await cache.FindAsync(EmailAddress.Parse("b@example.com"));

        Assert.Equal(["bounce", "unsubscribe"], a.Select(e => e.Kind.Value).Order(StringComparer.Ordinal));
        Assert.Empty(none);
        Assert.Equal((1, 0), (counting.Lists, counting.Finds));
        Assert.Equal(2, cache.Count);
    }

    [Fact]
    public async Task AddAndRemoveThroughTheInstance_ShowAtOnce()
    {
        await List.FindAsync(EmailAddress.Parse("x@example.com"));

        await List.AddAsync([Entry("ada@example.com", SuppressionKind.Unsubscribe)]);
        Assert.Single(await List.FindAsync(EmailAddress.Parse("ada@example.com")));
        await List.RemoveAsync([Entry("ada@example.com", SuppressionKind.Unsubscribe)]);

        Assert.Empty(await List.FindAsync(EmailAddress.Parse("ada@example.com")));
    }

    [Fact]
    public async Task ChangesOutsideTheInstance_ShowInTheBackgroundOnceTheCopyIsHalfTheIntervalOld()
    {
        var counting = new CountingList(new StoreBacked(_store));
        var cache = new CachingEmailSuppressionList(counting, new SuppressionCacheOptions { RefreshInterval = TimeSpan.FromMinutes(10) }, _clock);
        await cache.FindAsync(EmailAddress.Parse("x@example.com"));
        Seed(Entry("late@example.com", SuppressionKind.Bounce));

        _clock.Advance(TimeSpan.FromMinutes(4));
        Assert.Empty(await cache.FindAsync(EmailAddress.Parse("late@example.com")));
        Assert.Equal(1, counting.Lists);
        _clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Empty(await cache.FindAsync(EmailAddress.Parse("late@example.com")));    // answered from the copy, reload started
        await WaitAsync(async () => (await cache.FindAsync(EmailAddress.Parse("late@example.com"))).Count == 1);
        Assert.Equal(2, counting.Lists);
    }

    [Fact]
    public async Task AfterAQuietPeriod_TheFirstLookUpWaitsForAFreshCopy()
    {
        await List.FindAsync(EmailAddress.Parse("x@example.com"));
        Seed(Entry("late@example.com", SuppressionKind.Bounce));

        _clock.Advance(TimeSpan.FromHours(6));

        Assert.Single(await List.FindAsync(EmailAddress.Parse("late@example.com")));
    }

    [Fact]
    public async Task CopyOlderThanTheInterval_VendorDown_LookUpFailsRatherThanAnswerFromIt()
    {
        var flaky = new CountingList(new StoreBacked(_store));
        var cache = new CachingEmailSuppressionList(flaky, new SuppressionCacheOptions { RefreshInterval = TimeSpan.FromMinutes(1) }, _clock);
        Seed(Entry("a@example.com", SuppressionKind.Bounce));
        Assert.Single(await cache.FindAsync(EmailAddress.Parse("a@example.com")));
        flaky.FailLists = true;

        _clock.Advance(TimeSpan.FromMinutes(2));

        await Assert.ThrowsAsync<IOException>(() => cache.FindAsync(EmailAddress.Parse("a@example.com")));
        flaky.FailLists = false;
        Assert.Single(await cache.FindAsync(EmailAddress.Parse("a@example.com")));
    }

    [Fact]
    public async Task WebhookEvents_UpdateTheCopy()
    {
        await List.FindAsync(EmailAddress.Parse("x@example.com"));
        EmailEvent Event(EmailEventType type, EmailBounceKind? bounce = null, string? group = null) =>
            new() { Id = Guid.NewGuid().ToString(), Provider = "InMemory", Type = type, Recipient = EmailAddress.Parse("ada@example.com"), BounceKind = bounce, UnsubscribeGroupId = group };

        Assert.False(Cache.Apply(Event(EmailEventType.Opened)));
        Assert.False(Cache.Apply(Event(EmailEventType.Bounced, EmailBounceKind.Soft)));
        Assert.False(Cache.Apply(Event(EmailEventType.Bounced, EmailBounceKind.Block)));     // not every vendor suppresses these
        Assert.False(Cache.Apply(Event(EmailEventType.Bounced, EmailBounceKind.Unknown)));
        Assert.Empty(await List.FindAsync(EmailAddress.Parse("ada@example.com")));
        Assert.True(Cache.Apply(Event(EmailEventType.Bounced, EmailBounceKind.Hard)));
        Assert.True(Cache.Apply(Event(EmailEventType.GroupUnsubscribed, group: "42")));
        Assert.Equal(2, (await List.FindAsync(EmailAddress.Parse("ada@example.com"))).Count);
        Assert.True(Cache.Apply(Event(EmailEventType.GroupResubscribed, group: "42")));

        Assert.Equal(SuppressionKind.Bounce, Assert.Single(await List.FindAsync(EmailAddress.Parse("ada@example.com"))).Kind);
    }

    [Fact]
    public async Task WebhookHandler_FeedsTheReceivingInstancesCache()
    {
        var services = new ServiceCollection();
        services.AddMartech().AddInMemory().UseSuppressionCache().Martech.AddWebhooks();
        await using ServiceProvider sp = services.BuildServiceProvider();
        IEmailSuppressionList list = sp.GetRequiredService<IEmailSuppressionList>();
        await list.FindAsync(EmailAddress.Parse("x@example.com"));

        foreach (IMartechEventHandler<EmailEvent> handler in sp.CreateScope().ServiceProvider.GetServices<IMartechEventHandler<EmailEvent>>())
        {
            await handler.HandleAsync(new EmailEvent { Id = "1", Provider = "InMemory", Type = EmailEventType.SpamReport, Recipient = EmailAddress.Parse("ada@example.com") }, new MartechEventContext("InMemory:1", 1, DateTimeOffset.UtcNow));
        }

        Assert.Equal(SuppressionKind.SpamReport, Assert.Single(await list.FindAsync(EmailAddress.Parse("ada@example.com"))).Kind);
    }

    [Fact]
    public async Task FirstLoadFailure_IsThrown_BackgroundFailureKeepsTheCopyAndRetriesLater()
    {
        var flaky = new CountingList(new StoreBacked(_store)) { FailLists = true };
        var cache = new CachingEmailSuppressionList(flaky, new SuppressionCacheOptions { RefreshInterval = TimeSpan.FromMinutes(2) }, _clock);
        Seed(Entry("a@example.com", SuppressionKind.Bounce));

        await Assert.ThrowsAsync<IOException>(() => cache.FindAsync(EmailAddress.Parse("a@example.com")));
        flaky.FailLists = false;
        Assert.Single(await cache.FindAsync(EmailAddress.Parse("a@example.com")));
        Assert.Equal(2, flaky.Lists);
        flaky.FailLists = true;
        _clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Single(await cache.FindAsync(EmailAddress.Parse("a@example.com")));      // half the interval: background reload
        await WaitAsync(() => Task.FromResult(flaky.Lists == 3));
        Assert.Single(await cache.FindAsync(EmailAddress.Parse("a@example.com")));      // it failed: the copy stays, no retry yet
        Assert.Equal(3, flaky.Lists);
        _clock.Advance(TimeSpan.FromSeconds(31));
        await cache.FindAsync(EmailAddress.Parse("a@example.com"));
        await WaitAsync(() => Task.FromResult(flaky.Lists == 4));
    }

    [Fact]
    public async Task UnknownOutcomes_AddIsKeptRemoveIsNot_AndAReloadFollowsSoon()
    {
        var vendor = new ScriptedList { Entries = { Entry("kept@example.com", SuppressionKind.Unsubscribe) } };
        var cache = new CachingEmailSuppressionList(vendor, new SuppressionCacheOptions { RefreshInterval = TimeSpan.FromMinutes(10) }, _clock);
        await cache.FindAsync(EmailAddress.Parse("x@example.com"));

        vendor.Outcome = BulkItemStatus.Unknown;
        await cache.AddAsync([Entry("maybe@example.com", SuppressionKind.Unsubscribe)]);
        await cache.RemoveAsync([Entry("kept@example.com", SuppressionKind.Unsubscribe)]);

        Assert.Single(await cache.FindAsync(EmailAddress.Parse("maybe@example.com")));  // withheld rather than mailed
        Assert.Single(await cache.FindAsync(EmailAddress.Parse("kept@example.com")));   // the vendor may still have it
        Assert.Equal(1, vendor.Lists);
        _clock.Advance(TimeSpan.FromSeconds(11));
        await cache.FindAsync(EmailAddress.Parse("x@example.com"));

        // The vendor's truth (the scripted vendor made neither change) replaces the guesses.
        await WaitAsync(async () => (await cache.FindAsync(EmailAddress.Parse("maybe@example.com"))).Count == 0);
        Assert.Single(await cache.FindAsync(EmailAddress.Parse("kept@example.com")));
        Assert.Equal(2, vendor.Lists);
    }

    [Fact]
    public async Task Remove_UsesWhatTheVendorSaysItRemoved()
    {
        var vendor = new ScriptedList
        {
            Normalise = e => e with { GroupId = "outbound" },
            Entries = { Entry("ada@example.com", SuppressionKind.Manual, "outbound"), Entry("ada@example.com", SuppressionKind.Manual, "broadcast") },
        };
        var cache = new CachingEmailSuppressionList(vendor, timeProvider: _clock);
        await cache.FindAsync(EmailAddress.Parse("x@example.com"));

        await cache.RemoveAsync([Entry("ada@example.com", SuppressionKind.Manual)]);         // no stream: the vendor's default one

        Assert.Equal("broadcast", Assert.Single(await cache.FindAsync(EmailAddress.Parse("ada@example.com"))).GroupId);
    }

    [Fact]
    public void Options_RefreshIntervalOutOfRange_IsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ServiceCollection().AddMartech().AddInMemory().UseSuppressionCache(o => o.RefreshInterval = TimeSpan.Zero));
    }

    private static async Task WaitAsync(Func<Task<bool>> condition)
    {
        for (int i = 0; i < 200; i++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(10);
        }

        Assert.Fail("The condition did not become true.");
    }

    /// <summary>The store's suppressions without the cache, as the vendor's list.</summary>
    private sealed class StoreBacked(InMemoryMartechStore store) : IEmailSuppressionList
    {
        public Task<IReadOnlyList<EmailSuppression>> FindAsync(EmailAddress email, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<EmailSuppression>>([.. store.Suppressions.Where(s => s.Email == email)]);

        public AsyncPageable<EmailSuppression> ListAsync(SuppressionListOptions? options = null, CancellationToken cancellationToken = default) =>
            AsyncPageable.Create<EmailSuppression>((token, size, ct) => ValueTask.FromResult(new Page<EmailSuppression>([.. store.Suppressions], null)), cancellationToken: cancellationToken);

        public Task<BulkResult<EmailSuppression>> AddAsync(IReadOnlyList<EmailSuppression> suppressions, BulkOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException("not used");

        public Task<BulkResult<EmailSuppression>> RemoveAsync(IReadOnlyList<EmailSuppression> suppressions, BulkOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException("not used");

        public object? GetService(Type serviceType, object? serviceKey = null) => null;
    }

    /// <summary>A vendor list whose adds and removes report a scripted outcome (and change the list only on success).</summary>
    private sealed class ScriptedList : IEmailSuppressionList
    {
        public List<EmailSuppression> Entries { get; } = [];

        public BulkItemStatus Outcome { get; set; } = BulkItemStatus.Succeeded;

        public Func<EmailSuppression, EmailSuppression> Normalise { get; set; } = e => e;

        public int Lists { get; private set; }

        public Task<IReadOnlyList<EmailSuppression>> FindAsync(EmailAddress email, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<EmailSuppression>>([.. Entries.Where(e => e.Email == email)]);

        public AsyncPageable<EmailSuppression> ListAsync(SuppressionListOptions? options = null, CancellationToken cancellationToken = default)
        {
            Lists++;
            return AsyncPageable.Create<EmailSuppression>((token, size, ct) => ValueTask.FromResult(new Page<EmailSuppression>([.. Entries], null)), cancellationToken: cancellationToken);
        }

        public Task<BulkResult<EmailSuppression>> AddAsync(IReadOnlyList<EmailSuppression> suppressions, BulkOptions? options = null, CancellationToken cancellationToken = default)
        {
            if (Outcome == BulkItemStatus.Succeeded)
            {
                Entries.AddRange(suppressions.Select(Normalise));
            }

            return Answer(suppressions);
        }

        public Task<BulkResult<EmailSuppression>> RemoveAsync(IReadOnlyList<EmailSuppression> suppressions, BulkOptions? options = null, CancellationToken cancellationToken = default)
        {
            if (Outcome == BulkItemStatus.Succeeded)
            {
                foreach (EmailSuppression removed in suppressions.Select(Normalise))
                {
                    Entries.RemoveAll(e => e.Email == removed.Email && e.Kind == removed.Kind && e.GroupId == removed.GroupId);
                }
            }

            return Answer(suppressions);
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        private Task<BulkResult<EmailSuppression>> Answer(IReadOnlyList<EmailSuppression> suppressions) =>
            Task.FromResult(new BulkResult<EmailSuppression>([.. suppressions.Select((e, i) => Outcome == BulkItemStatus.Unknown
                ? new BulkItemResult<EmailSuppression>(i, BulkItemStatus.Unknown, Error: new BulkItemError("no answer", "TIMEOUT"))
                : new BulkItemResult<EmailSuppression>(i, Outcome, Normalise(e)))]));
    }

    private sealed class CountingList(IEmailSuppressionList inner) : DelegatingEmailSuppressionList(inner)
    {
        public int Lists { get; private set; }

        public int Finds { get; private set; }

        public bool FailLists { get; set; }

        public override Task<IReadOnlyList<EmailSuppression>> FindAsync(EmailAddress email, CancellationToken cancellationToken = default)
        {
            Finds++;
            return base.FindAsync(email, cancellationToken);
        }

        public override AsyncPageable<EmailSuppression> ListAsync(SuppressionListOptions? options = null, CancellationToken cancellationToken = default)
        {
            Lists++;
            return FailLists ? throw new IOException("vendor down") : base.ListAsync(options, cancellationToken);
        }
    }
}
