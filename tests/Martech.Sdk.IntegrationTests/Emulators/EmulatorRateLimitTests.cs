using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Martech.Sdk.Testing;

namespace Martech.Sdk.IntegrationTests.Emulators;

public class EmulatorRateLimitTests
{
    [Fact]
    public async Task RateLimit_AfterPermitLimit_Answers429WithRetryAfterAndVendorBody()
    {
        var clock = new ManualTimeProvider();
        await using var emulator = await ItemsEmulator.StartNewAsync(e =>
        {
            e.TimeProvider = clock;
            e.RateLimit = new EmulatorRateLimit { PermitLimit = 3, Window = TimeSpan.FromSeconds(10) };
        });
        using HttpClient http = emulator.CreateClient();

        var remaining = new List<string>();
        for (int i = 0; i < 3; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            using HttpResponseMessage admitted = await http.PostAsJsonAsync("v1/items", new { name = $"n{i}" });
            Assert.Equal(HttpStatusCode.Created, admitted.StatusCode);
            Assert.Equal("3", Header(admitted, "X-Test-RateLimit-Limit"));
            remaining.Add(Header(admitted, "X-Test-RateLimit-Remaining"));

            // The window opened with the first request: it resets 10 s after it, whatever the later requests' times.
            Assert.Equal(ManualTimeProvider.DefaultStart.AddSeconds(11).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), Header(admitted, "X-Test-RateLimit-Reset"));
        }

        clock.Advance(TimeSpan.FromSeconds(1.5));
        using HttpResponseMessage rejected = await http.PostAsJsonAsync("v1/items", new { name = "over" });

        Assert.Equal(["2", "1", "0"], remaining);
        Assert.Equal(HttpStatusCode.TooManyRequests, rejected.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), rejected.Headers.RetryAfter?.Delta); // 6.5 s left, rounded up
        Assert.Equal("0", Header(rejected, "X-Test-RateLimit-Remaining"));
        var body = await rejected.Content.ReadFromJsonAsync<VendorError>(EmulatorJson.SnakeCase);
        Assert.Equal(new VendorError("error", "RATE_LIMIT", "You have reached your ten_secondly_rolling limit."), body);
        Assert.Equal(3, emulator.Items.Count);
        RecordedRequest last = emulator.RequestLog.Requests[^1];
        Assert.True(last.RateLimited);
        Assert.Equal(429, last.StatusCode);
        Assert.Null(last.Fault);
    }

    [Fact]
    public async Task RateLimit_AfterTheWindow_Recovers()
    {
        var clock = new ManualTimeProvider();
        await using var emulator = await ItemsEmulator.StartNewAsync(e =>
        {
            e.TimeProvider = clock;
            e.RateLimit = new EmulatorRateLimit { PermitLimit = 2, Window = TimeSpan.FromSeconds(1) };
        });
        using HttpClient http = emulator.CreateClient();

        var statuses = new List<int>();
        for (int i = 0; i < 4; i++)
        {
            statuses.Add(await StatusAsync(http));
        }

        clock.Advance(TimeSpan.FromMilliseconds(999));
        statuses.Add(await StatusAsync(http));
        clock.Advance(TimeSpan.FromMilliseconds(1));
        statuses.Add(await StatusAsync(http));
        statuses.Add(await StatusAsync(http));
        statuses.Add(await StatusAsync(http));

        Assert.Equal([200, 200, 429, 429, 429, 200, 200, 429], statuses);
    }

    [Fact]
    public async Task RateLimit_PartitionBy_GivesEachKeyItsOwnBudget()
    {
        var clock = new ManualTimeProvider();
        await using var emulator = await ItemsEmulator.StartNewAsync(e =>
        {
            e.TimeProvider = clock;
            e.RateLimit = new EmulatorRateLimit
            {
                PermitLimit = 1,
                Window = TimeSpan.FromMinutes(1),
                PartitionBy = r => r.GetHeader("X-Api-Key") ?? "anonymous",
            };
        });
        using HttpClient http = emulator.CreateClient();

        Assert.Equal(200, await StatusAsync(http, "key-a"));
        Assert.Equal(200, await StatusAsync(http, "key-b"));
        Assert.Equal(429, await StatusAsync(http, "key-a"));
        Assert.Equal(429, await StatusAsync(http, "key-b"));
    }

    [Fact]
    public async Task RateLimit_AppliesTo_ExemptsOtherRequestsWithoutHeaders()
    {
        await using var emulator = await ItemsEmulator.StartNewAsync(e => e.RateLimit = new EmulatorRateLimit
        {
            PermitLimit = 1,
            Window = TimeSpan.FromMinutes(1),
            AppliesTo = r => r.Method == "POST",
        });
        using HttpClient http = emulator.CreateClient();

        using HttpResponseMessage firstPost = await http.PostAsJsonAsync("v1/items", new { name = "a" });
        using HttpResponseMessage secondPost = await http.PostAsJsonAsync("v1/items", new { name = "b" });
        using HttpResponseMessage get = await http.GetAsync("v1/items");

        Assert.Equal(HttpStatusCode.Created, firstPost.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, secondPost.StatusCode);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.False(get.Headers.Contains("X-Test-RateLimit-Remaining"));
    }

    [Fact]
    public async Task RateLimit_SetAgain_StartsAFreshWindow_NullRemovesIt()
    {
        await using var emulator = await ItemsEmulator.StartNewAsync();
        var limit = new EmulatorRateLimit { PermitLimit = 1, Window = TimeSpan.FromHours(1) };
        emulator.RateLimit = limit;
        using HttpClient http = emulator.CreateClient();
        Assert.Equal(200, await StatusAsync(http));
        Assert.Equal(429, await StatusAsync(http));

        emulator.RateLimit = limit;
        Assert.Same(limit, emulator.RateLimit);
        Assert.Equal(200, await StatusAsync(http));

        emulator.RateLimit = null;
        Assert.Equal(200, await StatusAsync(http));
        Assert.Equal(200, await StatusAsync(http));
    }

    [Fact]
    public void EmulatorRateLimit_BadValues_ThrowNamingTheField()
    {
        Assert.Throws<ArgumentOutOfRangeException>("PermitLimit", () => new EmulatorRateLimit { PermitLimit = 0, Window = TimeSpan.FromSeconds(1) });
        Assert.Throws<ArgumentOutOfRangeException>("Window", () => new EmulatorRateLimit { PermitLimit = 1, Window = TimeSpan.Zero });
    }

    private static async Task<int> StatusAsync(HttpClient http, string? apiKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "v1/items");
        if (apiKey is not null)
        {
            request.Headers.Add("X-Api-Key", apiKey);
        }

        using HttpResponseMessage response = await http.SendAsync(request);
        return (int)response.StatusCode;
    }

    private static string Header(HttpResponseMessage response, string name) => string.Join(",", response.Headers.GetValues(name));
}
