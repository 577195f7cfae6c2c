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
