using System.Net;
using System.Net.Http.Json;
using Martech.Sdk.Testing;

namespace Martech.Sdk.IntegrationTests.Emulators;

/// <summary>Which requests get which fault: scripts, predicates, percentages and rule order.</summary>
public class EmulatorFaultsTests
{
    [Fact]
    public async Task Next_ForARoute_FaultsOnlyTheNextNMatchingRequests()
    {
        await using var emulator = await ItemsEmulator.StartNewAsync();
        EmulatorFaultRule rule = emulator.Faults.Next(2, "POST", "/v1/items", EmulatorFault.ServerError(503));
        using HttpClient http = emulator.CreateClient();

        var statuses = new List<HttpStatusCode>
        {
            await StatusAsync(http.GetAsync("v1/items")),
            await StatusAsync(http.PostAsJsonAsync("v1/items", new { name = "a" })),
            await StatusAsync(http.GetAsync("v1/items/item_1")),
            await StatusAsync(http.PostAsJsonAsync("v1/items", new { name = "b" })),
            await StatusAsync(http.PostAsJsonAsync("v1/items", new { name = "c" })),
        };

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable, HttpStatusCode.NotFound, HttpStatusCode.ServiceUnavailable, HttpStatusCode.Created], statuses);
        Assert.Equal(2, rule.AppliedCount);
        Assert.Equal(0, rule.RemainingCount);
        Assert.True(rule.IsExhausted);
        Assert.Equal("ServerError(503) for the next 2 requests to POST /v1/items (applied 2)", rule.ToString());
        Assert.Empty(emulator.Faults.Rules);
        Assert.Equal(["c"], emulator.Items.Items.Select(i => i.Name));
        Assert.Equal([null, EmulatorFaultKind.ServerError, null, EmulatorFaultKind.ServerError, null], emulator.RequestLog.Requests.Select(r => r.Fault?.Kind));
    }

    [Fact]
    public async Task Next_AnyRoute_FaultsTheNextNRequests()
    {
        await using var emulator = await ItemsEmulator.StartNewAsync();
        emulator.Faults.Next(1, EmulatorFault.ServerError(500));
        using HttpClient http = emulator.CreateClient();

        Assert.Equal(HttpStatusCode.InternalServerError, await StatusAsync(http.GetAsync("v1/nothing-here")));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(http.GetAsync("v1/nothing-here")));
    }

    [Fact]
    public async Task When_PredicateOnTheBody_FaultsOnlyMatchingRequests_UpToCount()
    {
        await using var emulator = await ItemsEmulator.StartNewAsync();
        EmulatorFaultRule rule = emulator.Faults.When(r => r.BodyText.Contains("poison", StringComparison.Ordinal), EmulatorFault.ResetBeforeProcessing(), count: 2);
        using HttpClient http = emulator.CreateClient();

        Assert.Equal(HttpStatusCode.Created, await StatusAsync(http.PostAsJsonAsync("v1/items", new { name = "fine" })));
        await Assert.ThrowsAsync<HttpRequestException>(() => http.PostAsJsonAsync("v1/items", new { name = "poison 1" }));
        await Assert.ThrowsAsync<HttpRequestException>(() => http.PostAsJsonAsync("v1/items", new { name = "poison 2" }));
        Assert.Equal(HttpStatusCode.Created, await StatusAsync(http.PostAsJsonAsync("v1/items", new { name = "poison 3" })));

        Assert.Equal(2, rule.AppliedCount);
        Assert.Equal(["fine", "poison 3"], emulator.Items.Items.Select(i => i.Name));
    }

    [Fact]
    public async Task When_WithoutCount_KeepsApplying()
    {
        await using var emulator = await ItemsEmulator.StartNewAsync();
        EmulatorFaultRule rule = emulator.Faults.When(r => r.Method == "GET", EmulatorFault.ServerError(502));
        using HttpClient http = emulator.CreateClient();

        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.BadGateway, await StatusAsync(http.GetAsync("v1/items")));
        }

        Assert.Null(rule.RemainingCount);
        Assert.Equal(3, rule.AppliedCount);
        Assert.True(emulator.Faults.Remove(rule));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(http.GetAsync("v1/items")));
    }

    [Fact]
    public async Task Randomly_WithSeed_FaultsThePredictedRequests()
    {
        const int Seed = 1234;
        const double Percentage = 30;
        const int Count = 60;
        await using var emulator = await ItemsEmulator.StartNewAsync();
        emulator.Faults.UseSeed(Seed);
        EmulatorFaultRule rule = emulator.Faults.Randomly(Percentage, EmulatorFault.ServerError(503));
        using HttpClient http = emulator.CreateClient();

        var faulted = new List<int>();
        for (int i = 0; i < Count; i++)
        {
            if (await StatusAsync(http.GetAsync("v1/items")) == HttpStatusCode.ServiceUnavailable)
            {
                faulted.Add(i);
            }
        }

        // One draw per request from Random(seed), in arrival order.
        var random = new Random(Seed);
        List<int> expected = Enumerable.Range(0, Count).Where(_ => random.NextDouble() * 100 < Percentage).ToList();
        Assert.Equal(expected, faulted);
        Assert.Equal(expected.Count, rule.AppliedCount);
        Assert.InRange(expected.Count, 1, Count - 1);
    }

    [Fact]
    public async Task Randomly_WithSeed_ConcurrentRequests_HitThePredictedCount()
    {
        const int Seed = 99;
        const int Count = 80;
        await using var emulator = await ItemsEmulator.StartNewAsync();
        emulator.Faults.UseSeed(Seed);
        emulator.Faults.Randomly(25, EmulatorFault.ServerError(500), r => r.Method == "GET");
        using HttpClient http = emulator.CreateClient();

        HttpStatusCode[] statuses = await Task.WhenAll(Enumerable.Range(0, Count).Select(_ => StatusAsync(http.GetAsync("v1/items"))));
        (await http.PostAsJsonAsync("v1/items", new { name = "not eligible" })).Dispose();

        var random = new Random(Seed);
        int expected = Enumerable.Range(0, Count).Count(_ => random.NextDouble() * 100 < 25);
        Assert.Equal(expected, statuses.Count(s => s == HttpStatusCode.InternalServerError));
        Assert.Equal(expected, emulator.RequestLog.Requests.Count(r => r.Fault is not null));
        Assert.Equal(1, emulator.Items.Count);
    }

    [Fact]
    public async Task Rules_FirstAddedThatFiresWins_OneFaultPerRequest()
    {
        await using var emulator = await ItemsEmulator.StartNewAsync();
        EmulatorFaultRule first = emulator.Faults.Next(1, "GET", "/v1/items", EmulatorFault.ServerError(503));
        EmulatorFaultRule second = emulator.Faults.Next(2, EmulatorFault.ServerError(500));
        using HttpClient http = emulator.CreateClient();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, await StatusAsync(http.GetAsync("v1/items")));
        Assert.Equal(HttpStatusCode.InternalServerError, await StatusAsync(http.GetAsync("v1/items")));
        Assert.Equal(HttpStatusCode.InternalServerError, await StatusAsync(http.GetAsync("v1/items")));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(http.GetAsync("v1/items")));

        Assert.Equal(1, first.AppliedCount);
        Assert.Equal(2, second.AppliedCount);
    }

    [Fact]
    public async Task RateLimit_RejectsBeforeFaults_SoRejectedRequestsDoNotUseUpAScript()
    {
        await using var emulator = await ItemsEmulator.StartNewAsync(e => e.RateLimit = new EmulatorRateLimit { PermitLimit = 1, Window = TimeSpan.FromHours(1) });
        (await (emulator.CreateClient()).GetAsync("v1/items")).Dispose();
        EmulatorFaultRule rule = emulator.Faults.Next(1, EmulatorFault.ServerError(503));
        using HttpClient http = emulator.CreateClient();

        Assert.Equal(HttpStatusCode.TooManyRequests, await StatusAsync(http.GetAsync("v1/items")));

        Assert.Equal(0, rule.AppliedCount);
        Assert.Equal(1, rule.RemainingCount);
    }

    [Fact]
    public async Task Clear_RemovesEveryRule()
    {
        await using var emulator = await ItemsEmulator.StartNewAsync();
        emulator.Faults.Next(5, EmulatorFault.ServerError());
        emulator.Faults.Randomly(100, EmulatorFault.ServerError());
        Assert.Equal(2, emulator.Faults.Rules.Count);

        emulator.Faults.Clear();

        Assert.Empty(emulator.Faults.Rules);
        using HttpClient http = emulator.CreateClient();
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(http.GetAsync("v1/items")));
    }

    [Fact]
    public async Task Rules_BadArguments_ThrowNamingTheArgument()
    {
        await using var emulator = new ItemsEmulator();
        EmulatorFault fault = EmulatorFault.ServerError();

        Assert.Throws<ArgumentOutOfRangeException>("count", () => emulator.Faults.Next(0, fault));
        Assert.Throws<ArgumentOutOfRangeException>("count", () => emulator.Faults.Next(0, "GET", "/x", fault));
        Assert.Throws<ArgumentException>("path", () => emulator.Faults.Next(1, "GET", "x", fault));
        Assert.Throws<ArgumentNullException>("fault", () => emulator.Faults.Next(1, null!));
        Assert.Throws<ArgumentNullException>("predicate", () => emulator.Faults.When(null!, fault));
        Assert.Throws<ArgumentOutOfRangeException>("count", () => emulator.Faults.When(_ => true, fault, 0));
        Assert.Throws<ArgumentOutOfRangeException>("percentage", () => emulator.Faults.Randomly(0, fault));
        Assert.Throws<ArgumentOutOfRangeException>("percentage", () => emulator.Faults.Randomly(100.5, fault));
        Assert.Throws<ArgumentOutOfRangeException>("percentage", () => emulator.Faults.Randomly(double.NaN, fault));
        Assert.Empty(emulator.Faults.Rules);
    }

    private static async Task<HttpStatusCode> StatusAsync(Task<HttpResponseMessage> send)
    {
        using HttpResponseMessage response = await send;
        return response.StatusCode;
    }
}
