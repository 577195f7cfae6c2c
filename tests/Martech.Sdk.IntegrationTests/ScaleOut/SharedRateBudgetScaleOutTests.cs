using System.Text.Json;
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
