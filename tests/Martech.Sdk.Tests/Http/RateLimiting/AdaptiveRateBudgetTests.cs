using System.Diagnostics.Metrics;
using System.Net;
using static Martech.Sdk.Tests.Http.RateLimiting.BudgetAssert;
using Martech.Sdk.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using RichardSzalay.MockHttp;

namespace Martech.Sdk.Tests.Http.RateLimiting;

/// <summary>The budget's adaptive limit: cut on a 429, lowered to the headroom the vendor's headers show, capped by the
/// limit they state, and recovering one step per window without a 429.</summary>
public class AdaptiveRateBudgetTests
{
    private const string Key = "HubSpot:3f2a9c01d4e5";
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Hold = MartechRateBudget.HoldFor(Window);

    private static MartechRateBudget Budget(ManualTimeProvider clock, int permits) =>
        new(Key, new MartechRateLimitOptions { PermitLimit = permits, Window = Window, MaxWait = TimeSpan.FromMinutes(5) }, clock);

    [Fact]
    public void ObserveTooManyRequests_CutsTheLimitToSeventyPercentOfThePermitsGrantedBeforeTheRefusedOne()
    {
        var clock = new ManualTimeProvider();
        using var budget = Budget(clock, permits: 30);
        TakeImmediately(budget, 20);
        long grantedAt = clock.GetTimestamp();
        clock.Advance(Hold / 2);

        budget.ObserveTooManyRequests(grantedAt); // the 20th was refused: 19 got through

        Assert.Equal(13, budget.PermitLimit); // floor(19 × 0.7)
        clock.Advance(Hold / 2); // the 20 permits have left the window; the limit has not recovered yet
        TakeImmediately(budget, 13);
        Assert.False(budget.AcquireAsync(CancellationToken.None).AsTask().IsCompleted);
    }

    [Fact]
    public void ObserveTooManyRequests_RefusedRequestsGrantedBeforeTheCut_CutOnlyOnce()
    {
        var clock = new ManualTimeProvider();
        using var budget = Budget(clock, permits: 40);
        TakeImmediately(budget, 30);
        long grantedBeforeTheCut = clock.GetTimestamp();
        clock.Advance(TimeSpan.FromMilliseconds(10));

        budget.ObserveTooManyRequests(grantedBeforeTheCut);
        int afterFirst = budget.PermitLimit;
        for (int i = 0; i < 10; i++)
        {
            budget.ObserveTooManyRequests(grantedBeforeTheCut); // in flight when the first 429 came
        }

        Assert.Equal(20, afterFirst); // floor(29 × 0.7)
        Assert.Equal(afterFirst, budget.PermitLimit);

        // A request granted under the new limit and refused again cuts again.
        clock.Advance(Hold);
        TakeImmediately(budget, 10);
        budget.ObserveTooManyRequests(clock.GetTimestamp());
        Assert.Equal(7, budget.PermitLimit); // floor(half the limit, 10, × 0.7): more than the 9 that got through
    }

    [Fact]
    public void ObserveTooManyRequests_LoneRequestsRefusedAgainAndAgain_HalveTheLimitAtMostPerCutDownToOnePermit()
    {
        var clock = new ManualTimeProvider();
        using var budget = Budget(clock, permits: 10);
        var limits = new List<int>();
        for (int i = 0; i < 4; i++)
        {
            clock.Advance(Hold);
            TakeImmediately(budget, 1);
            budget.ObserveTooManyRequests(clock.GetTimestamp());
            limits.Add(budget.PermitLimit);
        }

        Assert.Equal([3, 1, 1, 1], limits); // floor(10 / 2 × 0.7), floor(3 / 2 × 0.7) → 1, …
        clock.Advance(Hold / 2);
        Assert.False(budget.AcquireAsync(CancellationToken.None).AsTask().IsCompleted);
    }

    [Fact]
    public void Observe_LessHeadroomThanAssumed_LowersTheLimitToWhatTheVendorShows()
    {
        var clock = new ManualTimeProvider();
        using var budget = Budget(clock, permits: 100);
        TakeImmediately(budget, 10);
        clock.Advance(Hold / 2);

        // Another app on the portal uses most of the limit: 10 of ours plus 15 remaining is all there is.
        budget.Observe(new RateLimitSnapshot(100, 15, null));

        Assert.Equal(25, budget.PermitLimit);
        clock.Advance(Hold / 2); // the lowered limit outlives the window: it recovers only slowly
        TakeImmediately(budget, 25);
        Assert.False(budget.AcquireAsync(CancellationToken.None).AsTask().IsCompleted);
    }

    [Fact]
    public void Observe_HeadroomMatchingTheBudgetsOwnUsage_LeavesTheLimit()
    {
        var clock = new ManualTimeProvider();
        using var budget = Budget(clock, permits: 100);
        TakeImmediately(budget, 10);

        budget.Observe(new RateLimitSnapshot(100, 90, null));
        budget.Observe(new RateLimitSnapshot(100, 95, TimeSpan.FromSeconds(1)));
        budget.Observe(new RateLimitSnapshot(100, 0, TimeSpan.Zero)); // a window that has just reset says nothing

        Assert.Equal(100, budget.PermitLimit);
    }

    [Fact]
    public void Observe_StatedLimitForAWindow_IsACeilingConvertedToTheBudgetsWindow()
    {
        var clock = new ManualTimeProvider();
        using var budget = new MartechRateBudget(Key, new MartechRateLimitOptions { PermitLimit = 100, Window = TimeSpan.FromSeconds(10) }, clock);

        budget.Observe(new RateLimitSnapshot(50, null, null)); // no window: not comparable
        Assert.Equal(100, budget.PermitLimit);

        budget.Observe(new RateLimitSnapshot(8, null, null) { Window = TimeSpan.FromSeconds(1) }); // 8/s: at most 80 per 10 s
        Assert.Equal(80, budget.PermitLimit);

        budget.Observe(new RateLimitSnapshot(20, 20, null) { Window = TimeSpan.FromSeconds(10) });
        Assert.Equal(20, budget.PermitLimit);

        budget.Observe(new RateLimitSnapshot(250_000, 249_000, null) { Window = TimeSpan.FromDays(1) }); // the lowest window wins
        Assert.Equal(20, budget.PermitLimit);
    }

    [Fact]
    public void Recovery_AddsOneStepPerWindowWithoutA429_UpToTheConfiguredLimit()
    {
        var clock = new ManualTimeProvider();
        using var budget = Budget(clock, permits: 100);
        TakeImmediately(budget, 21);
        budget.ObserveTooManyRequests(clock.GetTimestamp());
        Assert.Equal(35, budget.PermitLimit); // at most halved (× 0.7) by one cut
        clock.Advance(Hold);
        TakeImmediately(budget, 21);
        budget.ObserveTooManyRequests(clock.GetTimestamp());
        Assert.Equal(14, budget.PermitLimit); // floor(20 × 0.7)
        Assert.Equal(5, budget.RecoveryStep); // 100 / 20

        var seen = new List<int>();
        for (int window = 0; window < 25; window++)
        {
            clock.Advance(Hold);
            TakeImmediately(budget, 1); // demand: recovery is checked when permits are asked for
            seen.Add(budget.PermitLimit);
        }

        // Up to the rate achieved before the 429, a step a window; past it, carefully (+1, +2, +4), then steps again.
        Assert.Equal([19, 20, 21, 23, 27, 32, 37], seen.Take(7));
        Assert.Equal(100, seen[^1]);
        Assert.All(seen.Zip(seen.Skip(1)), p => Assert.InRange(p.Second - p.First, 0, 5));

        // Idle for an hour after a cut: one step, not one per window missed.
        clock.Advance(Hold);
        TakeImmediately(budget, 51);
        budget.ObserveTooManyRequests(clock.GetTimestamp());
        Assert.Equal(35, budget.PermitLimit); // floor(50 × 0.7)
        clock.Advance(TimeSpan.FromHours(1));
        TakeImmediately(budget, 1);
        Assert.Equal(40, budget.PermitLimit);
    }

    [Fact]
    public void Recovery_NeverClimbsAboveTheLimitTheVendorStates()
    {
        var clock = new ManualTimeProvider();
        using var budget = Budget(clock, permits: 100);
        budget.Observe(new RateLimitSnapshot(40, 40, null) { Window = Window });
        TakeImmediately(budget, 30);
        budget.ObserveTooManyRequests(clock.GetTimestamp());
        Assert.Equal(20, budget.PermitLimit);

        for (int window = 0; window < 20; window++)
        {
            clock.Advance(Hold);
            TakeImmediately(budget, 1);
        }

        Assert.Equal(40, budget.PermitLimit);

        // The vendor raises its limit (a plan upgrade): recovery climbs on, step by step.
        budget.Observe(new RateLimitSnapshot(60, 60, null) { Window = Window });
        Assert.Equal(40, budget.PermitLimit);
        clock.Advance(Hold);
        TakeImmediately(budget, 1);
        Assert.Equal(45, budget.PermitLimit);
    }

    [Fact]
    public void TryRetire_LoweredLimit_KeepsTheBudgetSoThePartitionDoesNotForgetIt()
    {
        var clock = new ManualTimeProvider();
        using var budget = Budget(clock, permits: 10);
        TakeImmediately(budget, 1);
        budget.ObserveTooManyRequests(clock.GetTimestamp());
        clock.Advance(Hold * 3);

        Assert.False(budget.TryRetire()); // nothing held, but the lowered limit is state a new budget would not have
    }

    /// <summary>A vendor whose real limit is a fifth of the configured one, with fixed windows like the emulators', and
    /// four callers that always want more: the budget cuts once, then holds near the real limit.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SustainedOverLimit_ConvergesNearTheRealLimitWithoutOscillating(bool headersStateTheLimit)
    {
        const int Configured = 100;
        const int Real = 20;
        const int Windows = 60;
        var clock = new ManualTimeProvider();
        using var budget = Budget(clock, permits: Configured);
        var vendor = new FixedWindowVendor(clock, Real, Window);
        var pending = new List<Task<TimeSpan>>();
        var limits = new List<int>();
        int refusedAfterFirstWindow = 0, sentAfterFirstWindow = 0, acceptedAfterFirstWindow = 0;
        TimeSpan step = TimeSpan.FromMilliseconds(5);

        for (TimeSpan t = TimeSpan.Zero; t < Window * Windows; t += step)
        {
            while (pending.Count < 4)
            {
                pending.Add(budget.AcquireAsync(CancellationToken.None).AsTask());
            }

            foreach (Task<TimeSpan> granted in pending.Where(p => p.IsCompleted).ToList())
            {
                Assert.True(granted.IsCompletedSuccessfully);
                pending.Remove(granted);
                long grantedAt = clock.GetTimestamp();
                (bool admitted, int remaining, TimeSpan resetAfter) = vendor.Arrive();
                if (t >= Window * 2)
                {
                    sentAfterFirstWindow++;
                    refusedAfterFirstWindow += admitted ? 0 : 1;
                    acceptedAfterFirstWindow += admitted ? 1 : 0;
                }

                if (headersStateTheLimit)
                {
                    budget.Observe(new RateLimitSnapshot(Real, remaining, null) { Window = Window });
                }

                if (!admitted)
                {
                    budget.ObserveTooManyRequests(grantedAt);
                    budget.ObserveRetryAfter(resetAfter);
                }
            }

            if (t >= Window * 2)
            {
                limits.Add(budget.PermitLimit);
            }

            clock.Advance(step);
        }

        // Never back up near the configured limit, never collapsed: between the cut and one step above the real limit.
        Assert.All(limits, l => Assert.InRange(l, (int)(Real * MartechRateBudget.Backoff) - 1, Real + budget.RecoveryStep));
        int cuts = limits.Zip(limits.Skip(1)).Count(p => p.Second < p.First);
        double windows = Windows - 2;
        double acceptedPerWindow = acceptedAfterFirstWindow / windows;
        if (headersStateTheLimit)
        {
            Assert.Equal(0, refusedAfterFirstWindow);
            Assert.Equal(0, cuts);
            Assert.All(limits, l => Assert.Equal(Real, l)); // pinned at the stated limit
            Assert.True(acceptedPerWindow >= 0.95 * Real, $"{acceptedPerWindow:0.0} accepted per window of a real {Real}");
        }
        else
        {
            // Probing for headroom costs at most one refused request per climb back, a few per cent of requests.
            Assert.True(refusedAfterFirstWindow <= 0.05 * sentAfterFirstWindow, $"{refusedAfterFirstWindow} of {sentAfterFirstWindow} refused after the first window");
            Assert.True(cuts <= windows / 2, $"{cuts} cuts in {windows} windows: each must be followed by a climb of two windows or more");
            Assert.True(acceptedPerWindow >= 0.7 * Real, $"{acceptedPerWindow:0.0} accepted per window of a real {Real}");
        }
    }

    [Fact]
    public async Task WithLimiterFactory_AfterA429_TheAdaptiveLimitHoldsBackWhatTheSharedLimiterGrants()
    {
        var clock = new ManualTimeProvider();
        using var shared = new RecordingRateLimiter { Available = 1_000 };
        using var budget = new MartechRateBudget(
            Key,
            new MartechRateLimitOptions { PermitLimit = 12, Window = Window, MaxWait = TimeSpan.FromMinutes(1), LimiterFactory = _ => shared },
            clock);
        for (int i = 0; i < 10; i++)
        {
            Assert.Equal(TimeSpan.Zero, await budget.AcquireAsync(CancellationToken.None));
        }

        long grantedAt = clock.GetTimestamp();
        clock.Advance(Hold / 2);
        budget.ObserveTooManyRequests(grantedAt);
        Assert.Equal(6, budget.PermitLimit); // floor(9 × 0.7)

        clock.Advance(Hold / 2);
        for (int i = 0; i < 6; i++)
        {
            Assert.Equal(TimeSpan.Zero, await budget.AcquireAsync(CancellationToken.None));
        }

        Task<TimeSpan> held = budget.AcquireAsync(CancellationToken.None).AsTask();
        await Task.Yield();
        Assert.False(held.IsCompleted); // the shared limiter granted it; the adaptive limit holds it back
        Assert.Equal(1_000 - 17, shared.Available);
        clock.Advance(Hold / 2); // a window after the cut the limit recovers a step (12 / 20 → 1), and lets it through
        Assert.Equal(Hold / 2, await held.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(7, budget.PermitLimit);
    }

    [Fact]
    public async Task Handler_429_CutsTheLimitForEveryCallerOnTheCredentialAndRecordsIt()
    {
        var clock = new ManualTimeProvider();
        var options = new MartechHttpOptions { BaseAddress = new Uri("https://api.acme.example/"), RateLimit = { PermitLimit = 100, Window = Window } };
        using var budget = new MartechRateBudget("Acme:key", options.RateLimit, clock);
        using var mock = new MockHttpMessageHandler();
        int calls = 0;
        mock.When("*").Respond(_ => Interlocked.Increment(ref calls) == 11
            ? new HttpResponseMessage(HttpStatusCode.TooManyRequests)
            : new HttpResponseMessage(HttpStatusCode.OK));
        using var first = Invoker("one", options, budget, clock, mock);
        using var second = Invoker("two", options, budget, clock, mock);
        var recorded = new List<long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "martech.client.rate_limit.permit_limit")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => recorded.Add(value));
        listener.Start();

        for (int i = 0; i < 10; i++)
        {
            (await first.SendAsync(new HttpRequestMessage(HttpMethod.Get, "https://api.acme.example/x"), CancellationToken.None)).Dispose();
        }

        using HttpResponseMessage refused = await second.SendAsync(new HttpRequestMessage(HttpMethod.Get, "https://api.acme.example/x"), CancellationToken.None);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(35, budget.PermitLimit); // floor(half of 100 × 0.7), for both instances: they share the budget
        Assert.Contains(35L, recorded);
    }

    private static HttpMessageInvoker Invoker(string name, MartechHttpOptions options, MartechRateBudget budget, TimeProvider clock, HttpMessageHandler inner)
    {
        var context = new MartechTransportContext(name, "AcmeCrm", options, budget, clock, NullLogger.Instance);
        return new HttpMessageInvoker(new RateLimitHandler(context) { InnerHandler = inner }, disposeHandler: false);
    }

    /// <summary>A vendor's fixed-window limit, like <c>EmulatorRateLimit</c>: a window starts with the first request
    /// after the previous one ended.</summary>
    private sealed class FixedWindowVendor(TimeProvider clock, int limit, TimeSpan window)
    {
        private DateTimeOffset _start = DateTimeOffset.MinValue;
        private int _used;

        public (bool Admitted, int Remaining, TimeSpan ResetAfter) Arrive()
        {
            DateTimeOffset now = clock.GetUtcNow();
            if (_start == DateTimeOffset.MinValue || now >= _start + window)
            {
                _start = now;
                _used = 0;
            }

            TimeSpan resetAfter = _start + window - now;
            if (_used >= limit)
            {
                return (false, 0, resetAfter);
            }

            _used++;
            return (true, limit - _used, resetAfter);
        }
    }
}
