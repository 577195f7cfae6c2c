using Martech.Sdk.Testing;

namespace Martech.Sdk.Tests.Http.RateLimiting;

public class MartechRateBudgetLimiterFactoryTests
{
    private const string Key = "SendGrid:9a8b7c6d5e4f";
    private static readonly TimeSpan Safety = TimeSpan.FromSeconds(30); // only guards against a hang; never asserted

    private static (MartechRateBudget Budget, RecordingRateLimiter Limiter, List<string> Keys) Create(ManualTimeProvider clock, int available, TimeSpan? maxWait = null)
    {
        var limiter = new RecordingRateLimiter { Available = available };
        var keys = new List<string>();
        var options = new MartechRateLimitOptions
        {
            PermitLimit = 1, // ignored: the factory's limiter decides
            MaxWait = maxWait ?? TimeSpan.FromMinutes(1),
            LimiterFactory = key =>
            {
                keys.Add(key);
                return limiter;
            },
        };
        return (new MartechRateBudget(Key, options, clock), limiter, keys);
    }

    [Fact]
    public void AcquireAsync_WithLimiterFactory_TakesPermitsFromThatLimiterForTheKey()
    {
        var clock = new ManualTimeProvider();
        var (budget, limiter, keys) = Create(clock, available: 3);
        using (budget)
        {
            BudgetAssert.TakeImmediately(budget, 3);

            Assert.Equal([Key], keys);
            Assert.Equal(["attempt", "attempt", "attempt"], limiter.Calls);
        }
    }

    [Fact]
    public async Task AcquireAsync_LimiterHasNoPermit_WaitsOnItsQueueAndReturnsTheWait()
    {
        var clock = new ManualTimeProvider();
        var (budget, limiter, _) = Create(clock, available: 0);
        using (budget)
        {
            Task<TimeSpan> acquire = budget.AcquireAsync(CancellationToken.None).AsTask();
            Assert.Equal(["attempt", "acquire"], limiter.Calls);
            Assert.False(acquire.IsCompleted);

            clock.Advance(TimeSpan.FromSeconds(2));
            limiter.Release();

            Assert.Equal(TimeSpan.FromSeconds(2), await acquire.WaitAsync(Safety));
        }
    }

    [Fact]
    public async Task ObserveRetryAfter_WithLimiterFactory_StillPausesBeforeTheLimiterIsAsked()
    {
        var clock = new ManualTimeProvider();
        var (budget, limiter, _) = Create(clock, available: 10);
        using (budget)
        {
            budget.ObserveRetryAfter(TimeSpan.FromSeconds(3));

            Task<TimeSpan> acquire = budget.AcquireAsync(CancellationToken.None).AsTask();
            clock.Advance(TimeSpan.FromSeconds(3) - TimeSpan.FromTicks(1));
            Assert.False(acquire.IsCompleted);
            Assert.Empty(limiter.Calls);
            clock.Advance(TimeSpan.FromTicks(1));

            Assert.Equal(TimeSpan.FromSeconds(3), await acquire.WaitAsync(Safety));
            Assert.Equal(["acquire"], limiter.Calls);
        }
    }

    [Fact]
    public async Task Observe_NoneRemainingWithReset_WithLimiterFactory_PausesOnTop()
    {
        var clock = new ManualTimeProvider();
        var (budget, _, _) = Create(clock, available: 10);
        using (budget)
        {
            budget.Observe(new RateLimitSnapshot(600, 0, TimeSpan.FromSeconds(2)));

            Task<TimeSpan> acquire = budget.AcquireAsync(CancellationToken.None).AsTask();
            Assert.False(acquire.IsCompleted);
            clock.Advance(TimeSpan.FromSeconds(2));

            Assert.Equal(TimeSpan.FromSeconds(2), await acquire.WaitAsync(Safety));
        }
    }

    [Fact]
    public async Task AcquireAsync_PauseLongerThanMaxWait_WithLimiterFactory_ThrowsAtOnce()
    {
        var clock = new ManualTimeProvider();
        var (budget, limiter, _) = Create(clock, available: 10, maxWait: TimeSpan.FromSeconds(5));
        using (budget)
        {
            budget.ObserveRetryAfter(TimeSpan.FromSeconds(20));

            var ex = await Assert.ThrowsAsync<MartechRateLimitedException>(() => budget.AcquireAsync(CancellationToken.None).AsTask());

            Assert.Equal(TimeSpan.FromSeconds(20), ex.RetryAfter);
            Assert.Empty(limiter.Calls);
        }
    }

    [Fact]
    public async Task AcquireAsync_LimiterRefusesBeyondMaxWait_ThrowsRateLimitedWithItsRetryAfter()
    {
        var clock = new ManualTimeProvider();
        var (budget, limiter, _) = Create(clock, available: 0);
        using (budget)
        {
            limiter.RefuseWithRetryAfter = TimeSpan.FromSeconds(120);

            var ex = await Assert.ThrowsAsync<MartechRateLimitedException>(() => budget.AcquireAsync(CancellationToken.None).AsTask());

            Assert.Equal(TimeSpan.FromSeconds(120), ex.RetryAfter);
            Assert.Contains(Key, ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AcquireAsync_LimiterQueuesPastMaxWait_ThrowsRateLimited()
    {
        var clock = new ManualTimeProvider();
        var (budget, limiter, _) = Create(clock, available: 0, maxWait: TimeSpan.FromSeconds(5));
        using (budget)
        {
            Task<TimeSpan> acquire = budget.AcquireAsync(CancellationToken.None).AsTask();
            Assert.Equal(1, limiter.Queued);

            clock.Advance(TimeSpan.FromSeconds(5));

            var ex = await Assert.ThrowsAsync<MartechRateLimitedException>(() => acquire.WaitAsync(Safety));
            Assert.Contains("MaxWait", ex.Message, StringComparison.Ordinal);
            Assert.Equal(0, limiter.Queued);
        }
    }

    [Fact]
    public async Task AcquireAsync_CanceledWhileTheLimiterQueues_ThrowsOperationCanceled()
    {
        var clock = new ManualTimeProvider();
        var (budget, limiter, _) = Create(clock, available: 0);
        using (budget)
        {
            using var cts = new CancellationTokenSource();
            Task<TimeSpan> acquire = budget.AcquireAsync(cts.Token).AsTask();

            await cts.CancelAsync();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => acquire.WaitAsync(Safety));
            Assert.Equal(0, limiter.Queued);
        }
    }

    [Fact]
    public void Dispose_WithLimiterFactory_DisposesTheLimiter()
    {
        var clock = new ManualTimeProvider();
        var (budget, limiter, _) = Create(clock, available: 1);

        budget.Dispose();

        Assert.True(limiter.Disposed);
    }
}
