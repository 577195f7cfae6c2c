using System.Text.Json;
using Martech.Sdk.Testing;
using Xunit.Abstractions;

namespace Martech.Sdk.IntegrationTests.ScaleOut;

/// <summary>
/// Three worker processes on one HubSpot access token against one emulator that enforces 20 requests per second per
/// token, each sending contact reads as fast as its budget allows for 6 s with 8 in flight, their clocks 2 s slow,
/// right and 2 s fast. With in-process budgets (the control) each process takes the whole limit, so the vendor sees
/// more than it (three times it until their budgets learn from the 429s) and refuses the excess; with budgets shared through Redis it sees at most the limit.
/// </summary>
/// <remarks>Reproduce: <c>dotnet test tests/Martech.Sdk.IntegrationTests --filter "FullyQualifiedName~ScaleOut"
/// --logger "console;verbosity=detailed"</c>; the figures are in the test output.</remarks>
[Collection(nameof(ScaleOutCollection))]
public sealed class SharedRateBudgetScaleOutTests(ITestOutputHelper output)
{
    [Fact]
    public async Task InProcessBudgets_ThreeProcesses_OfferAboutThreeTimesTheLimitAndGet429s()
    {
        (ArrivalFigures figures, IReadOnlyList<JsonElement> workers) = await ScaleOutRun.RunAsync("local");
        Report("local budgets (control)", figures, workers);

        // Each process keeps to the limit on its own, so together they exceed it and the vendor refuses the rest. (Each
        // budget then slows down on the 429s and headers it sees, so the offered rate over the run is well under 3x.)
        Assert.True(figures.MaxInWindow > ScaleOutRun.Limit, $"the control never exceeded the limit: {figures}");
        Assert.True(figures.OverAdmittedPercent > 1, $"the control was hardly over the limit: {figures}");
        Assert.True(figures.TooManyRequestsPercent > 1, $"the control got too few 429s: {figures}");
        Assert.All(workers, w => Assert.True(w.GetProperty("succeeded").GetInt64() > 0, ScaleOutRun.Describe(w)));
    }

    [Fact]
    public async Task RedisBudgets_ServerClock_ThreeSkewedProcessesStayWithinTheLimit()
    {
        await using RedisServer redis = await RedisServer.StartAsync();

        (ArrivalFigures figures, IReadOnlyList<JsonElement> workers) = await ScaleOutRun.RunAsync("redis", redis.ConnectionString);
        Report("Redis budgets, Redis TIME", figures, workers);

        // One budget for the three processes, timed by one clock: the vendor sees the limit, not three times it.
        Assert.True(figures.MaxInWindow <= ScaleOutRun.Limit + ScaleOutRun.ArrivalTolerance, $"over the limit: {figures}");
        Assert.True(figures.TooManyRequestsPercent <= 1, $"more than 1 % 429s: {figures}");
        Assert.True(figures.OfferedPerSecond >= 0.75 * ScaleOutRun.Limit, $"the shared budget left the limit unused: {figures}");
        Assert.All(workers, w => Assert.Equal(0, w.GetProperty("failed").GetInt64() + w.GetProperty("rateLimited").GetInt64()));
        Assert.All(workers, w => Assert.StartsWith("Redis TIME", w.GetProperty("budgetClock").GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task RedisBudgets_CallerClock_SkewedProcessesAreMeasured()
    {
        await using RedisServer redis = await RedisServer.StartAsync();

        (ArrivalFigures figures, IReadOnlyList<JsonElement> workers) = await ScaleOutRun.RunAsync("redis-caller-clock", redis.ConnectionString);
        Report("Redis budgets, callers' clocks skewed -2 s, 0, +2 s", figures, workers);

        // Each process times permits by its own clock, 2 s off either way with a hold of 1.02 s: a fast host drops the
        // others' permits from the log as expired, a slow one counts the others' as not yet expired. The store still
        // serves every process (no failures), and the vendor's 429s still reach every process's budget.
        Assert.All(workers, w => Assert.StartsWith("caller's clock", w.GetProperty("budgetClock").GetString(), StringComparison.Ordinal));
        Assert.All(workers, w => Assert.Equal(0, w.GetProperty("failed").GetInt64()));
        Assert.True(figures.Requests > 0);
    }

    private void Report(string run, ArrivalFigures figures, IReadOnlyList<JsonElement> workers)
    {
        output.WriteLine($"{run}: {figures}");
        foreach (JsonElement worker in workers)
        {
            output.WriteLine("  " + ScaleOutRun.Describe(worker));
        }
    }
}

/// <summary>The scale-out runs time real processes: they run alone, not beside other test classes.</summary>
[CollectionDefinition(nameof(ScaleOutCollection), DisableParallelization = true)]
public sealed class ScaleOutCollection;
