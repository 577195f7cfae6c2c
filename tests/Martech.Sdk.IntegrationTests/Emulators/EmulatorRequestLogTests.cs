using System.Net;
using System.Net.Http.Json;
using System.Text;
using Martech.Sdk.Testing;

namespace Martech.Sdk.IntegrationTests.Emulators;

public class EmulatorRequestLogTests
{
    [Fact]
    public async Task Requests_RecordWhatTheClientSentAndTheStatus_InOrder()
    {
        var clock = new ManualTimeProvider();
        await using var emulator = await ItemsEmulator.StartNewAsync(e => e.TimeProvider = clock);
        using HttpClient http = emulator.CreateClient();

        using var post = new HttpRequestMessage(HttpMethod.Post, "v1/items?dry=false&tag=a&tag=b")
        {
            Content = new StringContent("""{"name":"Ada"}""", Encoding.UTF8, "application/json"),
        };
        post.Headers.Add("X-Api-Key", "k-123");
        (await http.SendAsync(post)).Dispose();
        clock.Advance(TimeSpan.FromSeconds(3));
        (await http.GetAsync("v1/items/nope")).Dispose();

        IReadOnlyList<RecordedRequest> requests = emulator.RequestLog.Requests;
        Assert.Equal(2, requests.Count);

        RecordedRequest first = requests[0];
        Assert.Equal(1, first.Sequence);
        Assert.Equal("POST", first.Method);
        Assert.Equal("/v1/items", first.Path);
        Assert.Equal("?dry=false&tag=a&tag=b", first.QueryString);
        Assert.Equal("false", first.GetQuery("dry"));
        Assert.Equal("a,b", first.Query["tag"]);
        Assert.Equal("k-123", first.GetHeader("x-api-key"));
        Assert.Equal("application/json; charset=utf-8", first.ContentType);
        Assert.Equal("""{"name":"Ada"}""", first.BodyText);
        Assert.Equal("Ada", first.ReadJsonNode()?["name"]?.GetValue<string>());
        Assert.Equal("Ada", first.ReadJson<NewItem>()?.Name);
        Assert.Equal(ManualTimeProvider.DefaultStart, first.ArrivedAt);
        Assert.Equal(201, first.StatusCode);
        Assert.Null(first.Fault);
        Assert.False(first.RateLimited);
        Assert.Null(first.Exception);

        RecordedRequest second = requests[1];
        Assert.Equal(2, second.Sequence);
        Assert.Equal("GET", second.Method);
        Assert.Equal("/v1/items/nope", second.Path);
        Assert.Equal(string.Empty, second.QueryString);
        Assert.True(second.Body.IsEmpty);
        Assert.Equal(ManualTimeProvider.DefaultStart.AddSeconds(3), second.ArrivedAt);
        Assert.Equal(404, second.StatusCode);
        Assert.Equal("#2 GET /v1/items/nope → 404", second.ToString());
    }

    [Fact]
    public async Task RequestsTo_FiltersByMethodAndPath_WithTemplateSegments()
    {
        await using var emulator = await ItemsEmulator.StartNewAsync();
        using HttpClient http = emulator.CreateClient();
        (await http.PostAsJsonAsync("v1/items", new { name = "a" })).Dispose();
        (await http.GetAsync("v1/items")).Dispose();
        (await http.GetAsync("v1/items/item_1")).Dispose();
        (await http.GetAsync("v1/items/item_2")).Dispose();
        (await http.DeleteAsync("v1/items/item_1")).Dispose();

        Assert.Single(emulator.RequestLog.RequestsTo("post", "/v1/items"));
        Assert.Single(emulator.RequestLog.RequestsTo("GET", "/v1/items"));
        Assert.Equal(
            ["/v1/items/item_1", "/v1/items/item_2"],
            emulator.RequestLog.RequestsTo("GET", "/v1/items/{id}").Select(r => r.Path));
        Assert.Equal(204, Assert.Single(emulator.RequestLog.RequestsTo("DELETE", "/v1/items/{id}")).StatusCode);
        Assert.Empty(emulator.RequestLog.RequestsTo("GET", "/v1/items/{id}/children"));
        Assert.Empty(emulator.RequestLog.RequestsTo("GET", "/v1"));
    }

    [Theory]
    [InlineData("", "/v1/items", "method")]
    [InlineData("GET", "", "path")]
    [InlineData("GET", "v1/items", "path")]
    [InlineData("GET", "/v1/items?limit=1", "path")]
    public async Task RequestsTo_BadArguments_ThrowNamingTheArgument(string method, string path, string expectedParameter)
    {
        await using var emulator = new ItemsEmulator();

        var error = Assert.ThrowsAny<ArgumentException>(() => emulator.RequestLog.RequestsTo(method, path));

        Assert.Equal(expectedParameter, error.ParamName);
    }

    [Fact]
    public async Task Clear_EmptiesTheLog_SequenceKeepsCounting()
    {
        await using var emulator = await ItemsEmulator.StartNewAsync();
        using HttpClient http = emulator.CreateClient();
        (await http.GetAsync("v1/items")).Dispose();
        (await http.GetAsync("v1/items")).Dispose();

        emulator.RequestLog.Clear();
        Assert.Equal(0, emulator.RequestLog.Count);
        (await http.GetAsync("v1/items")).Dispose();

        RecordedRequest only = Assert.Single(emulator.RequestLog.Requests);
        Assert.Equal(3, only.Sequence);
        Assert.Equal(3, emulator.RequestLog.TotalCount);
    }

    [Fact]
    public async Task Capacity_KeepsTheNewestRequests()
    {
        await using var emulator = await ItemsEmulator.StartNewAsync();
        emulator.RequestLog.Capacity = 2;
        using HttpClient http = emulator.CreateClient();
        for (int i = 0; i < 4; i++)
        {
            (await http.GetAsync($"v1/items?limit={i + 1}")).Dispose();
        }

        Assert.Equal([3L, 4L], emulator.RequestLog.Requests.Select(r => r.Sequence));
        Assert.Equal(4, emulator.RequestLog.TotalCount);
        Assert.Throws<ArgumentOutOfRangeException>("Capacity", () => emulator.RequestLog.Capacity = 0);
    }

    [Fact]
    public async Task ConcurrentRequests_AreAllLoggedAndProcessed()
    {
        const int Count = 64;
        await using var emulator = await ItemsEmulator.StartNewAsync();
        using HttpClient http = emulator.CreateClient();

        HttpResponseMessage[] responses = await Task.WhenAll(
            Enumerable.Range(0, Count).Select(i => http.PostAsJsonAsync("v1/items", new { name = $"n{i}" })));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        foreach (HttpResponseMessage response in responses)
        {
            response.Dispose();
        }

        IReadOnlyList<RecordedRequest> requests = emulator.RequestLog.Requests;
        Assert.Equal(Count, requests.Count);
        Assert.Equal(Enumerable.Range(1, Count).Select(i => (long)i), requests.Select(r => r.Sequence));
        Assert.Equal(
            Enumerable.Range(0, Count).Select(i => $"n{i}").Order(StringComparer.Ordinal),
            requests.Select(r => r.ReadJson<NewItem>()!.Name!).Order(StringComparer.Ordinal));
        Assert.All(requests, r => Assert.Equal(201, r.StatusCode));
        Assert.Equal(Count, emulator.Items.Count);
        Assert.Equal(Count, emulator.Items.Items.Select(i => i.Id).Distinct().Count());
    }
}
