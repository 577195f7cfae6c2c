using System.Net;
using System.Text.Json.Nodes;
using Martech.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk.IntegrationTests.Teams;

/// <summary>The Teams provider against its emulator over real sockets: the rendered card as Teams receives it,
/// throttling (429 with Retry-After, and the legacy connector's throttling in a 200 body), errors and the secret URL.</summary>
public sealed class TeamsSocketTests : IClassFixture<TeamsEmulatorFixture>, IAsyncLifetime
{
    private readonly TeamsEmulatorFixture _fixture;
    private ServiceProvider _services = null!;

    public TeamsSocketTests(TeamsEmulatorFixture fixture) => _fixture = fixture;

    private TeamsEmulator Emulator => _fixture.Emulator;

    private IMessageSender Sender => _services.GetRequiredKeyedService<IMessageSender>("Teams");

    public Task InitializeAsync()
    {
        _services = _fixture.CreateServices();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    private static OutgoingMessage Text(string text) => new() { Destination = MessageDestination.Channel(TeamsEmulatorFixture.Channel), Text = text };

    [Fact]
    public async Task SendAsync_SampleCard_EmulatorReceivesAdaptiveCardWithRunIdAsMessageId()
    {
        var message = new OutgoingMessage
        {
            Destination = MessageDestination.Channel(TeamsEmulatorFixture.Channel),
            Text = "New lead: Ada Lovelace (Analytical Engines)",
            Card = new MessageCard
            {
                Title = "New lead: Ada Lovelace",
                Text = "CTO, Analytical Engines",
                Fields = { new MessageCardField("Email", "ada@analytical.example"), new MessageCardField("Source", "webinar"), new MessageCardField("Lead id", "l_42") },
                Links = { new MessageCardLink("Open in CRM", new Uri("https://crm.example/leads/l_42")) },
                Severity = CardSeverity.Warning,
            },
        };

        MessageSendResult result = await Sender.SendAsync(message);

        TeamsEmulatedMessage received = Assert.Single(Emulator.Messages);
        Assert.Equal(received.RunId, result.MessageId);
        Assert.Equal(
            "New lead: Ada Lovelace\nCTO, Analytical Engines\nEmail: ada@analytical.example\nSource: webinar\nLead id: l_42\nOpen in CRM: https://crm.example/leads/l_42\nNew lead: Ada Lovelace (Analytical Engines)",
            received.Content);
        JsonNode card = JsonNode.Parse(received.Body)!["attachments"]![0]!["content"]!;
        Assert.Equal("1.4", (string?)card["version"]);
        Assert.Equal("Warning", (string?)card["body"]![0]!["color"]);
        Assert.Equal(202, Assert.Single(Emulator.RequestLog.Requests).StatusCode);
    }

    [Fact]
    public async Task SendAsync_TooManyRequestsWithRetryAfter_WaitsAndPostsOnce()
    {
        Emulator.Faults.Next(1, EmulatorFault.TooManyRequests(TimeSpan.FromSeconds(1)));

        MessageSendResult result = await Sender.SendAsync(Text("Retry me"));

        Assert.Equal(SendStatus.Accepted, result.Status);
        var requests = Emulator.RequestLog.Requests;
        Assert.Equal(2, requests.Count);
        Assert.Equal(429, requests[0].StatusCode);
        Assert.Equal(202, requests[1].StatusCode);
        Assert.True(requests[1].ArrivedAt - requests[0].ArrivedAt >= TimeSpan.FromSeconds(0.9), "The retry did not wait for Retry-After.");
        Assert.Equal(result.MessageId, Assert.Single(Emulator.Messages).RunId);
    }

    [Fact]
    public async Task SendAsync_TimeoutAfterTheVendorPosted_NotResentSoPostedOnce()
    {
        await _services.DisposeAsync();
        _services = _fixture.CreateServices(o => o.Resilience.AttemptTimeout = TimeSpan.FromSeconds(1));
        Emulator.Faults.Next(1, EmulatorFault.TimeoutAfterProcessing(TimeSpan.FromSeconds(10)));

        var ex = await Assert.ThrowsAsync<MartechTimeoutException>(() => Sender.SendAsync(Text("Posted, but the answer never came")));

        Assert.True(ex.MayHaveBeenProcessed);
        Assert.Single(Emulator.RequestLog.Requests);
        Assert.Single(Emulator.Messages);
    }

    [Fact]
    public async Task SendAsync_ConnectionResetAfterTheVendorPosted_NotResentSoPostedOnce()
    {
        Emulator.Faults.Next(1, EmulatorFault.ResetAfterProcessing());

        var ex = await Assert.ThrowsAsync<MartechTransportException>(() => Sender.SendAsync(Text("Posted, then the connection dropped")));

        Assert.True(ex.MayHaveBeenProcessed);
        Assert.Single(Emulator.RequestLog.Requests);
        Assert.Single(Emulator.Messages);
    }

    [Fact]
    public async Task SendAsync_LeadNameWithMarkdown_ArrivesEscapedAndReadsLiterally()
    {
        const string name = "[Click](https://evil.example) **Ada** _Lovelace_";
        var message = new OutgoingMessage
        {
            Destination = MessageDestination.Channel(TeamsEmulatorFixture.Channel),
            Card = new MessageCard
            {
                Title = $"New lead: {name}",
                Fields = { new MessageCardField("Name", name) },
                Links = { new MessageCardLink("Open in CRM", new Uri("https://crm.example/leads/l_42")) },
            },
        };

        await Sender.SendAsync(message);

        TeamsEmulatedMessage received = Assert.Single(Emulator.Messages);
        Assert.Equal($"New lead: {name}\nName: {name}\nOpen in CRM: https://crm.example/leads/l_42", received.Content);
        JsonNode card = JsonNode.Parse(received.Body)!["attachments"]![0]!["content"]!;
        Assert.Equal(@"New lead: \[Click\](https://evil.example) \*\*Ada\*\* \_Lovelace\_", (string?)card["body"]![0]!["text"]);
        Assert.Equal("https://crm.example/leads/l_42", (string?)card["actions"]![0]!["url"]);
    }

    [Fact]
    public async Task SendAsync_RateLimitExhausted_ThrowsRateLimitedWithRetryAfter()
    {
        await _services.DisposeAsync();
        _services = _fixture.CreateServices(o => o.Resilience.MaxRetryAttempts = 0);
        Emulator.RateLimit = new EmulatorRateLimit { PermitLimit = 1, Window = TimeSpan.FromMinutes(5) };

        await Sender.SendAsync(Text("first"));
        var ex = await Assert.ThrowsAsync<MartechRateLimitedException>(() => Sender.SendAsync(Text("second")));

        Assert.Equal("WorkflowRequestsThrottled", ex.ErrorCode);
        Assert.NotNull(ex.RetryAfter);
        Assert.Single(Emulator.Messages);
    }

    [Fact]
    public async Task SendAsync_LegacyConnectorThrottlingInBody_ThrowsRateLimitedAndPostsNothing()
    {
        Emulator.LegacyConnector = true;
        Emulator.RateLimit = new EmulatorRateLimit { PermitLimit = 1, Window = TimeSpan.FromMinutes(5) };

        MessageSendResult first = await Sender.SendAsync(Text("first"));
        var ex = await Assert.ThrowsAsync<MartechRateLimitedException>(() => Sender.SendAsync(Text("second")));

        Assert.Equal(SendStatus.Accepted, first.Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, ex.StatusCode);
        Assert.Equal(200, Emulator.RequestLog.Requests[^1].StatusCode);
        Assert.Single(Emulator.Messages);
    }

    [Fact]
    public async Task SendAsync_WrongSignature_ThrowsAuthenticationWithoutTheSecret()
    {
        await _services.DisposeAsync();
        _services = _fixture.CreateServices(o => o.AddChannel(TeamsEmulatorFixture.Channel, Forge(_fixture.ChannelUrl)));

        var ex = await Assert.ThrowsAsync<MartechAuthenticationException>(() => Sender.SendAsync(Text("Hello")));

        Assert.Equal("DirectApiInvalidAuthorizationSignature", ex.ErrorCode);
        Assert.DoesNotContain("forged", ex.ToString(), StringComparison.Ordinal);
        Assert.Empty(Emulator.Messages);
    }

    private static Uri Forge(Uri url)
    {
        string sig = System.Web.HttpUtility.ParseQueryString(url.Query)["sig"]!;
        return new Uri(url.AbsoluteUri.Replace(sig, "forged", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SendAsync_WorkflowDeleted_ThrowsNotFound()
    {
        await Sender.SendAsync(Text("before"));
        Uri url = _fixture.ChannelUrl;
        Emulator.Reset();

        var ex = await Assert.ThrowsAsync<MartechNotFoundException>(() => Sender.SendAsync(Text("after")));

        Assert.Equal("WorkflowNotFound", ex.ErrorCode);
        Assert.DoesNotContain(System.Web.HttpUtility.ParseQueryString(url.Query)["sig"]!, ex.ToString(), StringComparison.Ordinal);
    }
}
