using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Martech.Sdk.Testing;

namespace Martech.Sdk.IntegrationTests.Postmark;

/// <summary>The emulator's own wire format, over raw HTTP: authentication, headers, Postmark's error bodies and limits.</summary>
public sealed class PostmarkEmulatorTests(PostmarkEmulatorFixture fixture) : IClassFixture<PostmarkEmulatorFixture>, IDisposable
{
    private readonly HttpClient _http = CreateClient(fixture);

    private static HttpClient CreateClient(PostmarkEmulatorFixture fixture)
    {
        fixture.Emulator.Reset();
        var http = new HttpClient { BaseAddress = fixture.Emulator.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        http.DefaultRequestHeaders.Add("X-Postmark-Server-Token", PostmarkEmulator.DefaultServerToken);
        return http;
    }

    public void Dispose() => _http.Dispose();

    private async Task<(HttpStatusCode Status, JsonNode? Body)> PostAsync(string path, string json, HttpClient? client = null)
    {
        using var response = await (client ?? _http).PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
        string text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    [Fact]
    public async Task Email_NoToken_Answers401WithCode10()
    {
        using var anonymous = new HttpClient { BaseAddress = fixture.Emulator.BaseAddress };
        anonymous.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        var (status, body) = await PostAsync("email", "{}", anonymous);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal(10, body!["ErrorCode"]!.GetValue<int>());
    }

    [Fact]
    public async Task Email_NoJsonAccept_Answers415()
    {
        using var client = new HttpClient { BaseAddress = fixture.Emulator.BaseAddress };
        client.DefaultRequestHeaders.Add("X-Postmark-Server-Token", PostmarkEmulator.DefaultServerToken);
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));

        var (status, _) = await PostAsync("email", "{}", client);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
    }

    [Fact]
    public async Task Email_Valid_AnswersThePostmarkSuccessBodyAndRecordsIt()
    {
        var (status, body) = await PostAsync("email", """{"From":"Ada <ada@example.com>","To":"\"Doe, J\" <j@example.com>, k@example.com","Subject":"Hi","TextBody":"x","Tag":"t","Metadata":{"a":"b"}}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(0, body!["ErrorCode"]!.GetValue<int>());
        Assert.Equal("OK", body["Message"]!.GetValue<string>());
        PostmarkEmulatedEmail sent = Assert.Single(fixture.Emulator.SentEmails);
        Assert.Equal(body["MessageID"]!.GetValue<string>(), sent.MessageId);
        Assert.Equal("outbound", sent.MessageStream);
        Assert.Equal([EmailAddress.Parse("j@example.com"), EmailAddress.Parse("k@example.com")], sent.Recipients);
        Assert.Equal("b", sent.Metadata["a"]);
    }

    [Theory]
    [InlineData("""{"To":"k@example.com","Subject":"Hi","TextBody":"x"}""", 300)]
    [InlineData("""{"From":"a@example.com","To":"not an address","Subject":"Hi","TextBody":"x"}""", 300)]
    [InlineData("""{"From":"a@example.com","To":"k@example.com","Subject":"Hi"}""", 300)]
    [InlineData("""{"From":"a@example.com","To":"k@example.com","Subject":"Hi","TextBody":"x","MessageStream":"nope"}""", 1235)]
    [InlineData("""{"From":"a@example.com","To":"k@example.com","Subject":"Hi","TextBody":"x","Metadata":{"a":"1","A":"2"}}""", 300)]
    [InlineData("""not json""", 402)]
    public async Task Email_Invalid_Answers422WithPostmarksCode(string json, int code)
    {
        var (status, body) = await PostAsync("email", json);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal(code, body!["ErrorCode"]!.GetValue<int>());
        Assert.Empty(fixture.Emulator.SentEmails);
    }

    [Fact]
    public async Task Batch_MoreThan500_Answers410()
    {
        string batch = "[" + string.Join(",", Enumerable.Repeat("""{"From":"a@example.com","To":"k@example.com","Subject":"Hi","TextBody":"x"}""", 501)) + "]";

        var (status, body) = await PostAsync("email/batch", batch);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal(410, body!["ErrorCode"]!.GetValue<int>());
        Assert.Empty(fixture.Emulator.SentEmails);
    }

    [Fact]
    public async Task Dump_InvalidReason_Answers1404AndUnknownStream1226()
    {
        using var reason = await _http.GetAsync("message-streams/outbound/suppressions/dump?SuppressionReason=Nope");
        using var stream = await _http.GetAsync("message-streams/nope/suppressions/dump");

        Assert.Equal(1404, JsonNode.Parse(await reason.Content.ReadAsStringAsync())!["ErrorCode"]!.GetValue<int>());
        Assert.Equal(1226, JsonNode.Parse(await stream.Content.ReadAsStringAsync())!["ErrorCode"]!.GetValue<int>());
    }

    [Fact]
    public async Task Suppressions_MoreThan50_Answers1410()
    {
        string body = """{"Suppressions":[""" + string.Join(",", Enumerable.Range(0, 51).Select(i => $$"""{"EmailAddress":"u{{i}}@example.com"}""")) + "]}";

        var (status, answer) = await PostAsync("message-streams/outbound/suppressions", body);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal(1410, answer!["ErrorCode"]!.GetValue<int>());
    }
}
