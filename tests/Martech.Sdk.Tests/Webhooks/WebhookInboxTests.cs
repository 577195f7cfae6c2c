using System.Text;
using Martech.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Martech.Sdk.Tests.Webhooks;

/// <summary>The inbox (verify, record, dedupe, answer) and the dispatcher (handlers, retries, parking, ordering).</summary>
public sealed class WebhookInboxTests : IAsyncDisposable
{
    private static readonly string Secret = StandardWebhookSigner.GenerateSecret();
    private readonly ManualTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly List<ServiceProvider> _providers = [];

    public async ValueTask DisposeAsync()
    {
        foreach (ServiceProvider provider in _providers)
        {
            await provider.DisposeAsync();
        }
    }

    [Fact]
    public async Task Receive_RecordsNewEvents_AcknowledgesDuplicates_NeverCallsHandlers()
    {
        var handled = new List<string>();
        ServiceProvider sp = Build(w => w.AddHandler<RawEvent>((e, _, _, _) => { handled.Add(e.Id); return Task.CompletedTask; }));
        MartechWebhookInbox inbox = sp.GetRequiredService<MartechWebhookInbox>();

        WebhookInboxResult first = await inbox.ReceiveAsync("Tool", Signed("m1"));
        WebhookInboxResult again = await inbox.ReceiveAsync("Tool", Signed("m1"));

        Assert.Equal((200, 1, 0), (first.StatusCode, first.Accepted, first.Duplicates));
        Assert.Equal((200, 0, 1), (again.StatusCode, again.Accepted, again.Duplicates));
        Assert.Equal(new WebhookStoreCounts(1, 0, 0, 0), await inbox.Store.CountAsync());
        Assert.Empty(handled);
        Assert.Equal((2, 0), (inbox.GetStatus("Tool").Accepted, inbox.GetStatus("Tool").Rejected));
    }

    [Fact]
    public async Task Receive_Rejected_AnswersTheReceiversStatus_AndRecordsNothing()
    {
        ServiceProvider sp = Build();
        MartechWebhookInbox inbox = sp.GetRequiredService<MartechWebhookInbox>();
        WebhookRequest good = Signed("m1");
        var forged = new WebhookRequest("POST", good.Url, good.Headers, Encoding.UTF8.GetBytes("""{"type":"forged"}"""));

        WebhookInboxResult result = await inbox.ReceiveAsync("Tool", forged);

        Assert.Equal((401, WebhookRejectionReason.InvalidSignature), (result.StatusCode, result.Rejection!.Reason));
        Assert.Equal(new WebhookStoreCounts(0, 0, 0, 0), await inbox.Store.CountAsync());
        Assert.Equal(WebhookRejectionReason.InvalidSignature, inbox.GetStatus("Tool").LastRejectionReason);
    }

    [Fact]
    public async Task Receive_StoreFailing_Answers503SoTheVendorRetries()
    {
        ServiceProvider sp = Build(w => w.UseStore(_ => new FailingStore()));
        MartechWebhookInbox inbox = sp.GetRequiredService<MartechWebhookInbox>();

        WebhookInboxResult result = await inbox.ReceiveAsync("Tool", Signed("m1"));

        Assert.Equal((503, 10), (result.StatusCode, result.RetryAfterSeconds));
        Assert.Equal(1, inbox.GetStatus("Tool").Unavailable);
    }

    [Fact]
    public async Task Receive_UnknownInstance_NamesTheOnesThatExist()
    {
        ServiceProvider sp = Build();

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => sp.GetRequiredService<MartechWebhookInbox>().ReceiveAsync("Nope", Signed("m1")));

        Assert.Contains("Instances that do: Tool", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispatcher_HandlesOnce_ByTypeAndByBase_WithContext()
    {
        var seen = new List<string>();
        ServiceProvider sp = Build(w => w
            .AddHandler<RawEvent>((e, c, _, _) => { lock (seen) { seen.Add($"raw {e.Id} {c.Key} {c.Attempt}"); } return Task.CompletedTask; })
            .AddHandler<MartechEvent>((e, _, _, _) => { lock (seen) { seen.Add($"any {e.Id}"); } return Task.CompletedTask; }));
        MartechWebhookInbox inbox = sp.GetRequiredService<MartechWebhookInbox>();
        await inbox.ReceiveAsync("Tool", Signed("m1"));

        await RunDispatcherOnceAsync(sp);

        Assert.Equal(["raw m1 Tool:m1 1", "any m1"], seen);
        Assert.Equal(new WebhookStoreCounts(0, 0, 0, 1), await inbox.Store.CountAsync());
    }

    [Fact]
    public async Task Dispatcher_FailingHandler_RetriesWithBackoff_ThenParks_ThenReplays()
    {
        int calls = 0;
        bool fail = true;
        ServiceProvider sp = Build(
            w => w.AddHandler<RawEvent>((_, _, _, _) => { calls++; return fail ? throw new InvalidOperationException("CRM down") : Task.CompletedTask; }),
            o => { o.MaxAttempts = 3; o.RetryBaseDelay = TimeSpan.FromSeconds(10); });
        MartechWebhookInbox inbox = sp.GetRequiredService<MartechWebhookInbox>();
        await inbox.ReceiveAsync("Tool", Signed("m1"));

        await RunDispatcherOnceAsync(sp);
        await RunDispatcherOnceAsync(sp);
        _clock.Advance(TimeSpan.FromSeconds(13));
        await RunDispatcherOnceAsync(sp);
        _clock.Advance(TimeSpan.FromSeconds(25));
        await RunDispatcherOnceAsync(sp);

        Assert.Equal(3, calls);
        WebhookEventRecord parked = Assert.Single(await ToListAsync(inbox.ListParkedAsync()));
        Assert.Equal(("Tool:m1", 3), (parked.Key, parked.Attempts));
        Assert.Contains("CRM down", parked.LastError, StringComparison.Ordinal);

        fail = false;
        Assert.True(await inbox.ReplayAsync("Tool:m1"));
        await RunDispatcherOnceAsync(sp);
        Assert.Equal(4, calls);
        Assert.Equal(new WebhookStoreCounts(0, 0, 0, 1), await inbox.Store.CountAsync());
    }

    [Fact]
    public void Backoff_DoublesWithJitter_UpToTheCap()
    {
        ServiceProvider sp = Build(configure: o => { o.RetryBaseDelay = TimeSpan.FromSeconds(2); o.MaxRetryDelay = TimeSpan.FromSeconds(20); });
        MartechEventDispatcher dispatcher = sp.GetRequiredService<MartechEventDispatcher>();

        for (int i = 0; i < 50; i++)
        {
            Assert.InRange(dispatcher.BackoffOf(1).TotalSeconds, 1.6, 2.4);
            Assert.InRange(dispatcher.BackoffOf(3).TotalSeconds, 6.4, 9.6);
            Assert.InRange(dispatcher.BackoffOf(10).TotalSeconds, 16, 20);
        }
    }

    [Fact]
    public async Task Dispatcher_StaleContactChange_IsSupersededNotHandled()
    {
        var handled = new List<string>();
        ServiceProvider sp = Build(w => w.AddHandler<ContactEvent>((e, _, _, _) => { handled.Add(e.Id); return Task.CompletedTask; }));
        IWebhookEventStore store = sp.GetRequiredService<IWebhookEventStore>();
        DateTimeOffset t = _clock.GetUtcNow();
        ContactEvent Change(string id, int seconds) => new() { Id = id, Provider = "Tool", Type = ContactEventType.Changed, ContactId = "7", ChangedAt = t.AddSeconds(seconds), ChangedProperties = new Dictionary<string, string?> { ["email"] = id } };

        await store.AddAsync([Change("newer", 5)]);
        await RunDispatcherOnceAsync(sp);
        await store.AddAsync([Change("older", 1)]);
        await RunDispatcherOnceAsync(sp);

        Assert.Equal(["newer"], handled);
        Assert.Equal(new WebhookStoreCounts(0, 0, 0, 2), await store.CountAsync());
    }

    [Fact]
    public async Task Dispatcher_NewerChangeWhoseHandlersFail_DoesNotSupersedeAnOlderOne()
    {
        var handled = new List<string>();
        bool failNewer = true;
        ServiceProvider sp = Build(
            w => w.AddHandler<ContactEvent>((e, _, _, _) =>
            {
                if (e.Id == "newer" && failNewer)
                {
                    throw new InvalidOperationException("CRM down");
                }

                handled.Add(e.Id);
                return Task.CompletedTask;
            }),
            o => o.RetryBaseDelay = TimeSpan.FromSeconds(1));
        IWebhookEventStore store = sp.GetRequiredService<IWebhookEventStore>();
        DateTimeOffset t = _clock.GetUtcNow();
        ContactEvent Change(string id, int seconds) => new() { Id = id, Provider = "Tool", Type = ContactEventType.Changed, ContactId = "7", ChangedAt = t.AddSeconds(seconds), ChangedProperties = new Dictionary<string, string?> { ["email"] = id } };

        await store.AddAsync([Change("newer", 5)]);
        await RunDispatcherOnceAsync(sp);
        await store.AddAsync([Change("older", 1)]);
        await RunDispatcherOnceAsync(sp);
        failNewer = false;
        _clock.Advance(TimeSpan.FromSeconds(5));
        await RunDispatcherOnceAsync(sp);

        Assert.Equal(["older", "newer"], handled);
    }

    [Fact]
    public async Task Dispatcher_HandedOutMoreOftenThanItMayBeTried_IsParkedWithoutRunningAgain()
    {
        int calls = 0;
        ServiceProvider sp = Build(w => w.AddHandler<RawEvent>((_, _, _, _) => { calls++; return Task.CompletedTask; }), o => o.MaxAttempts = 2);
        MartechWebhookInbox inbox = sp.GetRequiredService<MartechWebhookInbox>();
        await inbox.ReceiveAsync("Tool", Signed("m1"));

        // Three leases that ran out: a process that died each time it handled the event.
        WebhookEventRecord? record = null;
        for (int i = 0; i < 3; i++)
        {
            record = Assert.Single(await inbox.Store.LeaseAsync(1, TimeSpan.FromMinutes(1)));
            _clock.Advance(TimeSpan.FromMinutes(2));
        }

        record = Assert.Single(await inbox.Store.LeaseAsync(1, TimeSpan.FromMinutes(1)));
        await sp.GetRequiredService<MartechEventDispatcher>().HandleAsync(record, default);

        Assert.Equal(0, calls);
        WebhookEventRecord parked = Assert.Single(await ToListAsync(inbox.ListParkedAsync()));
        Assert.Contains("without finishing", parked.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostedDispatcher_EventsOfOneContact_NeverRunAtTheSameTime()
    {
        int running = 0, most = 0, done = 0;
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        ServiceProvider sp = Build(
            w => w.AddHandler<ContactEvent>(async (_, _, _, ct) =>
            {
                int now = Interlocked.Increment(ref running);
                InterlockedMax(ref most, now);
                await Task.Delay(20, ct);
                Interlocked.Decrement(ref running);
                if (Interlocked.Increment(ref done) == 8)
                {
                    all.TrySetResult();
                }
            }),
            o => { o.MaxConcurrency = 4; o.PollInterval = TimeSpan.FromMilliseconds(20); },
            real: true);
        var hosted = sp.GetServices<IHostedService>().ToList();
        foreach (IHostedService service in hosted)
        {
            await service.StartAsync(default);
        }

        DateTimeOffset t = DateTimeOffset.UtcNow;
        await sp.GetRequiredService<IWebhookEventStore>().AddAsync(
            [.. Enumerable.Range(0, 8).Select(i => new ContactEvent { Id = $"c{i}", Provider = "Tool", Type = ContactEventType.Changed, ContactId = "7", ChangedAt = t.AddSeconds(i), ChangedProperties = new Dictionary<string, string?> { [$"p{i}"] = "v" } })]);
        await all.Task.WaitAsync(TimeSpan.FromSeconds(20));
        foreach (IHostedService service in hosted)
        {
            await service.StopAsync(default);
        }

        Assert.Equal(1, most);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    [Fact]
    public async Task HostedDispatcher_HandlesWhatTheInboxRecords_WithoutPolling()
    {
        var done = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        ServiceProvider sp = Build(w => w.AddHandler<RawEvent>((e, _, _, _) => { done.TrySetResult(e.Id); return Task.CompletedTask; }), o => o.PollInterval = TimeSpan.FromMinutes(5));
        sp = Rebuild(sp, real: true);
        var hosted = sp.GetServices<IHostedService>().ToList();
        foreach (IHostedService service in hosted)
        {
            await service.StartAsync(default);
        }

        await sp.GetRequiredService<MartechWebhookInbox>().ReceiveAsync("Tool", Signed("m1", DateTimeOffset.UtcNow));
        Assert.Equal("m1", await done.Task.WaitAsync(TimeSpan.FromSeconds(10)));

        foreach (IHostedService service in hosted)
        {
            await service.StopAsync(default);
        }
    }

    [Fact]
    public async Task StartupCheck_DedupeWindowShorterThanTolerances_FailsAtStart()
    {
        ServiceProvider sp = Build(configure: o => o.DedupeWindow = TimeSpan.FromMinutes(10), tolerance: TimeSpan.FromMinutes(20));

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => sp.GetServices<IHostedService>().OfType<WebhookStartupCheck>().Single().StartAsync(default));

        Assert.Contains("Martech:Webhooks:DedupeWindow", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_InvalidValues_AreNamedByPath()
    {
        ServiceProvider sp = Build(configure: o => { o.MaxConcurrency = 0; o.LeaseDuration = TimeSpan.FromSeconds(1); o.PathPrefix = "hooks"; });

        var ex = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IOptions<MartechWebhooksOptions>>().Value);

        Assert.Contains(ex.Failures, f => f.Contains("Martech:Webhooks:MaxConcurrency", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.Contains("Martech:Webhooks:LeaseDuration", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.Contains("Martech:Webhooks:PathPrefix", StringComparison.Ordinal));
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (T item in source)
        {
            list.Add(item);
        }

        return list;
    }

    private static async Task RunDispatcherOnceAsync(ServiceProvider sp)
    {
        IWebhookEventStore store = sp.GetRequiredService<IWebhookEventStore>();
        MartechEventDispatcher dispatcher = sp.GetRequiredService<MartechEventDispatcher>();
        foreach (WebhookEventRecord record in await store.LeaseAsync(100, TimeSpan.FromMinutes(5)))
        {
            await dispatcher.HandleAsync(record, default);
        }
    }

    private WebhookRequest Signed(string id, DateTimeOffset? at = null)
    {
        byte[] body = Encoding.UTF8.GetBytes("""{"type":"thing.happened","data":{}}""");
        return new WebhookRequest("POST", new Uri("https://app.example/webhooks/tool"), StandardWebhookSigner.CreateHeaders(Secret, id, at ?? _clock.GetUtcNow(), body), body);
    }

    private ServiceProvider Build(Action<MartechWebhooksBuilder>? webhooks = null, Action<MartechWebhooksOptions>? configure = null, TimeSpan? tolerance = null, bool real = false)
    {
        var services = new ServiceCollection();
        if (!real)
        {
            services.AddSingleton<TimeProvider>(_clock);
        }

        MartechBuilder martech = services.AddMartech();
        martech.AddStandardWebhooks("Tool", o => { o.Webhooks.Secret = Secret; o.Webhooks.PastTolerance = tolerance ?? o.Webhooks.PastTolerance; });
        MartechWebhooksBuilder builder = martech.AddWebhooks(configure);
        webhooks?.Invoke(builder);
        _lastSetup = (webhooks, configure, tolerance);
        ServiceProvider provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider;
    }

    private (Action<MartechWebhooksBuilder>?, Action<MartechWebhooksOptions>?, TimeSpan?) _lastSetup;

    private ServiceProvider Rebuild(ServiceProvider _, bool real) => Build(_lastSetup.Item1, _lastSetup.Item2, _lastSetup.Item3, real);

    private sealed class FailingStore : IWebhookEventStore
    {
        public Task<IReadOnlyList<bool>> AddAsync(IReadOnlyList<MartechEvent> events, CancellationToken cancellationToken = default) => throw new IOException("disk full");

        public Task<IReadOnlyList<WebhookEventRecord>> LeaseAsync(int maxCount, TimeSpan leaseDuration, CancellationToken cancellationToken = default) => throw new IOException("disk full");

        public Task<bool> CompleteAsync(WebhookEventRecord record, WebhookEventState state, CancellationToken cancellationToken = default) => throw new IOException("disk full");

        public Task<bool> RetryAsync(WebhookEventRecord record, DateTimeOffset notBefore, string? error, CancellationToken cancellationToken = default) => throw new IOException("disk full");

        public Task<bool> ParkAsync(WebhookEventRecord record, string error, CancellationToken cancellationToken = default) => throw new IOException("disk full");

        public IAsyncEnumerable<WebhookEventRecord> ListAsync(WebhookEventState state, CancellationToken cancellationToken = default) => throw new IOException("disk full");

        public Task<bool> RequeueAsync(string key, CancellationToken cancellationToken = default) => throw new IOException("disk full");

        public Task<DateTimeOffset?> GetVersionAsync(string resourceKey, CancellationToken cancellationToken = default) => throw new IOException("disk full");

        public Task<bool> TryAdvanceVersionAsync(string resourceKey, DateTimeOffset version, CancellationToken cancellationToken = default) => throw new IOException("disk full");

        public Task<WebhookStoreCounts> CountAsync(CancellationToken cancellationToken = default) => throw new IOException("disk full");
    }
}
