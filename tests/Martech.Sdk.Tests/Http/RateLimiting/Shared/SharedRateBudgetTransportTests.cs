using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Headers;
using Martech.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RichardSzalay.MockHttp;

namespace Martech.Sdk.Tests.Http.RateLimiting.Shared;

/// <summary>Shared rate budgets through the real transport: separate service providers ("processes") sharing one
/// <see cref="InMemorySharedRateBudgetStore"/> on a manual clock.</summary>
public class SharedRateBudgetTransportTests
{
    private const string PostMessage = "chat.postMessage";
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(50);

    /// <summary>A store that records its grants (by the store's clock) and can fail its reports.</summary>
    private sealed class TestStore(ManualTimeProvider clock) : ISharedRateBudgetStore
    {
        private readonly List<(string Key, long At)> _grants = [];

        public InMemorySharedRateBudgetStore Inner { get; } = new(clock);

        public string Name { get; } = "test-store-" + Guid.NewGuid().ToString("N")[..8];

        public string ClockDescription => Inner.ClockDescription;

        public bool FailReports { get; set; }

        public int Reports;

        public List<long> GrantsOf(string key)
        {
            lock (_grants)
            {
                return [.. _grants.Where(g => g.Key == key).Select(g => g.At).Order()];
            }
        }

        public async ValueTask<SharedPermit> TryAcquireAsync(SharedRateBudget budget, CancellationToken cancellationToken = default)
        {
            SharedPermit permit = await Inner.TryAcquireAsync(budget, cancellationToken);
            if (permit.Granted)
            {
                lock (_grants)
                {
                    _grants.Add((budget.Key, permit.GrantedAt));
                }
            }

            return permit;
        }

        public ValueTask ReportAsync(SharedRateBudget budget, SharedRateFeedback feedback, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref Reports);
            if (FailReports)
            {
                throw new SharedRateBudgetUnavailableException("reports refused by the test");
            }

            return Inner.ReportAsync(budget, feedback, cancellationToken);
        }

        public ValueTask<TimeSpan> PingAsync(CancellationToken cancellationToken = default) => Inner.PingAsync(cancellationToken);
    }

    /// <summary>One process: a container with provider instance "Slack" on the real transport over MockHttp.</summary>
    private sealed class Process : IDisposable
    {
        private readonly ServiceProvider _services;
        private readonly Queue<Func<HttpResponseMessage>> _responses = new();
        private readonly List<(string Path, DateTimeOffset At)> _sent = [];

        public Process(
            ManualTimeProvider clock,
            ISharedRateBudgetStore? store,
            Action<SharedRateBudgetOptions>? shared = null,
            Action<MartechRateLimitOptions>? limits = null)
        {
            var services = new ServiceCollection();
            services.AddSingleton<TimeProvider>(clock);
            if (store is not null)
            {
                services.AddSharedRateBudgets(store, shared);
            }

            var mock = new MockHttpMessageHandler();
            mock.When("*").Respond(request =>
            {
                lock (_responses)
                {
                    _sent.Add((request.RequestUri!.AbsolutePath, clock.GetUtcNow()));
                    return _responses.Count > 0 ? _responses.Dequeue()() : new HttpResponseMessage(HttpStatusCode.OK);
                }
            });
            services.AddMartech().AddProvider("Slack", "Slack").AddHttpTransport(_ =>
            {
                var options = new MartechHttpOptions
                {
                    BaseAddress = new Uri("https://slack.example/api/"),
                    Authentication = MartechAuthentications.Bearer("xoxb-SECRET-0000000000"),
                    Resilience = { MaxRetryAttempts = 0, CircuitBreakerEnabled = false, AttemptTimeout = TimeSpan.FromMinutes(10), TotalTimeout = TimeSpan.FromMinutes(20) },
                    RateLimit = { PermitLimit = 5, Window = TimeSpan.FromSeconds(1), MaxWait = TimeSpan.FromMinutes(2) },
                };
                limits?.Invoke(options.RateLimit);
                return options;
            }).ConfigurePrimaryHttpMessageHandler(() => mock);
            _services = services.BuildServiceProvider();
            Client = _services.GetRequiredService<IHttpClientFactory>().CreateClient("Slack");
        }

        public HttpClient Client { get; }

        public IServiceProvider Services => _services;

        public MartechTransportContext Context => _services.GetRequiredKeyedService<MartechTransportContext>("Slack");

        public int Sent
        {
            get
            {
                lock (_responses)
                {
                    return _sent.Count;
                }
            }
        }

        /// <summary>The fake moments the vendor received the requests to <paramref name="path"/> at.</summary>
        public List<DateTimeOffset> SentAt(string path)
        {
            lock (_responses)
            {
                return [.. _sent.Where(s => s.Path.EndsWith(path, StringComparison.Ordinal)).Select(s => s.At)];
            }
        }

        public void Then(Func<HttpResponseMessage> response)
        {
            lock (_responses)
            {
                _responses.Enqueue(response);
            }
        }

        public Task<HttpResponseMessage> Send(string path = "users.list", string? operation = null, string? partition = null)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
            if (operation is not null)
            {
                new MartechRequestOptions { Operation = operation, RateLimitPartition = partition }.ApplyTo(request);
            }

            return Client.SendAsync(request);
        }

        public void Dispose() => _services.Dispose();
    }

    /// <summary>Advances the clock in steps, letting continuations run, until the task completes or the time is up.</summary>
    private static async Task Drive(ManualTimeProvider clock, Task task, TimeSpan most, TimeSpan? step = null)
    {
        TimeSpan by = step ?? Step;
        for (TimeSpan moved = TimeSpan.Zero; moved + by <= most && !task.IsCompleted; moved += by)
        {
            await Settle(task);
            if (task.IsCompleted)
            {
                break;
            }

            clock.Advance(by);
        }

        await Settle(task);
    }

    /// <summary>Lets continuations scheduled by the clock run (real time, bounded).</summary>
    private static async Task Settle(Task task)
    {
        for (int i = 0; i < 5 && !task.IsCompleted; i++)
        {
            await Task.Delay(1);
        }
    }

    /// <summary>Waits in real time (at most 10 s) until the condition holds, then a little more, for anything that would
    /// wrongly follow.</summary>
    private static async Task Eventually(Func<bool> condition)
    {
        for (int i = 0; i < 1000 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        await Task.Delay(50);
    }

    private static HttpResponseMessage TooMany(TimeSpan? retryAfter)
    {
        var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        if (retryAfter is { } delay)
        {
            response.Headers.RetryAfter = new RetryConditionHeaderValue(delay);
        }

        return response;
    }

    private static int MostInAnyHold(List<long> grants, TimeSpan hold)
    {
        long holdMs = (long)Math.Ceiling(hold.TotalMilliseconds);
        int most = 0;
        for (int i = 0; i < grants.Count; i++)
        {
            most = Math.Max(most, grants.Skip(i).TakeWhile(t => t < grants[i] + holdMs).Count());
        }

        return most;
    }

    [Fact]
    public async Task TwoProcesses_SharingOneStore_NeverExceedTheLimitTogether()
    {
        var clock = new ManualTimeProvider();
        var store = new TestStore(clock);
        using var a = new Process(clock, store);
        using var b = new Process(clock, store);

        Task all = Task.WhenAll(Enumerable.Range(0, 20).Select(i => (i % 2 == 0 ? a : b).Send()));
        await Drive(clock, all, TimeSpan.FromSeconds(10));

        Assert.True(all.IsCompletedSuccessfully);
        Assert.Equal(20, a.Sent + b.Sent);
        Assert.True(a.Sent > 0 && b.Sent > 0);
        string key = a.Context.Budget.Key;
        Assert.Equal(key, b.Context.Budget.Key);
        Assert.DoesNotContain("SECRET", key, StringComparison.Ordinal);
        List<long> grants = store.GrantsOf(key);
        Assert.Equal(20, grants.Count);
        Assert.Equal(5, MostInAnyHold(grants, MartechRateBudget.HoldFor(TimeSpan.FromSeconds(1))));
    }

    [Fact]
    public async Task TwoProcesses_WithoutAStore_ExceedTheLimitTogether()
    {
        var clock = new ManualTimeProvider();
        using var a = new Process(clock, store: null);
        using var b = new Process(clock, store: null);

        Task all = Task.WhenAll(Enumerable.Range(0, 20).Select(i => (i % 2 == 0 ? a : b).Send()));
        await Eventually(() => a.Sent + b.Sent >= 10);

        Assert.Equal(10, a.Sent + b.Sent); // each process takes its own full limit at once: the control run
        Assert.Null(a.Context.Budget.Shared);
        await Drive(clock, all, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task RetryAfter_SeenByProcessA_PausesProcessB()
    {
        var clock = new ManualTimeProvider();
        var store = new TestStore(clock);
        using var a = new Process(clock, store);
        using var b = new Process(clock, store);
        a.Then(() => TooMany(TimeSpan.FromSeconds(30)));

        using HttpResponseMessage refused = await a.Send();
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);

        Assert.Equal(1, store.Inner.LimitOf(a.Context.Budget.Key)); // the 429 also cut the shared limit: 0.7 × max(0 held before, 5 / 2)
        DateTimeOffset refusedAt = clock.GetUtcNow();
        Task<HttpResponseMessage> fromB = b.Send();
        await Drive(clock, fromB, TimeSpan.FromSeconds(29), TimeSpan.FromSeconds(1));
        Assert.Equal(0, b.Sent);

        await Drive(clock, fromB, TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(100));
        Assert.True(fromB.IsCompletedSuccessfully);
        Assert.True(b.SentAt("users.list").Single() - refusedAt >= TimeSpan.FromSeconds(30));
        Assert.Equal(2, store.Inner.LimitOf(a.Context.Budget.Key)); // a hold passed without a cut: one step back
    }

    [Fact]
    public async Task SlackPartitions_AreSharedPerChannelAcrossProcesses()
    {
        var clock = new ManualTimeProvider();
        var store = new TestStore(clock);
        void Slack(MartechRateLimitOptions limits) =>
            limits.Operations[PostMessage] = new MartechOperationRateLimit { PermitLimit = 1, Window = TimeSpan.FromSeconds(1), PerPartition = true, SharesInstanceBudget = false };
        using var a = new Process(clock, store, limits: Slack);
        using var b = new Process(clock, store, limits: Slack);

        (await a.Send("chat.postMessage", PostMessage, "C1")).Dispose();
        Task<HttpResponseMessage> sameChannel = b.Send("chat.postMessage", PostMessage, "C1");
        Task<HttpResponseMessage> otherChannel = b.Send("chat.postMessage", PostMessage, "C2");
        await Drive(clock, otherChannel, TimeSpan.FromMilliseconds(100));

        Assert.True(otherChannel.IsCompletedSuccessfully);
        Assert.False(sameChannel.IsCompleted);

        await Drive(clock, sameChannel, TimeSpan.FromSeconds(2));
        Assert.True(sameChannel.IsCompletedSuccessfully);
        string channelKey = a.Context.Budget.Key + "#" + PostMessage + "@C1";
        List<long> grants = store.GrantsOf(channelKey);
        Assert.Equal(2, grants.Count);
        Assert.True(grants[1] - grants[0] >= 1000, $"The second post to C1 came {grants[1] - grants[0]} ms after the first.");
        Assert.Empty(store.GrantsOf(a.Context.Budget.Key)); // the operation does not share the instance budget
    }

    [Fact]
    public async Task OperationBudget_RetryAfterOnTheOperation_PausesItInTheOtherProcessOnly()
    {
        var clock = new ManualTimeProvider();
        var store = new TestStore(clock);
        void Search(MartechRateLimitOptions limits) =>
            limits.Operations["contacts.search"] = new MartechOperationRateLimit { PermitLimit = 4, Window = TimeSpan.FromSeconds(1), SharesInstanceBudget = false };
        using var a = new Process(clock, store, limits: Search);
        using var b = new Process(clock, store, limits: Search);
        a.Then(() => TooMany(TimeSpan.FromSeconds(10)));

        (await a.Send("search", "contacts.search")).Dispose();
        DateTimeOffset refusedAt = clock.GetUtcNow();
        Task<HttpResponseMessage> search = b.Send("search", "contacts.search");
        (await b.Send("users.list")).Dispose(); // another operation is not paused

        await Drive(clock, search, TimeSpan.FromSeconds(12), TimeSpan.FromMilliseconds(500));
        Assert.True(search.IsCompletedSuccessfully);
        Assert.True(b.SentAt("search").Single() - refusedAt >= TimeSpan.FromSeconds(10));
        Assert.Equal(refusedAt, b.SentAt("users.list").Single());
    }

    [Fact]
    public async Task StoreUnavailable_LocalShare_UsesLimitPerProcessThenReturnsToTheStore()
    {
        var clock = new ManualTimeProvider();
        var store = new TestStore(clock);
        using var a = new Process(clock, store, o =>
        {
            o.ExpectedProcesses = 2;
            o.RetryStoreAfter = TimeSpan.FromSeconds(5);
        }, limits => limits.PermitLimit = 10);
        var status = a.Services.GetRequiredService<SharedRateBudgetStatus>();
        store.Inner.Available = false;

        Task<HttpResponseMessage>[] burst = [.. Enumerable.Range(0, 8).Select(_ => a.Send())];
        await Eventually(() => a.Sent >= 5);

        Assert.Equal(5, a.Sent); // 10 ÷ 2 processes in this hold
        Assert.False(status.IsAvailable);
        Assert.Equal(1, status.BudgetsOnFallback);
        Assert.Contains("SharedRateBudgetUnavailableException", status.LastError, StringComparison.Ordinal);
        long callsWhileDown = store.Inner.Calls;
        Assert.Equal(1, callsWhileDown); // the queued acquirers took the local share without asking again

        await Drive(clock, Task.WhenAll(burst), TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(100));
        Assert.All(burst, t => Assert.True(t.IsCompletedSuccessfully));
        Assert.Equal(1, store.Inner.Calls); // still within RetryStoreAfter

        store.Inner.Available = true;
        clock.Advance(TimeSpan.FromSeconds(5));
        using HttpResponseMessage back = await a.Send();

        Assert.Equal(2, store.Inner.Calls);
        Assert.Single(store.GrantsOf(a.Context.Budget.Key));
        Assert.True(status.IsAvailable);
        Assert.Equal(0, status.BudgetsOnFallback);
        Assert.Equal(1, status.Failures);
    }

    [Fact]
    public async Task StoreLost_AfterUsingItToTheLimit_LocalShareGrantsNothingUntilTheHoldPasses()
    {
        var clock = new ManualTimeProvider();
        var store = new TestStore(clock);
        using var a = new Process(clock, store, o =>
        {
            o.ExpectedProcesses = 2;
            o.RetryStoreAfter = TimeSpan.FromSeconds(5);
        }, limits => limits.PermitLimit = 10);
        DateTimeOffset start = clock.GetUtcNow();
        await Task.WhenAll(Enumerable.Range(0, 10).Select(async _ => (await a.Send()).Dispose()));
        Assert.Equal(10, store.GrantsOf(a.Context.Budget.Key).Count);

        store.Inner.Available = false;
        Task<HttpResponseMessage> next = a.Send();
        await Drive(clock, next, TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(100));
        Assert.False(next.IsCompleted); // the store's 10 grants of this process are still in the hold

        await Drive(clock, next, TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(10));
        Assert.True(next.IsCompletedSuccessfully);
        Assert.True(a.SentAt("users.list").Max() - start >= MartechRateBudget.HoldFor(TimeSpan.FromSeconds(1)));
        Assert.Equal(1, a.Services.GetRequiredService<SharedRateBudgetStatus>().BudgetsOnFallback);
    }

    [Fact]
    public async Task StoreBack_AfterLocalGrants_NoHoldSeesMoreThanTheLimit_AndTheFallbackEnds()
    {
        var clock = new ManualTimeProvider();
        var store = new TestStore(clock);
        using var a = new Process(clock, store, o =>
        {
            o.ExpectedProcesses = 2;
            o.RetryStoreAfter = TimeSpan.FromSeconds(5);
        }, limits =>
        {
            limits.PermitLimit = 10;
            limits.Window = TimeSpan.FromSeconds(10);
        });
        var status = a.Services.GetRequiredService<SharedRateBudgetStatus>();
        store.Inner.Available = false;
        await Task.WhenAll(Enumerable.Range(0, 5).Select(async _ => (await a.Send()).Dispose()));
        Assert.Equal(5, a.Sent); // the local share: 10 ÷ 2

        store.Inner.Available = true;
        clock.Advance(TimeSpan.FromSeconds(5));
        Task all = Task.WhenAll(Enumerable.Range(0, 10).Select(async _ => (await a.Send()).Dispose()));
        await Drive(clock, all, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(200));

        Assert.True(all.IsCompletedSuccessfully);
        Assert.Equal(15, a.Sent);
        DateTimeOffset origin = a.SentAt("users.list").Min();
        List<long> sent = [.. a.SentAt("users.list").Select(t => (long)(t - origin).TotalMilliseconds).Order()];
        Assert.Equal(10, MostInAnyHold(sent, TimeSpan.FromSeconds(10)));
        Assert.Equal(0, status.BudgetsOnFallback);
    }

    [Fact]
    public async Task Fallback_EndsWhenItsPeriodPasses_EvenIfTheBudgetIsNotUsedAgain()
    {
        var clock = new ManualTimeProvider();
        var store = new TestStore(clock);
        using var a = new Process(clock, store, o => o.RetryStoreAfter = TimeSpan.FromSeconds(5));
        var status = a.Services.GetRequiredService<SharedRateBudgetStatus>();
        store.Inner.Available = false;
        (await a.Send()).Dispose();
        Assert.Equal(1, status.BudgetsOnFallback);
        SharedBudgetClient client = a.Context.Budget.Shared!;
        Assert.False(client.Idle);

        clock.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(0, status.BudgetsOnFallback);
        Assert.False(client.OnFallback);
        Assert.True(client.Idle); // one hold has passed since the local grant too: the partition can be retired
        Assert.Equal(1, store.Inner.Calls); // nobody asked the store again
    }

    [Fact]
    public async Task StoreUnavailable_Wait_FailsAfterMaxWaitNamingTheStore()
    {
        var clock = new ManualTimeProvider();
        var store = new TestStore(clock);
        using var a = new Process(
            clock,
            store,
            o =>
            {
                o.WhenUnavailable = SharedRateBudgetFallback.Wait;
                o.RetryStoreAfter = TimeSpan.FromSeconds(1);
            },
            limits => limits.MaxWait = TimeSpan.FromSeconds(3));
        store.Inner.Available = false;

        Task<HttpResponseMessage> waiting = a.Send();
        await Drive(clock, waiting, TimeSpan.FromSeconds(2.5), TimeSpan.FromMilliseconds(250));
        Assert.False(waiting.IsCompleted);

        await Drive(clock, waiting, TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(250));
        var ex = await Assert.ThrowsAsync<MartechRateLimitedException>(() => waiting);
        Assert.Contains(store.Name, ex.Message, StringComparison.Ordinal);
        Assert.Contains("set unavailable", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, a.Sent);
        Assert.InRange(store.Inner.Calls, 3, 5); // polled about every RetryStoreAfter
    }

    [Fact]
    public async Task StoreUnavailable_RecordsTheMetrics()
    {
        var clock = new ManualTimeProvider();
        var store = new TestStore(clock);
        long failures = 0;
        long onFallback = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == MartechTelemetry.Name && instrument.Name.StartsWith("martech.rate_budget.shared_store.", StringComparison.Ordinal))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            bool ours = false;
            foreach (KeyValuePair<string, object?> tag in tags)
            {
                ours |= tag.Key == "martech.rate_budget.store" && Equals(tag.Value, store.Name);
            }

            if (ours)
            {
                Interlocked.Add(ref instrument.Name.EndsWith(".unavailable", StringComparison.Ordinal) ? ref failures : ref onFallback, value);
            }
        });
        listener.Start();
        using var a = new Process(clock, store);
        store.Inner.Available = false;

        (await a.Send()).Dispose();
        Assert.Equal(1, Interlocked.Read(ref failures));
        Assert.Equal(1, Interlocked.Read(ref onFallback));

        store.Inner.Available = true;
        clock.Advance(TimeSpan.FromSeconds(5));
        (await a.Send()).Dispose();
        Assert.Equal(0, Interlocked.Read(ref onFallback));
    }

    [Fact]
    public async Task FailedReport_NeverFailsTheRequest_AndIsCounted()
    {
        var clock = new ManualTimeProvider();
        var store = new TestStore(clock) { FailReports = true };
        using var a = new Process(clock, store);
        a.Then(() => TooMany(TimeSpan.FromSeconds(1)));

        using HttpResponseMessage response = await a.Send();

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(1, store.Reports);
        var status = a.Services.GetRequiredService<SharedRateBudgetStatus>();
        Assert.Equal(1, status.Failures);
        Assert.False(status.IsAvailable);
    }

    [Fact]
    public void LimiterFactory_KeepsItsLimiterForTheInstanceBudget()
    {
        var clock = new ManualTimeProvider();
        var store = new TestStore(clock);
        using var limiter = new System.Threading.RateLimiting.ConcurrencyLimiter(new() { PermitLimit = 1, QueueLimit = 1 });
        using var a = new Process(clock, store, limits: l => l.LimiterFactory = _ => limiter);

        Assert.Null(a.Context.Budget.Shared);
    }

    [Theory]
    [InlineData(0, 5, "ExpectedProcesses must be at least 1")]
    [InlineData(2, 0, "RetryStoreAfter must be positive")]
    public void Misconfiguration_FailsAtHostStart(int processes, int retrySeconds, string message)
    {
        var services = new ServiceCollection();
        services.AddSharedRateBudgets(new InMemorySharedRateBudgetStore(), o =>
        {
            o.ExpectedProcesses = processes;
            o.RetryStoreAfter = TimeSpan.FromSeconds(retrySeconds);
        });
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NoStore_FailsAtHostStartNamingTheFix()
    {
        var services = new ServiceCollection();
        services.AddSharedRateBudgets();
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains("no ISharedRateBudgetStore is registered", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidOptions_PassAtHostStart()
    {
        var services = new ServiceCollection();
        services.AddSharedRateBudgets(_ => new InMemorySharedRateBudgetStore(), o => o.ExpectedProcesses = 3);
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();
        var status = provider.GetRequiredService<SharedRateBudgetStatus>();
        Assert.Equal("in-memory", status.StoreName);
        Assert.True(status.IsAvailable);
    }
}
