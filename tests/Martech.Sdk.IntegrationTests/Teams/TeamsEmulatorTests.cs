using System.Net;
using System.Text;
using Martech.Sdk.Testing;

namespace Martech.Sdk.IntegrationTests.Teams;

/// <summary>The <see cref="TeamsEmulator"/> speaks the Workflows webhook wire format to any HTTP client.</summary>
public sealed class TeamsEmulatorTests : IClassFixture<TeamsEmulatorFixture>
{
    private const string TextCard = """{"type":"message","attachments":[{"contentType":"application/vnd.microsoft.card.adaptive","contentUrl":null,"content":{"type":"AdaptiveCard","version":"1.4","body":[{"type":"TextBlock","text":"Hi"}]}}]}""";

    private readonly TeamsEmulatorFixture _fixture;

    public TeamsEmulatorTests(TeamsEmulatorFixture fixture)
    {
        _fixture = fixture;
        fixture.Emulator.Reset();
    }

    private static async Task<HttpResponseMessage> PostAsync(Uri url, string body, string contentType = "application/json")
    {
        using var client = new HttpClient();
        return await client.PostAsync(url, new StringContent(body, Encoding.UTF8, contentType));
    }

    [Fact]
    public async Task Post_ValidCard_202EmptyBodyWithRunId()
    {
        Uri url = _fixture.Emulator.AddChannel("#general");

        using HttpResponseMessage response = await PostAsync(url, TextCard);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(string.Empty, await response.Content.ReadAsStringAsync());
        string runId = Assert.Single(response.Headers.GetValues("x-ms-workflow-run-id"));
        TeamsEmulatedMessage message = Assert.Single(_fixture.Emulator.Messages);
        Assert.Equal(runId, message.RunId);
        Assert.Equal("#general", message.Channel);
        Assert.Equal("Hi", message.Content);
    }

    [Fact]
    public async Task Post_LegacyConnector_200One()
    {
        Uri url = _fixture.Emulator.AddChannel("#general");
        _fixture.Emulator.LegacyConnector = true;

        using HttpResponseMessage response = await PostAsync(url, TextCard);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("1", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("""{"type":"note","attachments":[]}""", "'type' must be 'message'")]
    [InlineData("""{"type":"message","attachments":[]}""", "non-empty 'attachments'")]
    [InlineData("""{"type":"message","attachments":[{"contentType":"application/vnd.microsoft.card.hero","content":{"type":"AdaptiveCard","body":[]}}]}""", "contentType")]
    [InlineData("""{"type":"message","attachments":[{"contentType":"application/vnd.microsoft.card.adaptive","content":{"type":"MessageCard","body":[]}}]}""", "AdaptiveCard")]
    [InlineData("""{"type":"message","attachments":[{"contentType":"application/vnd.microsoft.card.adaptive","content":{"type":"AdaptiveCard","body":[],"actions":[{"type":"Action.Submit","title":"Go"}]}}]}""", "Action.Submit")]
    [InlineData("not json", "not valid JSON")]
    public async Task Post_InvalidEnvelope_400InvalidRequestContent(string body, string expected)
    {
        Uri url = _fixture.Emulator.AddChannel("#general");

        using HttpResponseMessage response = await PostAsync(url, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        string text = await response.Content.ReadAsStringAsync();
        var error = System.Text.Json.Nodes.JsonNode.Parse(text)!["error"]!;
        Assert.Equal("InvalidRequestContent", (string?)error["code"]);
        Assert.Contains(expected, (string?)error["message"], StringComparison.Ordinal);
        Assert.Empty(_fixture.Emulator.Messages);
    }

    [Fact]
    public async Task Post_UnknownWorkflow_404WorkflowNotFound()
    {
        Uri url = new(_fixture.Emulator.BaseAddress, "workflows/doesnotexist/triggers/manual/paths/invoke?api-version=2016-06-01&sig=x");

        using HttpResponseMessage response = await PostAsync(url, TextCard);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("WorkflowNotFound", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_NotJsonContentType_400()
    {
        Uri url = _fixture.Emulator.AddChannel("#general");

        using HttpResponseMessage response = await PostAsync(url, TextCard, "text/plain");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
