using Martech.Sdk.Testing;
using Martech.Sdk.Testing.Conformance;

namespace Martech.Sdk.Tests.Http.RateLimiting.Shared;

/// <summary>The reference store passes the conformance suite on a fake clock.</summary>
public sealed class InMemorySharedRateBudgetStoreConformanceTests : SharedRateBudgetStoreConformance
{
    private readonly ManualTimeProvider _clock = new();

    protected override TimeSpan Tolerance => TimeSpan.FromMilliseconds(2);

    protected override Task<ISharedRateBudgetStore> CreateStoreAsync() =>
        Task.FromResult<ISharedRateBudgetStore>(new InMemorySharedRateBudgetStore(_clock));

    protected override Task AdvanceAsync(TimeSpan by)
    {
        _clock.Advance(by);
        return Task.CompletedTask;
    }
}

/// <summary>The reference store passes the conformance suite on real time, as a store timed by its server's clock runs it.</summary>
public sealed class InMemorySharedRateBudgetStoreRealTimeConformanceTests : SharedRateBudgetStoreConformance
{
    protected override Task<ISharedRateBudgetStore> CreateStoreAsync() =>
        Task.FromResult<ISharedRateBudgetStore>(new InMemorySharedRateBudgetStore());
}

/// <summary>What the reference store keeps while idle.</summary>
public sealed class InMemorySharedRateBudgetStoreRetentionTests
{
    private static readonly SharedRateBudget Budget = new("P:learned", 10, TimeSpan.FromSeconds(1), MartechRateBudget.HoldFor(TimeSpan.FromSeconds(1)), 1);

    [Fact]
    public async Task CutLimit_IsKeptWhileIdle_UntilTheLearnedRetentionPasses()
    {
        var clock = new ManualTimeProvider();
        var store = new InMemorySharedRateBudgetStore(clock);
        SharedPermit last = default;
        for (int i = 0; i < 10; i++)
        {
            last = await store.TryAcquireAsync(Budget);
        }

        await store.ReportAsync(Budget, new SharedRateFeedback { GrantedAt = last.GrantedAt, TooManyRequests = true });
        Assert.Equal(6, store.LimitOf(Budget.Key));

        clock.Advance(TimeSpan.FromHours(2)); // far past ten holds and the minute an unchanged budget is kept
        Assert.Equal(6, store.LimitOf(Budget.Key));

        clock.Advance(TimeSpan.FromDays(1));
        Assert.Null(store.LimitOf(Budget.Key));
    }

    [Fact]
    public async Task UnchangedBudget_IsForgottenAfterAMinuteIdle()
    {
        var clock = new ManualTimeProvider();
        var store = new InMemorySharedRateBudgetStore(clock);
        await store.TryAcquireAsync(Budget);
        Assert.Equal(10, store.LimitOf(Budget.Key));

        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Null(store.LimitOf(Budget.Key));
    }
}
