using static Martech.Sdk.Tests.Http.RateLimiting.BudgetAssert;
using Martech.Sdk.Testing;

namespace Martech.Sdk.Tests.Http.RateLimiting;

public class MartechRateBudgetTests
{
    private const string Key = "HubSpot:3f2a9c01d4e5";
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);

    private static MartechRateLimitOptions Options(int permits, TimeSpan window, TimeSpan? maxWait = null) =>
        new() { PermitLimit = permits, Window = window, MaxWait = maxWait ?? TimeSpan.FromMinutes(1) };

    private static MartechRateBudget Budget(ManualTimeProvider clock, int permits, double windowSeconds = 1, TimeSpan? maxWait = null) =>
        new(Key, Options(permits, TimeSpan.FromSeconds(windowSeconds), maxWait), clock);

    private static TimeSpan Hold(double windowSeconds) => MartechRateBudget.HoldFor(TimeSpan.FromSeconds(windowSeconds));

    [Theory]
    [InlineData(1_000, 1_020)]
    [InlineData(10_000, 10_200)]
    [InlineData(2_000, 2_040)]
    [InlineData(86_400_000, 86_401_000)]
    public void HoldFor_Window_AddsTwoPercentGuardCappedAtOneSecond(int windowMs, int expectedMs)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), MartechRateBudget.HoldFor(TimeSpan.FromMilliseconds(windowMs)));
    }

    [Fact]
    public void AcquireAsync_WithinPermitLimit_GrantsAtOnceWithoutWaiting()
    {
        var clock = new ManualTimeProvider();
        using var budget = Budget(clock, permits: 3);

        TakeImmediately(budget, 3);

        Assert.False(budget.AcquireAsync(CancellationToken.None).AsTask().IsCompleted);
    }

    [Fact]
    public async Task AcquireAsync_BeyondPermitLimit_WaitsUntilThePermitLeavesTheWindow()
    {
        var clock = new ManualTimeProvider();
        using var budget = Budget(clock, permits: 2);
        TakeImmediately(budget, 2);

        Task<TimeSpan> third = budget.AcquireAsync(CancellationToken.None).AsTask();
        clock.Advance(Hold(1) - Tick);
        Assert.False(third.IsCompleted);
        clock.Advance(Tick);

        Assert.True(third.IsCompletedSuccessfully);
        Assert.Equal(Hold(1), await third);
    }

    [Fact]
    public async Task AcquireAsync_PermitsTakenAtDifferentTimes_FreeOneByOneAsEachLeavesTheWindow()
    {
        var clock = new ManualTimeProvider();
        using var budget = Budget(clock, permits: 2);
        TakeImmediately(budget, 1);
        clock.Advance(TimeSpan.FromMilliseconds(400));
        TakeImmediately(budget, 1);

        Task<TimeSpan> a = budget.AcquireAsync(CancellationToken.None).AsTask();
        Task<TimeSpan> b = budget.AcquireAsync(CancellationToken.None).AsTask();

        clock.Advance(Hold(1) - TimeSpan.FromMilliseconds(400)); // the first permit leaves
        Assert.True(a.IsCompletedSuccessfully);
        Assert.Equal(Hold(1) - TimeSpan.FromMilliseconds(400), await a);
        Assert.False(b.IsCompleted);

        clock.Advance(TimeSpan.FromMilliseconds(400)); // the second leaves
        Assert.True(b.IsCompletedSuccessfully);
        Assert.Equal(Hold(1), await b);
    }

    [Fact]
    public async Task AcquireAsync_SustainedDemand_NeverExceedsTheLimitInAnyWindowAndReaches95PercentOfIt()
    {
        var clock = new ManualTimeProvider();
        const int Limit = 5_000;
        using var budget = Budget(clock, permits: Limit, windowSeconds: 1);
        var step = TimeSpan.FromTicks(1_000); // 0.1 ms: twice the rate the budget allows
        var enqueued = new List<(TimeSpan At, Task<TimeSpan> Acquire)>();

        for (int i = 0; i < 30_000; i++)
        {
            enqueued.Add((clock.Elapsed, budget.AcquireAsync(CancellationToken.None).AsTask()));
            clock.Advance(step);
        }

        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.All(enqueued, e => Assert.True(e.Acquire.IsCompletedSuccessfully));
        TimeSpan[] waits = await Task.WhenAll(enqueued.Select(e => e.Acquire));
        var granted = enqueued.Select((e, i) => e.At + waits[i]).ToList();

        // FIFO: grants happen in the order of arrival.
        for (int i = 1; i < granted.Count; i++)
        {
            Assert.True(granted[i] >= granted[i - 1], $"grant {i} came before grant {i - 1}");
        }

        // Exact sliding window: permit i + Limit is never granted within a window of permit i.
        for (int i = 0; i + Limit < granted.Count; i++)
        {
            Assert.True(granted[i + Limit] - granted[i] >= TimeSpan.FromSeconds(1), $"{Limit + 1} permits within one window at grant {i}");
        }

        // Throughput once saturated (from 1 s to 5 s): at least 95% of the limit.
        int inSteadyState = granted.Count(g => g >= TimeSpan.FromSeconds(1) && g < TimeSpan.FromSeconds(5));
        Assert.True(inSteadyState >= 0.95 * 4 * Limit, $"only {inSteadyState} permits in 4 s against a limit of {Limit}/s");
    }

    [Fact]
    public async Task AcquireAsync_WaitingAcquirers_AreGrantedInArrivalOrder()
    {
        var clock = new ManualTimeProvider();
        using var budget = Budget(clock, permits: 1);
        TakeImmediately(budget, 1);
        var waiting = Enumerable.Range(0, 5).Select(_ => budget.AcquireAsync(CancellationToken.None).AsTask()).ToList();

        for (int round = 1; round <= waiting.Count; round++)
        {
            clock.Advance(Hold(1));
            Assert.Equal(round, waiting.Count(t => t.IsCompleted));
            Assert.True(waiting[round - 1].IsCompletedSuccessfully);
            Assert.Equal(Hold(1) * round, await waiting[round - 1]);
        }
    }

    [Fact]
    public async Task AcquireAsync_NewArrivalWhileOthersWait_QueuesBehindThemEvenIfAPermitFrees()
    {
        var clock = new ManualTimeProvider();
        using var budget = Budget(clock, permits: 1);
        TakeImmediately(budget, 1);
        Task<TimeSpan> first = budget.AcquireAsync(CancellationToken.None).AsTask();
        clock.Advance(Hold(1) / 2);
        Task<TimeSpan> second = budget.AcquireAsync(CancellationToken.None).AsTask();

        clock.Advance(Hold(1) / 2);

        Assert.Equal(Hold(1), await first);
        Assert.False(second.IsCompleted);
    }

    [Fact]
    public async Task AcquireAsync_ArrivesWhenAPermitFreedButTheTimerIsLate_ServesTheWaiterFirst()
    {
        var clock = new ManualTimeProvider();
        using var budget = Budget(clock, permits: 1);
        TakeImmediately(budget, 1);
        Task<TimeSpan> waiting = budget.AcquireAsync(CancellationToken.None).AsTask();

        clock.AdvanceWithoutFiringTimers(Hold(1));
        Task<TimeSpan> latecomer = budget.AcquireAsync(CancellationToken.None).AsTask();

        Assert.True(waiting.IsCompletedSuccessfully);
        Assert.Equal(Hold(1), await waiting);
        Assert.False(latecomer.IsCompleted);
        clock.Advance(Hold(1));
        Assert.Equal(Hold(1), await latecomer);
    }

    [Fact]
    public async Task AcquireAsync_ManyConcurrentCallers_EachGrantedOnceAndNeverMoreThanTheLimitPerWindow()
    {
        var clock = new ManualTimeProvider();
        using var budget = Budget(clock, permits: 5);
        var starts = Enumerable.Range(0, 40)
            .Select(_ => Task.Factory.StartNew(() => budget.AcquireAsync(CancellationToken.None).AsTask(), CancellationToken.None, TaskCreationOptions.None, TaskScheduler.Default))
            .ToList();
        Task<TimeSpan>[] acquires = await Task.WhenAll(starts);

        Assert.Equal(5, acquires.Count(a => a.IsCompletedSuccessfully));
        for (int window = 1; window <= 7; window++)
        {
            clock.Advance(Hold(1));
            Assert.Equal(5 * (window + 1), acquires.Count(a => a.IsCompletedSuccessfully));
        }

        var waits = (await Task.WhenAll(acquires)).OrderBy(w => w).ToList();
        for (int window = 0; window < 8; window++)
        {
            Assert.All(waits.Skip(window * 5).Take(5), w => Assert.Equal(Hold(1) * window, w));
        }
    }

    [Fact]
    public async Task AcquireAsync_WaitLongerThanMaxWait_ThrowsRateLimitedWithEstimatedRetryAfter()
    {
        var clock = new ManualTimeProvider();
        using var budget = Budget(clock, permits: 1, windowSeconds: 10, maxWait: TimeSpan.FromSeconds(5));
        TakeImmediately(budget, 1);

        var ex = await Assert.ThrowsAsync<MartechRateLimitedException>(() => budget.AcquireAsync(CancellationToken.None).AsTask());

        Assert.Equal(Hold(10), ex.RetryAfter);
        Assert.Contains(Key, ex.Message, StringComparison.Ordinal);
        Assert.Contains("MaxWait", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AcquireAsync_QueuePositionPastMaxWait_ThrowsWithTheWaitForThatPosition()
    {
        var clock = new ManualTimeProvider();
        using var budget = Budget(clock, permits: 2, windowSeconds: 1, maxWait: TimeSpan.FromSeconds(2.5));
        TakeImmediately(budget, 2);
        var queued = Enumerable.Range(0, 4).Select(_ => budget.AcquireAsync(CancellationToken.None).AsTask()).ToList();

        // Positions 0-1 get a permit after one hold, 2-3 after two, so the fifth would wait three.
        var ex = await Assert.ThrowsAsync<MartechRateLimitedException>(() => budget.AcquireAsync(CancellationToken.None).AsTask());

        Assert.Equal(Hold(1) * 3, ex.RetryAfter);
        Assert.All(queued, q => Assert.False(q.IsCompleted));
        clock.Advance(Hold(1) * 2);
        Assert.All(queued, q => Assert.True(q.IsCompletedSuccessfully));
    }

    [Fact]
    public async Task AcquireAsync_MaxWaitZero_FailsAtOnceInsteadOfWaiting()
    {
        var clock = new ManualTimeProvider();
        using var budget = Budget(clock, permits: 1, maxWait: TimeSpan.Zero);
        TakeImmediately(budget, 1);

        var ex = await Assert.ThrowsAsync<MartechRateLimitedException>(() => budget.AcquireAsync(CancellationToken.None).AsTask());

        Assert.Equal(Hold(1), ex.RetryAfter);
    }

    [Fact]
    public async Task AcquireAsync_CanceledWhileWaiting_ThrowsAndGivesItsPlaceToTheNext()
    {
        var clock = new ManualTimeProvider();
        using var budget = Budget(clock, permits: 1);
        TakeImmediately(budget, 1);
        using var cts = new CancellationTokenSource();
        Task<TimeSpan> canceled = budget.AcquireAsync(cts.Token).AsTask();
        Task<TimeSpan> next = budget.AcquireAsync(CancellationToken.None).AsTask();

        await cts.CancelAsync();

        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => canceled);
        Assert.Equal(cts.Token, ex.CancellationToken);
        clock.Advance(Hold(1));
        Assert.True(next.IsCompletedSuccessfully);
        Assert.Equal(Hold(1), await next);
        clock.Advance(Hold(1) * 3);
        Assert.Equal(0, clock.ActiveTimers);
    }

    [Fact]
    public async Task AcquireAsync_AlreadyCanceled_ThrowsWithoutTakingAPermit()
    {
        var clock = new ManualTimeProvider();
        using var budget = Budget(clock, permits: 1);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => budget.AcquireAsync(new CancellationToken(canceled: true)).AsTask());

        TakeImmediately(budget, 1);
    }

    [Fact]
    public async Task Observe_NoneRemainingWithResetAfter_PausesAcquirersUntilTheReset()
    {
        var clock = new ManualTimeProvider();
        using var budget = Budget(clock, permits: 100);

        budget.Observe(new RateLimitSnapshot(100, 0, TimeSpan.FromSeconds(5)));
        Task<TimeSpan> a = budget.AcquireAsync(CancellationToken.None).AsTask();
        Task<TimeSpan> b = budget.AcquireAsync(CancellationToken.None).AsTask();
        clock.Advance(TimeSpan.FromSeconds(5) - Tick);
        Assert.False(a.IsCompleted);
        clock.Advance(Tick);

        Assert.Equal(TimeSpan.FromSeconds(5), await a);
        Assert.Equal(TimeSpan.FromSeconds(5), await b);
    }

    [Fact]
    public async Task Observe_FewerRemainingThanTheBudgetBelieves_GrantsOnlyThoseAndLowersTheLimitBeyondTheReset()
    {
        var clock = new ManualTimeProvider();
        using var budget = Budget(clock, permits: 100, windowSeconds: 10);

        budget.Observe(new RateLimitSnapshot(100, 3, TimeSpan.FromSeconds(4)));
        TakeImmediately(budget, 3);
        Task<TimeSpan> fourth = budget.AcquireAsync(CancellationToken.None).AsTask();

        // Someone else used 97 of the vendor's 100: the limit is what the vendor showed, also after its reset...
        Assert.Equal(3, budget.PermitLimit);
        clock.Advance(TimeSpan.FromSeconds(4));
        Assert.False(fourth.IsCompleted);

        // ...until a window passes without a 429: then it recovers a step (100 / 20) and the fourth goes.
        clock.Advance(Hold(10) - TimeSpan.FromSeconds(4));
        Assert.True(fourth.IsCompletedSuccessfully);
        Assert.Equal(Hold(10), await fourth);
        Assert.Equal(8, budget.PermitLimit);
    }

    [Fact]
    public void Observe_MoreRemainingThanTheBudgetBelieves_NeverRaisesTheLimit()
    {
        var clock = new ManualTimeProvider();
        using var budget = Budget(clock, permits: 2);

        budget.Observe(new RateLimitSnapshot(1000, 900, TimeSpan.FromSeconds(1)));

        TakeImmediately(budget, 2);
        Assert.False(budget.AcquireAsync(CancellationToken.None).AsTask().IsCompleted);
    }

    [Fact]
    public void Observe_FewerRemainingWithoutResetTime_HoldsTheOthersUsageForOneWindow()
    {
        var clock = new ManualTimeProvider();
        using var budget = Budget(clock, permits: 10);
        TakeImmediately(budget, 2);

        // The vendor counts 5 used where the budget granted 2: 3 went to someone else sharing the credential.
        budget.Observe(new RateLimitSnapshot(10, 5, null));

        TakeImmediately(budget, 5);
        Task<TimeSpan> next = budget.AcquireAsync(CancellationToken.None).AsTask();
        clock.Advance(Hold(1) - Tick);
        Assert.False(next.IsCompleted);
        clock.Advance(Tick);
        Assert.True(next.IsCompletedSuccessfully);
    }

    [Fact]
    public void Observe_RemainingMatchesTheBudgetsOwnUsage_DoesNotSlowItDown()
    {
        var clock = new ManualTimeProvider();
        using var budget = Budget(clock, permits: 10);
        TakeImmediately(budget, 4);

        budget.Observe(new RateLimitSnapshot(10, 6, null));
        budget.Observe(new RateLimitSnapshot(10, 6, TimeSpan.FromSeconds(1)));

        TakeImmediately(budget, 6);
    }

    [Fact]
    public void Observe_ResetAlreadyPassedOrNoRemaining_ChangesNothing()
    {
        var clock = new ManualTimeProvider();
        using var budget = Budget(clock, permits: 3);

        budget.Observe(new RateLimitSnapshot(3, 0, TimeSpan.Zero));
        budget.Observe(new RateLimitSnapshot(3, null, TimeSpan.FromSeconds(30)));

        TakeImmediately(budget, 3);
    }

    [Fact]
    public async Task ObserveRetryAfter_PausesEveryAcquirerForThatLong()
    {
        var clock = new ManualTimeProvider();
        using var budget = Budget(clock, permits: 100);

        budget.ObserveRetryAfter(TimeSpan.FromSeconds(3));
        budget.ObserveRetryAfter(TimeSpan.FromSeconds(1)); // a shorter one does not cut the pause short
        var acquires = Enumerable.Range(0, 3).Select(_ => budget.AcquireAsync(CancellationToken.None).AsTask()).ToList();
        clock.Advance(TimeSpan.FromSeconds(3) - Tick);
        Assert.All(acquires, a => Assert.False(a.IsCompleted));
        clock.Advance(Tick);

        foreach (Task<TimeSpan> acquire in acquires)
        {
            Assert.Equal(TimeSpan.FromSeconds(3), await acquire);
        }
    }

    [Fact]
    public async Task ObserveRetryAfter_WhileOthersWait_ExtendsTheirWait()
    {
        var clock = new ManualTimeProvider();
        using var budget = Budget(clock, permits: 1);
        TakeImmediately(budget, 1);
        Task<TimeSpan> waiting = budget.AcquireAsync(CancellationToken.None).AsTask();

        budget.ObserveRetryAfter(TimeSpan.FromSeconds(4));
        clock.Advance(Hold(1));
        Assert.False(waiting.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(4) - Hold(1));

        Assert.Equal(TimeSpan.FromSeconds(4), await waiting);
    }

    [Fact]
    public async Task ObserveRetryAfter_PastWaitersMaxWait_FailsThemWithTheRetryAfter()
    {
        var clock = new ManualTimeProvider();
        using var budget = Budget(clock, permits: 1, maxWait: TimeSpan.FromSeconds(5));
        TakeImmediately(budget, 1);
        Task<TimeSpan> waiting = budget.AcquireAsync(CancellationToken.None).AsTask();

        budget.ObserveRetryAfter(TimeSpan.FromSeconds(30));

        var ex = await Assert.ThrowsAsync<MartechRateLimitedException>(() => waiting);
        Assert.Equal(TimeSpan.FromSeconds(30), ex.RetryAfter);
        await Assert.ThrowsAsync<MartechRateLimitedException>(() => budget.AcquireAsync(CancellationToken.None).AsTask());
    }

    [Fact]
    public void AcquireAsync_Disabled_ReturnsZeroAtOnceWithoutAllocating()
    {
        using var budget = new MartechRateBudget(Key, new MartechRateLimitOptions { Enabled = false, PermitLimit = 1 }, TimeProvider.System);
        budget.ObserveRetryAfter(TimeSpan.FromHours(1));
        budget.Observe(new RateLimitSnapshot(1, 0, TimeSpan.FromHours(1)));
        long waited = Immediate(budget.AcquireAsync(CancellationToken.None)).Ticks;

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1_000; i++)
        {
            waited += Immediate(budget.AcquireAsync(CancellationToken.None)).Ticks;
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(0, waited);
    }

    [Fact]
    public void AcquireAsync_PermitFree_DoesNotAllocate()
    {
        using var budget = new MartechRateBudget(Key, Options(1_000_000, TimeSpan.FromSeconds(1)), TimeProvider.System);
        TakeImmediately(budget, 100);

        long waited = 0;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1_000; i++)
        {
            waited += Immediate(budget.AcquireAsync(CancellationToken.None)).Ticks;
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(0, waited);
    }

    [Fact]
    public async Task Dispose_FailsWaitingAcquirersAndRefusesNewOnes()
    {
        var clock = new ManualTimeProvider();
        var budget = Budget(clock, permits: 1);
        TakeImmediately(budget, 1);
        Task<TimeSpan> waiting = budget.AcquireAsync(CancellationToken.None).AsTask();

        budget.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => waiting);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => budget.AcquireAsync(CancellationToken.None).AsTask());
        Assert.Equal(0, clock.ActiveTimers);
    }

    [Fact]
    public void Constructor_InvalidOptions_ThrowsNamingTheSetting()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => new MartechRateBudget(Key, new MartechRateLimitOptions { PermitLimit = 0 }, TimeProvider.System));
        Assert.Contains("PermitLimit", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new MartechRateBudget(" ", new MartechRateLimitOptions(), TimeProvider.System));
    }
}
