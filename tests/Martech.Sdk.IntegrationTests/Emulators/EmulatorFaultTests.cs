using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Martech.Sdk.Testing;

namespace Martech.Sdk.IntegrationTests.Emulators;

/// <summary>Each fault kind as a plain HttpClient sees it over a real socket, and what the emulator did meanwhile.</summary>
public class EmulatorFaultTests
{
    private static readonly TimeSpan ShortClientTimeout = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Latency_LongerThanClientTimeout_ClientTimesOut_RequestStillProcessedLater()
    {
        await using var emulator = await ItemsEmulator.StartNewAsync();
        emulator.Faults.Next(1, "POST", "/v1/items", EmulatorFault.Latency(TimeSpan.FromSeconds(2)));
        using HttpClient http = await WarmClientAsync(emulator, ShortClientTimeout);

        var timeout = await Assert.ThrowsAsync<TaskCanceledException>(() => http.PostAsJsonAsync("v1/items", new { name = "slow" }));

        Assert.IsType<TimeoutException>(timeout.InnerException);
        RecordedRequest recorded = Assert.Single(emulator.RequestLog.RequestsTo("POST", "/v1/items"));
        Assert.Equal(EmulatorFaultKind.Latency, recorded.Fault?.Kind);
        await recorded.Completion.WaitAsync(Patience);
        Assert.Equal("slow", Assert.Single(emulator.Items.Items).Name);
    }

    [Fact]
    public async Task Latency_ShorterThanClientTimeout_AnswersAfterTheDelay()
    {
        await using var emulator = await ItemsEmulator.StartNewAsync();
        TimeSpan delay = TimeSpan.FromMilliseconds(200);
        emulator.Faults.Next(1, EmulatorFault.Latency(delay));
        using HttpClient http = emulator.CreateClient();

        var watch = Stopwatch.StartNew();
        using HttpResponseMessage response = await http.GetAsync("v1/items");
        watch.Stop();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(watch.Elapsed >= delay - TimeSpan.FromMilliseconds(20), $"Answered after {watch.Elapsed}, before the {delay} latency.");
    }

    [Fact]
    public async Task TimeoutAfterProcessing_ClientTimesOut_ItemIsStored_NoStatusRecorded()
    {
        await using var emulator = await ItemsEmulator.StartNewAsync();
        emulator.Faults.Next(1, "POST", "/v1/items", EmulatorFault.TimeoutAfterProcessing());
        using HttpClient http = await WarmClientAsync(emulator, ShortClientTimeout);

        var timeout = await Assert.ThrowsAsync<TaskCanceledException>(() => http.PostAsJsonAsync("v1/items", new { name = "lost" }));

        Assert.IsType<TimeoutException>(timeout.InnerException);
        RecordedRequest recorded = Assert.Single(emulator.RequestLog.RequestsTo("POST", "/v1/items"));
        await recorded.Completion.WaitAsync(Patience); // the client's disconnect ends the 100 s hold
        Assert.Equal("lost", Assert.Single(emulator.Items.Items).Name);
        Assert.Equal(EmulatorFaultKind.TimeoutAfterProcessing, recorded.Fault?.Kind);
        Assert.Null(recorded.StatusCode);
    }

    [Fact]
    public async Task TimeoutAfterProcessing_HoldEndsFirst_SendsTheRealResponse()
    {
        await using var emulator = await ItemsEmulator.StartNewAsync();
        emulator.Faults.Next(1, EmulatorFault.TimeoutAfterProcessing(TimeSpan.FromMilliseconds(150)));
        using HttpClient http = emulator.CreateClient();

        using HttpResponseMessage response = await http.PostAsJsonAsync("v1/items", new { name = "late" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("late", (await response.Content.ReadFromJsonAsync<Item>(EmulatorJson.SnakeCase))?.Name);
        Assert.Equal(201, Assert.Single(emulator.RequestLog.Requests).StatusCode);
    }

    [Fact]
    public async Task ResetBeforeProcessing_ClientGetsHttpRequestException_ItemNotStored()
    {
        await using var emulator = await ItemsEmulator.StartNewAsync();
        emulator.Faults.Next(1, "POST", "/v1/items", EmulatorFault.ResetBeforeProcessing());
        using HttpClient http = emulator.CreateClient();

        await Assert.ThrowsAsync<HttpRequestException>(() => http.PostAsJsonAsync("v1/items", new { name = "never" }));

        RecordedRequest recorded = Assert.Single(emulator.RequestLog.Requests);
        await recorded.Completion.WaitAsync(Patience);
        Assert.Equal(EmulatorFaultKind.ResetBeforeProcessing, recorded.Fault?.Kind);
        Assert.Null(recorded.StatusCode);
        Assert.Equal(0, emulator.Items.Count);
    }

    [Fact]
    public async Task ResetAfterProcessing_ClientGetsHttpRequestException_ItemIsStored()
    {
        await using var emulator = await ItemsEmulator.StartNewAsync();
        emulator.Faults.Next(1, "POST", "/v1/items", EmulatorFault.ResetAfterProcessing());
        using HttpClient http = emulator.CreateClient();

        await Assert.ThrowsAsync<HttpRequestException>(() => http.PostAsJsonAsync("v1/items", new { name = "processed" }));

        RecordedRequest recorded = Assert.Single(emulator.RequestLog.Requests);
        await recorded.Completion.WaitAsync(Patience);
        Assert.Equal(EmulatorFaultKind.ResetAfterProcessing, recorded.Fault?.Kind);
        Assert.Null(recorded.StatusCode);
        Assert.Equal("processed", Assert.Single(emulator.Items.Items).Name);
    }

    [Fact]
    public async Task ServerError_WithoutBody_AnswersTheVendorErrorBody_NotProcessed()
    {
        await using var emulator = await ItemsEmulator.StartNewAsync();
        emulator.Faults.Next(1, EmulatorFault.ServerError(503));
        using HttpClient http = emulator.CreateClient();

        using HttpResponseMessage response = await http.PostAsJsonAsync("v1/items", new { name = "x" });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(new VendorError("error", "INTERNAL_ERROR", "Something went wrong."), await response.Content.ReadFromJsonAsync<VendorError>(EmulatorJson.SnakeCase));
        Assert.Equal(0, emulator.Items.Count);
        RecordedRequest recorded = Assert.Single(emulator.RequestLog.Requests);
        Assert.Equal(503, recorded.StatusCode);
        Assert.Equal("ServerError(503)", recorded.Fault?.ToString());
    }

    [Fact]
    public async Task ServerError_WithBody_AnswersThatBody()
    {
        await using var emulator = await ItemsEmulator.StartNewAsync();
        emulator.Faults.Next(1, EmulatorFault.ServerError(502, "<html>Bad Gateway</html>", "text/html"));
        using HttpClient http = emulator.CreateClient();

        using HttpResponseMessage response = await http.GetAsync("v1/items");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("<html>Bad Gateway</html>", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TooManyRequests_AnswersRetryAfterAndTheVendorBody_NotProcessed()
    {
        await using var emulator = await ItemsEmulator.StartNewAsync();
        emulator.Faults.Next(1, EmulatorFault.TooManyRequests(TimeSpan.FromSeconds(6.2)));
        emulator.Faults.Next(1, EmulatorFault.TooManyRequests());
        using HttpClient http = emulator.CreateClient();

        using HttpResponseMessage withRetryAfter = await http.PostAsJsonAsync("v1/items", new { name = "x" });
        using HttpResponseMessage withoutRetryAfter = await http.PostAsJsonAsync("v1/items", new { name = "y" });

        Assert.Equal(HttpStatusCode.TooManyRequests, withRetryAfter.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), withRetryAfter.Headers.RetryAfter?.Delta);
        Assert.Equal("RATE_LIMIT", (await withRetryAfter.Content.ReadFromJsonAsync<VendorError>(EmulatorJson.SnakeCase))?.ErrorType);
        Assert.Equal(HttpStatusCode.TooManyRequests, withoutRetryAfter.StatusCode);
        Assert.Null(withoutRetryAfter.Headers.RetryAfter);
        Assert.Equal(0, emulator.Items.Count);
        Assert.All(emulator.RequestLog.Requests, r => Assert.Equal(EmulatorFaultKind.TooManyRequests, r.Fault?.Kind));
    }

    [Fact]
    public async Task MalformedBody_KeepsStatusAndContentType_BodyIsNotJson_ItemIsStored()
    {
        await using var emulator = await ItemsEmulator.StartNewAsync();
        emulator.Faults.Next(1, EmulatorFault.MalformedBody());
        using HttpClient http = emulator.CreateClient();

        using HttpResponseMessage response = await http.PostAsJsonAsync("v1/items", new { name = "mangled" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        string body = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("{\"id\":\"item_1\"", body, StringComparison.Ordinal);
        Assert.EndsWith("<<malformed>>", body, StringComparison.Ordinal);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(body));
        Assert.Equal("mangled", Assert.Single(emulator.Items.Items).Name);
        Assert.Equal(EmulatorFaultKind.MalformedBody, Assert.Single(emulator.RequestLog.Requests).Fault?.Kind);
    }

    [Fact]
    public async Task MalformedBody_WithBody_SendsItInstead()
    {
        await using var emulator = await ItemsEmulator.StartNewAsync();
        emulator.Faults.Next(1, EmulatorFault.MalformedBody("{\"results\": [1, 2"));
        using HttpClient http = emulator.CreateClient();

        using HttpResponseMessage response = await http.GetAsync("v1/items");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{\"results\": [1, 2", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task MalformedBody_OnA204_SendsItUnchanged()
    {
        await using var emulator = await ItemsEmulator.StartNewAsync();
        string id = emulator.Items.Add(new Item("item_1", "x", DateTimeOffset.UnixEpoch));
        emulator.Faults.Next(1, EmulatorFault.MalformedBody());
        using HttpClient http = emulator.CreateClient();

        using HttpResponseMessage response = await http.DeleteAsync($"v1/items/{id}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(string.Empty, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TruncatedBody_ReadingTheBodyFails_ItemIsStored()
    {
        await using var emulator = await ItemsEmulator.StartNewAsync();
        emulator.Faults.Next(1, EmulatorFault.TruncatedBody());
        using HttpClient http = emulator.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/items") { Content = JsonContent.Create(new { name = "cut" }) };

        using HttpResponseMessage response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        long? declared = response.Content.Headers.ContentLength;
        Assert.NotNull(declared);
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => response.Content.ReadAsStringAsync());
        Assert.True(failure is IOException or HttpRequestException, $"Expected an I/O failure, got {failure}.");
        Assert.Equal("cut", Assert.Single(emulator.Items.Items).Name);
        Assert.Equal(EmulatorFaultKind.TruncatedBody, Assert.Single(emulator.RequestLog.Requests).Fault?.Kind);
    }

    [Fact]
    public async Task TruncatedBody_BufferedRead_ThrowsHttpRequestException()
    {
        await using var emulator = await ItemsEmulator.StartNewAsync();
        emulator.Faults.Next(1, EmulatorFault.TruncatedBody());
        using HttpClient http = emulator.CreateClient();

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync("v1/items"));

        Assert.IsAssignableFrom<IOException>(failure.InnerException);
    }

    [Fact]
    public async Task Faults_AfterAFault_TheConnectionIsReplacedAndLaterRequestsSucceed()
    {
        await using var emulator = await ItemsEmulator.StartNewAsync();
        using HttpClient http = emulator.CreateClient();
        (await http.GetAsync("v1/items")).Dispose();
        emulator.Faults.Next(1, "GET", "/v1/items", EmulatorFault.TruncatedBody());
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync("v1/items"));

        using HttpResponseMessage after = await http.GetAsync("v1/items");

        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal(3, emulator.RequestLog.Count);
    }

    [Fact]
    public void Factories_BadArguments_ThrowNamingTheArgument()
    {
        Assert.Throws<ArgumentOutOfRangeException>("delay", () => EmulatorFault.Latency(TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>("delay", () => EmulatorFault.Latency(TimeSpan.FromDays(2)));
        Assert.Throws<ArgumentOutOfRangeException>("statusCode", () => EmulatorFault.ServerError(429));
        Assert.Throws<ArgumentOutOfRangeException>("statusCode", () => EmulatorFault.ServerError(600));
        Assert.Throws<ArgumentException>("contentType", () => EmulatorFault.ServerError(500, "x", " "));
        Assert.Throws<ArgumentOutOfRangeException>("retryAfter", () => EmulatorFault.TooManyRequests(TimeSpan.FromSeconds(-1)));
        Assert.Throws<ArgumentOutOfRangeException>("holdFor", () => EmulatorFault.TimeoutAfterProcessing(TimeSpan.FromSeconds(-1)));
        Assert.Equal(EmulatorFault.DefaultHoldTime, EmulatorFault.TimeoutAfterProcessing().Delay);
    }

    // A first request opens the connection and builds the routes, so a short timeout measures only the fault.
    private static async Task<HttpClient> WarmClientAsync(ItemsEmulator emulator, TimeSpan timeout)
    {
        HttpClient http = emulator.CreateClient(timeout);
        (await http.GetAsync("v1/items")).Dispose();
        return http;
    }
}
