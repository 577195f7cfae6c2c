using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Headers;
using Martech.Sdk.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using RichardSzalay.MockHttp;

namespace Martech.Sdk.Tests.Http.RateLimiting;

public class RateLimitHandlerTests
{
    private static readonly TimeSpan Safety = TimeSpan.FromSeconds(30); // only guards against a hang; never asserted

    /// <summary>A rate-limit handler over MockHttp, with a budget on a manual clock.</summary>
    private sealed class Harness : IDisposable
    {
        private readonly Queue<Func<HttpResponseMessage>> _responses = new();
        private int _sent;

        public Harness(Action<MartechHttpOptions>? configure = null, string name = "Acme")
        {
            Options = new MartechHttpOptions
            {
                BaseAddress = new Uri("https://api.acme.example/v1/"),
                RateLimit = { PermitLimit = 100, Window = TimeSpan.FromSeconds(1) },
            };
            configure?.Invoke(Options);
            Budget = new MartechRateBudget(name + ":key", Options.RateLimit, Clock);
            var context = new MartechTransportContext(name, "AcmeCrm", Options, Budget, Clock, NullLogger.Instance);
            Mock.When("*").Respond(_ =>
            {
                lock (_responses)
                {
                    return _responses.Count > 0 ? _responses.Dequeue()() : new HttpResponseMessage(HttpStatusCode.OK);
                }
            });
            Invoker = new HttpMessageInvoker(new RateLimitHandler(context) { InnerHandler = new CountingHandler(this) { InnerHandler = Mock } });
        }

        public ManualTimeProvider Clock { get; } = new();

        public MartechHttpOptions Options { get; }

        public MartechRateBudget Budget { get; }

        public MockHttpMessageHandler Mock { get; } = new();

        public HttpMessageInvoker Invoker { get; }

        public int Sent => Volatile.Read(ref _sent);

        public void Then(Func<HttpResponseMessage> response)
        {
            lock (_responses)
            {
                _responses.Enqueue(response);
            }
        }

        public Task<HttpResponseMessage> Send(CancellationToken cancellationToken = default) =>
            Invoker.SendAsync(new HttpRequestMessage(HttpMethod.Get, "https://api.acme.example/v1/contacts"), cancellationToken);

        public void Dispose()
        {
            Invoker.Dispose();
            Budget.Dispose();
        }

        /// <summary>Counts requests the moment the rate-limit handler passes them on (MockHttp answers asynchronously,
        /// so counting there could miss a request that should not have been sent yet).</summary>
        private sealed class CountingHandler(Harness harness) : DelegatingHandler
        {
            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                Interlocked.Increment(ref harness._sent);
                return base.SendAsync(request, cancellationToken);
            }
        }
    }

    private static HttpResponseMessage TooMany(Action<HttpResponseMessage>? configure = null)
    {
        var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests) { Content = new StringContent("{\"errors\":[{\"field\":null,\"message\":\"too many requests\"}]}") };
        configure?.Invoke(response);
        return response;
    }

    [Fact]
    public async Task SendAsync_429WithRetryAfterSeconds_ReturnsItUnretriedAndPausesTheNextRequest()
    {
        using var h = new Harness();
        h.Then(() => TooMany(r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(5))));

        using HttpResponseMessage first = await h.Send();
        Assert.Equal(HttpStatusCode.TooManyRequests, first.StatusCode);
        Assert.Equal(1, h.Sent);

        Task<HttpResponseMessage> second = h.Send();
        h.Clock.Advance(TimeSpan.FromSeconds(5) - TimeSpan.FromTicks(1));
        Assert.False(second.IsCompleted);
        Assert.Equal(1, h.Sent);
        h.Clock.Advance(TimeSpan.FromTicks(1));

        using HttpResponseMessage ok = await second.WaitAsync(Safety);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(2, h.Sent);
    }

    [Fact]
    public async Task SendAsync_429WithRetryAfterDate_PausesEveryRequestUntilThatMoment()
    {
        using var h = new Harness();
        DateTimeOffset until = h.Clock.GetUtcNow().AddSeconds(8);
        h.Then(() => TooMany(r => r.Headers.RetryAfter = new RetryConditionHeaderValue(until)));
        using (await h.Send())
        {
        }

        Task<HttpResponseMessage>[] parallel = [h.Send(), h.Send(), h.Send()];
        h.Clock.Advance(TimeSpan.FromSeconds(7));
        Assert.Equal(1, h.Sent);
        h.Clock.Advance(TimeSpan.FromSeconds(1));

        foreach (HttpResponseMessage response in await Task.WhenAll(parallel).WaitAsync(Safety))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            response.Dispose();
        }

        Assert.Equal(4, h.Sent);
        Assert.Equal(TimeSpan.FromSeconds(8), h.Clock.Elapsed);
    }

    [Fact]
    public async Task SendAsync_HeadersSayNoneRemain_NextRequestWaitsForTheReset()
    {
        using var h = new Harness(o => o.RateLimitHeaders = RateLimitHeaderReaders.Pipedrive);
        h.Then(() =>
        {
            var r = new HttpResponseMessage(HttpStatusCode.OK);
            r.Headers.Add("x-ratelimit-limit", "80");
            r.Headers.Add("x-ratelimit-remaining", "0");
            r.Headers.Add("x-ratelimit-reset", "2");
            return r;
        });
        using (await h.Send())
        {
        }

        Task<HttpResponseMessage> next = h.Send();
        h.Clock.Advance(TimeSpan.FromSeconds(1.9));
        Assert.False(next.IsCompleted);
        Assert.Equal(1, h.Sent);
        h.Clock.Advance(TimeSpan.FromSeconds(0.1));

        (await next.WaitAsync(Safety)).Dispose();
        Assert.Equal(2, h.Sent);
    }

    [Fact]
    public async Task SendAsync_HeadersSayFewRemain_OnlyThoseAreSentBeforeTheReset()
    {
        using var h = new Harness(o => o.RateLimitHeaders = RateLimitHeaderReaders.Standard(resetIsUnixTimestamp: true));
        string reset = h.Clock.GetUtcNow().AddSeconds(10).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        h.Then(() =>
        {
            var r = new HttpResponseMessage(HttpStatusCode.Accepted);
            r.Headers.Add("X-RateLimit-Limit", "600");
            r.Headers.Add("X-RateLimit-Remaining", "2");
            r.Headers.Add("X-RateLimit-Reset", reset);
            return r;
        });
        using (await h.Send())
        {
        }

        Task<HttpResponseMessage>[] sends = [h.Send(), h.Send(), h.Send()];
        await Task.WhenAll(sends[0], sends[1]).WaitAsync(Safety);
        Assert.False(sends[2].IsCompleted);
        Assert.Equal(3, h.Sent);
        h.Clock.Advance(TimeSpan.FromSeconds(10));

        (await sends[2].WaitAsync(Safety)).Dispose();
        Assert.Equal(4, h.Sent);
    }

    [Fact]
    public async Task SendAsync_429WithoutRetryAfterOrHeaders_HoldsTheBudgetForAWindow()
    {
        using var h = new Harness(o => o.RateLimit.PermitLimit = 10);
        h.Then(() => TooMany());
        using (await h.Send())
        {
        }

        Task<HttpResponseMessage> next = h.Send();
        h.Clock.Advance(MartechRateBudget.HoldFor(TimeSpan.FromSeconds(1)) - TimeSpan.FromTicks(1));
        Assert.False(next.IsCompleted);
        Assert.Equal(1, h.Sent);
        h.Clock.Advance(TimeSpan.FromTicks(1));

        (await next.WaitAsync(Safety)).Dispose();
    }

    [Fact]
    public async Task SendAsync_WaitLongerThanMaxWait_ThrowsRateLimitedWithoutSending()
    {
        using var h = new Harness(o => o.RateLimit.MaxWait = TimeSpan.FromSeconds(5));
        h.Then(() => TooMany(r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(30))));
        using (await h.Send())
        {
        }

        var ex = await Assert.ThrowsAsync<MartechRateLimitedException>(() => h.Send());

        Assert.Equal(TimeSpan.FromSeconds(30), ex.RetryAfter);
        Assert.Equal(1, h.Sent);
    }

    [Fact]
    public async Task SendAsync_CanceledWhileWaiting_ThrowsAndSendsNothing()
    {
        using var h = new Harness();
        h.Budget.ObserveRetryAfter(TimeSpan.FromSeconds(10));
        using var cts = new CancellationTokenSource();
        Task<HttpResponseMessage> send = h.Send(cts.Token);

        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => send.WaitAsync(Safety));
        Assert.Equal(0, h.Sent);
    }

    [Fact]
    public async Task SendAsync_BudgetDisabled_SendsAtOnceEvenAfterA429()
    {
        using var h = new Harness(o => o.RateLimit.Enabled = false);
        h.Then(() => TooMany(r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(30))));
        using (await h.Send())
        {
        }

        // The clock never moves: a paused budget would never let this through.
        (await h.Send().WaitAsync(Safety)).Dispose();

        Assert.Equal(2, h.Sent);
        Assert.Equal(0, h.Clock.ActiveTimers);
    }

    [Fact]
    public async Task SendAsync_AfterWaiting_RecordsTheWaitInTelemetry()
    {
        string provider = "RateLimitTelemetry-" + Guid.NewGuid().ToString("N");
        var waits = new List<double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == MartechTelemetry.Name && instrument.Name == "martech.client.rate_limit.wait")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == MartechTelemetry.ProviderTag && Equals(tag.Value, provider))
                {
                    lock (waits)
                    {
                        waits.Add(value);
                    }
                }
            }
        });
        listener.Start();
        using var h = new Harness(name: provider);
        h.Budget.ObserveRetryAfter(TimeSpan.FromSeconds(2));

        Task<HttpResponseMessage> send = h.Send();
        h.Clock.Advance(TimeSpan.FromSeconds(2));
        (await send.WaitAsync(Safety)).Dispose();
        (await h.Send()).Dispose();

        lock (waits)
        {
            Assert.Equal([2.0, 0.0], waits);
        }
    }

    [Theory]
    [InlineData(-30, 0)]
    [InlineData(0, 0)]
    [InlineData(42, 42)]
    public void RetryAfter_HttpDate_IsTheTimeUntilThen(int secondsFromNow, int expectedSeconds)
    {
        var now = new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter = new RetryConditionHeaderValue(now.AddSeconds(secondsFromNow));

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), RateLimitHandler.RetryAfter(response, now));
    }

    [Fact]
    public void RetryAfter_Missing_IsNull()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);

        Assert.Null(RateLimitHandler.RetryAfter(response, DateTimeOffset.UnixEpoch));
    }
}
