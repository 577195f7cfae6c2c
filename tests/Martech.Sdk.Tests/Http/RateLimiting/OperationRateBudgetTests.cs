using System.Net;
using System.Net.Http.Headers;
using Martech.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using RichardSzalay.MockHttp;

namespace Martech.Sdk.Tests.Http.RateLimiting;

/// <summary>Per-operation budgets (<see cref="MartechRateLimitOptions.Operations"/>) in the rate-limit handler, on a
/// manual clock: nothing here waits in real time.</summary>
public class OperationRateBudgetTests
{
    private const string Search = "contacts.search";
    private const string Post = "chat.postMessage";
    private const string Get = "contacts.get";
    private static readonly TimeSpan Safety = TimeSpan.FromSeconds(30); // only guards against a hang; never asserted
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);

    private static TimeSpan Hold(double seconds) => MartechRateBudget.HoldFor(TimeSpan.FromSeconds(seconds));

    /// <summary>A rate-limit handler over MockHttp with the budgets a transport would build, on a manual clock.</summary>
    private sealed class Harness : IDisposable
    {
        private readonly Queue<Func<HttpResponseMessage>> _responses = new();
        private readonly List<(string Operation, TimeSpan At)> _sent = [];
        private readonly Dictionary<string, MartechOperationBudget> _operations = new(StringComparer.Ordinal);

        public Harness(Action<MartechRateLimitOptions> configure)
        {
            var options = new MartechHttpOptions { BaseAddress = new Uri("https://api.acme.example/v1/") };
            configure(options.RateLimit);
            options.Validate("Acme");
            Budget = new MartechRateBudget("Acme:key", options.RateLimit, Clock);
            foreach ((string operation, MartechOperationRateLimit limit) in options.RateLimit.Operations)
            {
                _operations[operation] = new MartechOperationBudget("Acme:key#" + operation, limit, options.RateLimit.MaxWait, Clock);
            }

            var context = new MartechTransportContext("Acme", "AcmeCrm", options, Budget, Clock, NullLogger.Instance, _operations);
            var mock = new MockHttpMessageHandler();
            mock.When("*").Respond(_ =>
            {
                lock (_responses)
                {
                    return _responses.Count > 0 ? _responses.Dequeue()() : new HttpResponseMessage(HttpStatusCode.OK);
                }
            });
            Invoker = new HttpMessageInvoker(new RateLimitHandler(context) { InnerHandler = new Recorder(this) { InnerHandler = mock } });
        }

        public ManualTimeProvider Clock { get; } = new();

        public MartechRateBudget Budget { get; }

        public HttpMessageInvoker Invoker { get; }

        /// <summary>The requests the handler let through, with the operation and the fake moment.</summary>
        public IReadOnlyList<(string Operation, TimeSpan At)> Sent
        {
            get
            {
                lock (_sent)
                {
                    return [.. _sent];
                }
            }
        }

        public int SentOf(string operation) => Sent.Count(s => s.Operation == operation);

        public void Then(Func<HttpResponseMessage> response)
        {
            lock (_responses)
            {
                _responses.Enqueue(response);
            }
        }

        public Task<HttpResponseMessage> Send(string? operation, string? partition = null)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "https://api.acme.example/v1/things");
            new MartechRequestOptions { Operation = operation, RateLimitPartition = partition }.ApplyTo(request);
            return Invoker.SendAsync(request, CancellationToken.None);
        }

        /// <summary>Sends a request that must pass the handler at once (MockHttp answers asynchronously, so what is
        /// checked is that the request went on, not that the answer came).</summary>
        public async Task SendNow(string? operation, string? partition = null)
        {
            int before = Sent.Count;
            Task<HttpResponseMessage> send = Send(operation, partition);
            Assert.True(Sent.Count == before + 1, $"{operation ?? "a request"} should not wait");
            (await send.WaitAsync(Safety)).Dispose();
        }

        public void Dispose()
        {
            Invoker.Dispose();
            Budget.Dispose();
            foreach (MartechOperationBudget operation in _operations.Values)
            {
                operation.Dispose();
            }
        }

        /// <summary>Records requests the moment the rate-limit handler passes them on.</summary>
        private sealed class Recorder(Harness harness) : DelegatingHandler
        {
            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                lock (harness._sent)
                {
                    harness._sent.Add((MartechRequestOptions.Of(request)?.Operation ?? "-", harness.Clock.Elapsed));
                }

                return base.SendAsync(request, cancellationToken);
            }
        }
    }

    [Fact]
    public async Task SendAsync_OperationOverItsBudget_WaitsWhileOtherOperationsGoThrough()
    {
        using var h = new Harness(r =>
        {
            r.PermitLimit = 100;
            r.Operations[Search] = new() { PermitLimit = 2, Window = TimeSpan.FromSeconds(1) };
        });
        await h.SendNow(Search);
        await h.SendNow(Search);

        Task<HttpResponseMessage> third = h.Send(Search);
        await h.SendNow(Get);
        await h.SendNow(null);
        Assert.Equal(2, h.SentOf(Search));

        h.Clock.Advance(Hold(1) - Tick);
        Assert.Equal(2, h.SentOf(Search));
        h.Clock.Advance(Tick);
        (await third.WaitAsync(Safety)).Dispose();

        Assert.Equal(Hold(1), h.Sent.Last(s => s.Operation == Search).At);
    }

    [Fact]
    public async Task SendAsync_SharesInstanceBudget_TakesAPermitFromBoth()
    {
        using var h = new Harness(r =>
        {
            r.PermitLimit = 1;
            r.Operations[Search] = new() { PermitLimit = 10, Window = TimeSpan.FromSeconds(1) };
        });
        await h.SendNow(Search);

        Task<HttpResponseMessage> other = h.Send(Get);
        Assert.Equal(0, h.SentOf(Get));
        h.Clock.Advance(Hold(1));
        (await other.WaitAsync(Safety)).Dispose();
    }

    [Fact]
    public async Task SendAsync_InsteadOfInstanceBudget_NeitherWaitsForNorHoldsBackTheOthers()
    {
        using var h = new Harness(r =>
        {
            r.PermitLimit = 1;
            r.Operations[Search] = new() { PermitLimit = 10, Window = TimeSpan.FromSeconds(1), SharesInstanceBudget = false };
        });
        await h.SendNow(Get); // the instance budget is used up now

        for (int i = 0; i < 10; i++)
        {
            await h.SendNow(Search);
        }

        Task<HttpResponseMessage> nextGet = h.Send(Get);
        h.Clock.Advance(Hold(1));
        (await nextGet.WaitAsync(Safety)).Dispose();
        Assert.Equal([TimeSpan.Zero, Hold(1)], h.Sent.Where(s => s.Operation == Get).Select(s => s.At));
    }

    [Fact]
    public async Task SendAsync_RetryAfterOnAnOperationWithItsOwnBudget_PausesOnlyThatOperation()
    {
        using var h = new Harness(r =>
        {
            r.PermitLimit = 100;
            r.Operations[Search] = new() { PermitLimit = 100, Window = TimeSpan.FromSeconds(1), SharesInstanceBudget = false };
        });
        h.Then(() => new HttpResponseMessage(HttpStatusCode.TooManyRequests) { Headers = { RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(30)) } });
        using (HttpResponseMessage limited = await h.Send(Search))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        }

        Task<HttpResponseMessage> search = h.Send(Search);
        await h.SendNow(Get);
        await h.SendNow(Post);
        h.Clock.Advance(TimeSpan.FromSeconds(30) - Tick);
        Assert.Equal(1, h.SentOf(Search));
        h.Clock.Advance(Tick);
        (await search.WaitAsync(Safety)).Dispose();
    }

    [Fact]
    public async Task SendAsync_RetryAfterOnAnOperationSharingTheInstanceBudget_PausesBoth()
    {
        using var h = new Harness(r =>
        {
            r.PermitLimit = 100;
            r.Operations[Search] = new() { PermitLimit = 100, Window = TimeSpan.FromSeconds(1) };
        });
        h.Then(() => new HttpResponseMessage(HttpStatusCode.TooManyRequests) { Headers = { RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(5)) } });
        (await h.Send(Search)).Dispose();

        Task<HttpResponseMessage> get = h.Send(Get);
        Task<HttpResponseMessage> search = h.Send(Search);
        h.Clock.Advance(TimeSpan.FromSeconds(5) - Tick);
        Assert.Single(h.Sent);
        h.Clock.Advance(Tick);
        (await get.WaitAsync(Safety)).Dispose();
        (await search.WaitAsync(Safety)).Dispose();
    }

    [Fact]
    public async Task SendAsync_PerPartition_EachPartitionHasItsOwnBudgetAndRequestsWithoutOneShareOne()
    {
        using var h = new Harness(r =>
        {
            r.PermitLimit = 100;
            r.Operations[Post] = new() { PermitLimit = 1, Window = TimeSpan.FromSeconds(1), PerPartition = true, SharesInstanceBudget = false };
        });
        await h.SendNow(Post, "C1");
        await h.SendNow(Post, "C2");
        await h.SendNow(Post, null);

        Task<HttpResponseMessage> c1Again = h.Send(Post, "C1");
        Task<HttpResponseMessage> unpartitionedAgain = h.Send(Post, null);
        await h.SendNow(Post, "C3");
        Assert.Equal(4, h.SentOf(Post));

        h.Clock.Advance(Hold(1));
        (await c1Again.WaitAsync(Safety)).Dispose();
        (await unpartitionedAgain.WaitAsync(Safety)).Dispose();
        Assert.Equal(6, h.SentOf(Post));
    }

    [Fact]
    public async Task SendAsync_PartitionWithoutPerPartition_IsIgnored()
    {
        using var h = new Harness(r => r.Operations[Post] = new() { PermitLimit = 1, Window = TimeSpan.FromSeconds(1), SharesInstanceBudget = false });
        await h.SendNow(Post, "C1");

        Task<HttpResponseMessage> other = h.Send(Post, "C2");
        Assert.Equal(1, h.SentOf(Post));
        h.Clock.Advance(Hold(1));
        (await other.WaitAsync(Safety)).Dispose();
    }

    [Fact]
    public async Task SendAsync_WaitedOnTheInstanceBudgetAfterTheOperationPermit_OperationWindowStartsWhenTheRequestIsSent()
    {
        using var h = new Harness(r =>
        {
            r.PermitLimit = 1;
            r.Operations[Search] = new() { PermitLimit = 1, Window = TimeSpan.FromSeconds(10) };
        });
        await h.SendNow(Get); // the instance budget is used up for Hold(1)

        // The search gets its operation permit now but its instance permit only at Hold(1), when it is sent.
        Task<HttpResponseMessage> first = h.Send(Search);
        h.Clock.Advance(Hold(1));
        (await first.WaitAsync(Safety)).Dispose();
        Task<HttpResponseMessage> second = h.Send(Search);

        // Ten seconds after the first was sent, not ten seconds after its operation permit.
        h.Clock.Advance(Hold(10) - Tick);
        Assert.Equal(1, h.SentOf(Search));
        h.Clock.Advance(Tick);
        (await second.WaitAsync(Safety)).Dispose();
        Assert.Equal([Hold(1), Hold(1) + Hold(10)], h.Sent.Where(s => s.Operation == Search).Select(s => s.At));
    }

    [Fact]
    public async Task Spread_PerMinuteLimit_GrantsOnePermitPerIntervalAndNeverMoreThanTheLimitPerWindow()
    {
        var clock = new ManualTimeProvider();
        using var budget = new MartechOperationBudget(
            "Slack:key#conversations.list",
            new MartechOperationRateLimit { PermitLimit = 20, Window = TimeSpan.FromMinutes(1), Spread = true },
            TimeSpan.FromMinutes(5), // 45 queued at once: the last waits over two minutes
            clock);
        TimeSpan interval = Hold(3); // a minute / 20, plus the budget's guard

        var acquires = Enumerable.Range(0, 45).Select(n => budget.AcquireAsync(null, out _, CancellationToken.None).AsTask()).ToList();
        Assert.Equal(1, acquires.Count(a => a.IsCompleted));
        clock.Advance(interval - Tick);
        Assert.Equal(1, acquires.Count(a => a.IsCompleted));
        clock.Advance(Tick);
        Assert.Equal(2, acquires.Count(a => a.IsCompleted));
        clock.Advance(TimeSpan.FromMinutes(3));

        TimeSpan[] granted = await Task.WhenAll(acquires).WaitAsync(Safety); // all queued at 0: the wait is the grant time
        Assert.Equal(Enumerable.Range(0, 45).Select(i => interval * i), granted);
        for (int i = 0; i + 20 < granted.Length; i++)
        {
            Assert.True(granted[i + 20] - granted[i] >= TimeSpan.FromMinutes(1), $"21 permits within a minute from permit {i}");
        }
    }

    [Theory]
    [InlineData(20, 60_000, 1, 30_000_000)]
    [InlineData(7, 60_000, 1, 85_714_286)]
    [InlineData(1, 60_000, 1, 600_000_000)]
    [InlineData(5, 1_000, 5, 10_000_000)] // not spread: as given
    public void ToBudgetOptions_Spread_IsOnePermitPerIntervalRoundedUp(int permits, int windowMs, int expectedPermits, long expectedWindowTicks)
    {
        var limit = new MartechOperationRateLimit { PermitLimit = permits, Window = TimeSpan.FromMilliseconds(windowMs), Spread = permits != 5 };

        MartechRateLimitOptions options = limit.ToBudgetOptions(TimeSpan.FromSeconds(42));

        Assert.Equal(expectedPermits, options.PermitLimit);
        Assert.Equal(TimeSpan.FromTicks(expectedWindowTicks), options.Window);
        Assert.True(options.Window * permits / expectedPermits >= limit.Window);
        Assert.Equal(TimeSpan.FromSeconds(42), options.MaxWait);
    }

    [Fact]
    public void Validate_OperationLimitOutOfRange_NamesTheOperationAndTheSetting()
    {
        var zero = new MartechRateLimitOptions { Operations = { [Search] = new() { PermitLimit = 0 } } };
        var noWindow = new MartechRateLimitOptions { Operations = { [Search] = new() { Window = TimeSpan.Zero } } };
        var blank = new MartechRateLimitOptions { Operations = { [" "] = new() } };

        Assert.Equal(
            "Provider 'Acme' rate limit of operation 'contacts.search': PermitLimit must be at least 1 (was 0).",
            Assert.Throws<InvalidOperationException>(() => zero.Validate("Acme")).Message);
        Assert.Contains("'contacts.search': Window must be positive", Assert.Throws<InvalidOperationException>(() => noWindow.Validate("Acme")).Message, StringComparison.Ordinal);
        Assert.Contains("empty operation name", Assert.Throws<InvalidOperationException>(() => blank.Validate("Acme")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Partitions_IdleOnesAreForgottenWhenTheirNumberGrows_BusyOnesKeepTheirState()
    {
        var clock = new ManualTimeProvider();
        using var budget = new MartechOperationBudget(
            "Slack:key#chat.postMessage",
            new MartechOperationRateLimit { PermitLimit = 1, Window = TimeSpan.FromSeconds(1), PerPartition = true },
            TimeSpan.FromMinutes(1),
            clock);
        for (int i = 0; i < MartechOperationBudget.SweepThreshold - 1; i++)
        {
            Assert.Equal(TimeSpan.Zero, BudgetAssert.Immediate(budget.AcquireAsync("C" + i, out _, CancellationToken.None)));
        }

        clock.Advance(Hold(1)); // every one of those is idle now
        Assert.Equal(TimeSpan.Zero, BudgetAssert.Immediate(budget.AcquireAsync("busy", out _, CancellationToken.None)));
        Assert.Equal(TimeSpan.Zero, BudgetAssert.Immediate(budget.AcquireAsync("new", out _, CancellationToken.None)));

        Assert.Equal(2, budget.PartitionCount);
        Task<TimeSpan> busyAgain = budget.AcquireAsync("busy", out _, CancellationToken.None).AsTask();
        Task<TimeSpan> newAgain = budget.AcquireAsync("new", out _, CancellationToken.None).AsTask();
        Assert.False(busyAgain.IsCompleted);
        Assert.False(newAgain.IsCompleted);
        Assert.Equal(TimeSpan.Zero, BudgetAssert.Immediate(budget.AcquireAsync("C0", out _, CancellationToken.None)));

        clock.Advance(Hold(1));
        Assert.Equal(Hold(1), await busyAgain.WaitAsync(Safety));
        Assert.Equal(Hold(1), await newAgain.WaitAsync(Safety));
    }

    [Fact]
    public async Task Partitions_ManyThreadsOnManyPartitionsThroughSweeps_EachPartitionNeverExceedsItsLimit()
    {
        var clock = new ManualTimeProvider();
        using var budget = new MartechOperationBudget(
            "Slack:key#chat.postMessage",
            new MartechOperationRateLimit { PermitLimit = 1, Window = TimeSpan.FromSeconds(1), PerPartition = true },
            TimeSpan.FromMinutes(1),
            clock);

        // Three rounds, a window apart, over 3,000 partitions: sweeps run while other threads acquire.
        for (int round = 0; round < 3; round++)
        {
            int granted = 0;
            await Task.WhenAll(Enumerable.Range(0, 4).Select(t => Task.Run(() =>
            {
                for (int i = t; i < 3_000; i += 4)
                {
                    if (budget.AcquireAsync("C" + i, out _, CancellationToken.None).AsTask().IsCompletedSuccessfully)
                    {
                        Interlocked.Increment(ref granted);
                    }
                }
            }))).WaitAsync(Safety);

            Assert.Equal(3_000, granted);

            // A second permit of any partition in the same window must wait.
            Task<TimeSpan> again = budget.AcquireAsync("C" + (round * 7), out _, CancellationToken.None).AsTask();
            Assert.False(again.IsCompleted);
            clock.Advance(Hold(1));
            await again.WaitAsync(Safety);
            clock.Advance(Hold(1));
        }
    }

    [Fact]
    public void AddHttpTransport_OperationBudgets_AreSharedByInstancesWithTheSameCredential()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new ManualTimeProvider());
        foreach (string name in (string[])["A", "B"])
        {
            services.AddMartech().AddProvider(name, "Acme").AddHttpTransport(_ => new MartechHttpOptions
            {
                BaseAddress = new Uri("https://api.acme.example/"),
                Authentication = MartechAuthentications.Bearer("same-token"),
                RateLimit = { Operations = { [Search] = new() { PermitLimit = 3 } } },
            });
        }

        using ServiceProvider sp = services.BuildServiceProvider();
        var a = sp.GetRequiredKeyedService<MartechTransportContext>("A");
        var b = sp.GetRequiredKeyedService<MartechTransportContext>("B");

        Assert.Same(a.OperationBudgets![Search], b.OperationBudgets![Search]);
        Assert.EndsWith("#" + Search, a.OperationBudgets[Search].Key, StringComparison.Ordinal);
    }

    [Fact]
    public void AddHttpTransport_NoOperationBudgets_LeavesTheFastPath()
    {
        var services = new ServiceCollection();
        services.AddMartech().AddProvider("A", "Acme").AddHttpTransport(_ => new MartechHttpOptions { BaseAddress = new Uri("https://api.acme.example/") });
        services.AddMartech().AddProvider("Off", "Acme").AddHttpTransport(_ => new MartechHttpOptions
        {
            BaseAddress = new Uri("https://api.acme.example/"),
            RateLimit = { Enabled = false, Operations = { [Search] = new() } },
        });

        using ServiceProvider sp = services.BuildServiceProvider();

        Assert.Null(sp.GetRequiredKeyedService<MartechTransportContext>("A").OperationBudgets);
        Assert.Null(sp.GetRequiredKeyedService<MartechTransportContext>("Off").OperationBudgets);
    }
}
