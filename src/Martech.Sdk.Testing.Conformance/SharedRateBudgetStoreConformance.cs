using System.Diagnostics.CodeAnalysis;
using Xunit;
using Xunit.Abstractions;

namespace Martech.Sdk.Testing.Conformance;

/// <summary>
/// The conformance suite for <see cref="ISharedRateBudgetStore"/>: the behaviour every shared rate-budget store must
/// show, in-memory or on a server, so budgets in many processes together never exceed the vendor's limit and all slow
/// down when one is told to.
/// </summary>
/// <remarks>
/// <para>
/// Derive a public class in a test project and override <see cref="CreateStoreAsync"/> to return a store over empty
/// state. Override <see cref="CreateSecondClientAsync"/> to return a second client of the same state (another
/// connection to the same server), as a second process would have; by default the same instance is used.
/// </para>
/// <para>
/// Time: by default the suite runs on real time, with windows of <see cref="Window"/> (300 ms) and
/// <see cref="AdvanceAsync"/> sleeping, so a store timed by its server's clock (Redis <c>TIME</c>) can run it; each
/// comparison of a duration allows <see cref="Tolerance"/>. A store on a <see cref="TimeProvider"/> can override
/// <see cref="AdvanceAsync"/> to move a <see cref="ManualTimeProvider"/> instead, and the suite then runs instantly.
/// Keys are unique per test, so a shared server needs no flushing.
/// </para>
/// </remarks>
[SuppressMessage("Naming", "CA1707:Identifiers should not contain underscores", Justification = "Test names read Member_Scenario_Expectation.")]
[SuppressMessage("Reliability", "CA2007:Consider calling ConfigureAwait on the awaited task", Justification = "Test methods run under xunit, which forbids ConfigureAwait(false) in tests (xUnit1030).")]
public abstract class SharedRateBudgetStoreConformance : ConformanceSuite
{
    private readonly string _prefix = "conformance-" + Guid.NewGuid().ToString("N")[..12];
    private ISharedRateBudgetStore? _store;
    private ISharedRateBudgetStore? _second;

    /// <summary>Creates the suite.</summary>
    /// <param name="output">Where tests that do not apply to the store record why; optional.</param>
    protected SharedRateBudgetStoreConformance(ITestOutputHelper? output = null)
        : base(output)
    {
    }

    /// <summary>The store under test (the first client), created for this test by <see cref="CreateStoreAsync"/>.</summary>
    /// <exception cref="InvalidOperationException"><see cref="InitializeAsync"/> has not run.</exception>
    protected ISharedRateBudgetStore Store => _store ?? throw new InvalidOperationException("The store is created in InitializeAsync, which has not run.");

    /// <summary>A second client of the same state, as another process sees it (<see cref="CreateSecondClientAsync"/>).</summary>
    /// <exception cref="InvalidOperationException"><see cref="InitializeAsync"/> has not run.</exception>
    protected ISharedRateBudgetStore SecondClient => _second ?? throw new InvalidOperationException("The store is created in InitializeAsync, which has not run.");

    /// <summary>The vendor window of the budgets the tests use. The default value is 300 milliseconds.</summary>
    protected virtual TimeSpan Window => TimeSpan.FromMilliseconds(300);

    /// <summary>How far a duration the store returns may be off what the test expects (clock resolution, round trips,
    /// scheduling). The default value is 100 milliseconds.</summary>
    protected virtual TimeSpan Tolerance => TimeSpan.FromMilliseconds(100);

    /// <summary>The hold of <see cref="Window"/>: the window plus the 2% guard (at most one second), as the SDK computes it.</summary>
    protected TimeSpan Hold => TimeSpan.FromTicks(Window.Ticks + Math.Min(Window.Ticks / 50, TimeSpan.TicksPerSecond));

    /// <summary>Creates a store over empty state; called before each test.</summary>
    /// <returns>The store.</returns>
    protected abstract Task<ISharedRateBudgetStore> CreateStoreAsync();

    /// <summary>Creates a second client of the store's state (for a server: another connection). The default returns
    /// <paramref name="first"/>.</summary>
    /// <param name="first">The store <see cref="CreateStoreAsync"/> returned.</param>
    /// <returns>The second client.</returns>
    protected virtual Task<ISharedRateBudgetStore> CreateSecondClientAsync(ISharedRateBudgetStore first) => Task.FromResult(first);

    /// <summary>Lets the store's clock move on by <paramref name="by"/>. The default sleeps (real time); override to
    /// advance a fake clock.</summary>
    /// <param name="by">How far.</param>
    /// <returns>A task that completes when the time has passed.</returns>
    protected virtual Task AdvanceAsync(TimeSpan by) => Task.Delay(by);

    /// <summary>Creates the store for this test.</summary>
    /// <returns>A task.</returns>
    public override async Task InitializeAsync()
    {
        _store = await CreateStoreAsync();
        _second = await CreateSecondClientAsync(_store);
    }

    /// <summary>A budget of this test: its key is unique to the test.</summary>
    /// <param name="name">The key's suffix, such as <c>HubSpot:abc#search@C1</c>.</param>
    /// <param name="permitLimit">The configured limit.</param>
    /// <returns>The budget, with the SDK's hold and recovery step.</returns>
    protected SharedRateBudget Budget(string name, int permitLimit) =>
        new($"{_prefix}:{name}", permitLimit, Window, Hold, Math.Max(1, permitLimit / 20));

    /// <summary>The store names itself and its clock, and answers a ping.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task NameClockAndPing_AreGiven()
    {
        Assert.False(string.IsNullOrWhiteSpace(Store.Name));
        Assert.False(string.IsNullOrWhiteSpace(Store.ClockDescription));
        Assert.True(await Store.PingAsync() >= TimeSpan.Zero);
    }

    /// <summary>A grant says so with no wait; a refusal gives a positive wait, after which a permit is free.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task TryAcquire_AtTheLimit_RefusesUntilTheOldestPermitIsReleased()
    {
        SharedRateBudget budget = Budget("P:a", 2);

        SharedPermit first = await Store.TryAcquireAsync(budget);
        SharedPermit second = await Store.TryAcquireAsync(budget);
        SharedPermit third = await Store.TryAcquireAsync(budget);

        Assert.True(first.Granted);
        Assert.Equal(TimeSpan.Zero, first.RetryAfter);
        Assert.Equal(2, first.Limit);
        Assert.True(second.Granted);
        Assert.True(second.GrantedAt >= first.GrantedAt);
        Assert.False(third.Granted);
        Assert.InRange(third.RetryAfter, TimeSpan.FromMilliseconds(1), Hold + Tolerance);
        await AdvanceAsync(third.RetryAfter + TimeSpan.FromMilliseconds(5));
        Assert.True((await Store.TryAcquireAsync(budget)).Granted);
    }

    /// <summary>Two clients acquiring as fast as they can never hold more than the limit within any hold, by the store's
    /// own grant times, and together get the limit per hold.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task TryAcquire_TwoClientsConcurrently_NeverMoreThanTheLimitInAnyHold()
    {
        const int limit = 5;
        SharedRateBudget budget = Budget("P:b", limit);
        var grants = new List<long>();
        TimeSpan step = Window / 10;
        for (int round = 0; round < 25; round++)
        {
            Task<SharedPermit>[] calls = [.. Enumerable.Range(0, 6).Select(i => (i % 2 == 0 ? Store : SecondClient).TryAcquireAsync(budget).AsTask())];
            foreach (SharedPermit permit in await Task.WhenAll(calls))
            {
                if (permit.Granted)
                {
                    grants.Add(permit.GrantedAt);
                }
                else
                {
                    Assert.True(permit.RetryAfter >= TimeSpan.FromMilliseconds(1), "A refusal must say when to ask again.");
                }
            }

            await AdvanceAsync(step);
        }

        grants.Sort();
        long holdMs = (long)Math.Ceiling(Hold.TotalMilliseconds);
        for (int i = 0; i < grants.Count; i++)
        {
            int inHold = grants.Skip(i).TakeWhile(t => t < grants[i] + holdMs).Count();
            Assert.True(inHold <= limit, $"{inHold} permits were granted within one hold starting at {grants[i]} (limit {limit}).");
        }

        Assert.True(grants.Count >= 2 * limit, $"Only {grants.Count} permits were granted in 2.5 windows of {limit}.");
    }

    /// <summary>A pause one client reports (a 429's Retry-After) stops the other client until it ends.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Report_PauseFor_StopsAnotherClientUntilItEnds()
    {
        SharedRateBudget budget = Budget("P:c", 10);
        SharedPermit granted = await Store.TryAcquireAsync(budget);
        TimeSpan pause = Window * 4;

        await Store.ReportAsync(budget, new SharedRateFeedback { GrantedAt = granted.GrantedAt, PauseFor = pause });
        SharedPermit refused = await SecondClient.TryAcquireAsync(budget);

        Assert.False(refused.Granted);
        Assert.InRange(refused.RetryAfter, pause - Tolerance, pause + Tolerance);
        await AdvanceAsync(refused.RetryAfter + TimeSpan.FromMilliseconds(5));
        Assert.True((await SecondClient.TryAcquireAsync(budget)).Granted);
    }

    /// <summary>A 429 cuts the limit to 0.7 × the permits held before the refused one; 429s to permits granted before
    /// the cut cut nothing more; each hold without a cut adds the recovery step back; a 429 to a permit granted after the
    /// cut cuts again.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Report_TooManyRequests_CutsOncePerCutThenRecoversByStepPerHold()
    {
        SharedRateBudget budget = Budget("P:d", 20); // recovery step 1
        var permits = new List<SharedPermit>();
        for (int i = 0; i < 20; i++)
        {
            permits.Add(await Store.TryAcquireAsync(budget));
        }

        Assert.All(permits, p => Assert.True(p.Granted));
        await AdvanceAsync(TimeSpan.FromMilliseconds(2));

        await Store.ReportAsync(budget, new SharedRateFeedback { GrantedAt = permits[19].GrantedAt, TooManyRequests = true });
        await SecondClient.ReportAsync(budget, new SharedRateFeedback { GrantedAt = permits[18].GrantedAt, TooManyRequests = true });
        SharedPermit afterCut = await SecondClient.TryAcquireAsync(budget);

        Assert.False(afterCut.Granted);
        Assert.Equal(13, afterCut.Limit); // 0.7 × 19 held before the refused one, once

        await AdvanceAsync(Hold + Tolerance);
        SharedPermit recovered = await Store.TryAcquireAsync(budget);
        Assert.True(recovered.Granted);
        Assert.Equal(14, recovered.Limit);

        await AdvanceAsync(TimeSpan.FromMilliseconds(2));
        await SecondClient.ReportAsync(budget, new SharedRateFeedback { GrantedAt = recovered.GrantedAt, TooManyRequests = true });
        SharedPermit secondCut = await Store.TryAcquireAsync(budget);
        Assert.Equal(4, secondCut.Limit); // 0.7 × half of 14, at least: only the refused permit was held

        await AdvanceAsync(Hold + Tolerance);
        Assert.Equal(5, (await Store.TryAcquireAsync(budget)).Limit);
    }

    /// <summary>Remaining with a reset caps every client until the reset, and lowers the limit to what the vendor shows.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Report_RemainingWithReset_CapsEveryClientUntilTheReset()
    {
        SharedRateBudget budget = Budget("P:e", 10);
        SharedPermit first = await Store.TryAcquireAsync(budget);
        TimeSpan reset = Window * 4;

        await Store.ReportAsync(budget, new SharedRateFeedback { GrantedAt = first.GrantedAt, Remaining = 2, ResetAfter = reset });

        Assert.True((await SecondClient.TryAcquireAsync(budget)).Granted);
        Assert.True((await SecondClient.TryAcquireAsync(budget)).Granted);
        SharedPermit capped = await SecondClient.TryAcquireAsync(budget);
        Assert.False(capped.Granted);
        Assert.InRange(capped.RetryAfter, reset - Tolerance, reset + Tolerance);
        Assert.Equal(3, capped.Limit); // one held plus two remaining
    }

    /// <summary>Nothing remaining until a reset pauses every client until it.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Report_NothingRemainingUntilReset_PausesEveryClient()
    {
        SharedRateBudget budget = Budget("P:f", 10);
        SharedPermit first = await Store.TryAcquireAsync(budget);
        TimeSpan reset = Window * 3;

        await Store.ReportAsync(budget, new SharedRateFeedback { GrantedAt = first.GrantedAt, Remaining = 0, ResetAfter = reset, PauseFor = reset });
        SharedPermit paused = await SecondClient.TryAcquireAsync(budget);

        Assert.False(paused.Granted);
        Assert.InRange(paused.RetryAfter, reset - Tolerance, reset + Tolerance);
    }

    /// <summary>A vendor-stated ceiling lowers the limit at once; a higher one lets recovery climb to it and no further.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Report_Ceiling_LowersAtOnceAndBoundsRecovery()
    {
        SharedRateBudget budget = Budget("P:g", 10);
        SharedPermit first = await Store.TryAcquireAsync(budget);

        await Store.ReportAsync(budget, new SharedRateFeedback { GrantedAt = first.GrantedAt, Ceiling = 3 });
        SharedPermit second = await SecondClient.TryAcquireAsync(budget);
        SharedPermit third = await SecondClient.TryAcquireAsync(budget);
        SharedPermit fourth = await SecondClient.TryAcquireAsync(budget);

        Assert.True(second.Granted);
        Assert.True(third.Granted);
        Assert.False(fourth.Granted);
        Assert.Equal(3, fourth.Limit);

        await Store.ReportAsync(budget, new SharedRateFeedback { GrantedAt = third.GrantedAt, Ceiling = 4 });
        await AdvanceAsync(Hold + Tolerance);
        Assert.Equal(4, (await Store.TryAcquireAsync(budget)).Limit);
        await AdvanceAsync(Hold + Tolerance);
        Assert.Equal(4, (await Store.TryAcquireAsync(budget)).Limit);
    }

    /// <summary>A 429 that said nothing holds the rest of the limit for one hold.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Report_Exhausted_HoldsTheRestForOneHold()
    {
        SharedRateBudget budget = Budget("P:h", 5);
        SharedPermit first = await Store.TryAcquireAsync(budget);

        await Store.ReportAsync(budget, new SharedRateFeedback { GrantedAt = first.GrantedAt, Exhausted = true });
        SharedPermit refused = await SecondClient.TryAcquireAsync(budget);

        Assert.False(refused.Granted);
        Assert.InRange(refused.RetryAfter, TimeSpan.FromMilliseconds(1), Hold + Tolerance);
        await AdvanceAsync(Hold + Tolerance);
        Assert.True((await SecondClient.TryAcquireAsync(budget)).Granted);
    }

    /// <summary>Keys are independent: a credential's budget, its operation's and each partition's neither hold back nor
    /// pause one another.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Keys_CredentialOperationAndPartitions_AreIndependent()
    {
        SharedRateBudget instance = Budget("Slack:cafe", 1);
        SharedRateBudget operation = Budget("Slack:cafe#chat.postMessage", 1);
        SharedRateBudget channel1 = Budget("Slack:cafe#chat.postMessage@C1", 1);
        SharedRateBudget channel2 = Budget("Slack:cafe#chat.postMessage@C2", 1);
        SharedRateBudget other = Budget("Slack:beef", 1);

        SharedPermit held = await Store.TryAcquireAsync(instance);
        await Store.ReportAsync(instance, new SharedRateFeedback { GrantedAt = held.GrantedAt, PauseFor = Window * 10, TooManyRequests = true });
        Assert.False((await Store.TryAcquireAsync(instance)).Granted);

        Assert.True((await SecondClient.TryAcquireAsync(operation)).Granted);
        Assert.True((await SecondClient.TryAcquireAsync(channel1)).Granted);
        Assert.False((await Store.TryAcquireAsync(channel1)).Granted);
        Assert.True((await Store.TryAcquireAsync(channel2)).Granted);
        SharedPermit untouched = await Store.TryAcquireAsync(other);
        Assert.True(untouched.Granted);
        Assert.Equal(1, untouched.Limit);
    }

    /// <summary>A canceled call throws <see cref="OperationCanceledException"/>.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task TryAcquire_Canceled_Throws()
    {
        using var canceled = new CancellationTokenSource();
        await canceled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await Store.TryAcquireAsync(Budget("P:i", 1), canceled.Token));
    }
}
