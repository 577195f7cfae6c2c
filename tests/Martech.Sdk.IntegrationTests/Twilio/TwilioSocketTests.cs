using Martech.Sdk.Testing;
using Martech.Sdk.Twilio;
using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk.IntegrationTests.Twilio;

/// <summary>
/// The Twilio provider against the emulator over real sockets: the form the emulator received, WhatsApp and
/// Messaging Service senders, long bodies within the segment limit, Twilio's errors, 429 with Retry-After, and a
/// response lost after Twilio accepted the message (never sent twice).
/// </summary>
public sealed class TwilioSocketTests(TwilioEmulatorFixture fixture) : IClassFixture<TwilioEmulatorFixture>
{
    private const string To = "+14155550123";
    private const string ServiceSid = "MG0123456789abcdef0123456789abcdef";

    private TwilioEmulator Emulator => fixture.Emulator;

    private static OutgoingMessage Text(string text) => new() { Destination = MessageDestination.Phone(PhoneNumber.Parse(To)), Text = text };

    private static IMessageSender Sender(ServiceProvider services) => services.GetRequiredKeyedService<IMessageSender>("Twilio");

    [Fact]
    public async Task SendAsync_Card_EmulatorReceivesFormAndAnswersTheSid()
    {
        await using var services = fixture.CreateServices(o => o.StatusCallback = new Uri("https://hooks.example.com/status"));
        var message = new OutgoingMessage
        {
            Destination = MessageDestination.Phone(PhoneNumber.Parse(To)),
            Text = "New lead: Ada Lovelace (Analytical Engines)",
            Card = new MessageCard { Title = "New lead: Ada Lovelace", Fields = { new MessageCardField("Email", "ada@analytical.example") } },
        };

        MessageSendResult result = await Sender(services).SendAsync(message);

        TwilioEmulatedMessage sent = Assert.Single(Emulator.Messages);
        Assert.Equal(sent.Sid, result.MessageId);
        Assert.StartsWith("SM", sent.Sid, StringComparison.Ordinal);
        Assert.Equal(To, sent.To);
        Assert.Equal(TwilioEmulatorFixture.From, sent.From);
        Assert.Equal("New lead: Ada Lovelace (Analytical Engines)\nEmail: ada@analytical.example", sent.Body);
        Assert.Equal("https://hooks.example.com/status", sent.StatusCallback);
        Assert.Equal(["To", "From", "Body", "StatusCallback"], sent.Form.Keys);
    }

    [Fact]
    public async Task SendAsync_WhatsAppThroughMessagingService_PrefixesBothAddresses()
    {
        await using var services = fixture.CreateServices(o =>
        {
            o.WhatsApp = true;
            o.MessagingServiceSid = ServiceSid;
        });

        await Sender(services).SendAsync(Text("Hola"));

        TwilioEmulatedMessage sent = Assert.Single(Emulator.Messages);
        Assert.Equal("whatsapp:" + To, sent.To);
        Assert.Equal("whatsapp:" + TwilioEmulatorFixture.From, sent.From);
        Assert.Equal(ServiceSid, sent.MessagingServiceSid);
    }

    [Fact]
    public async Task SendAsync_LongText_RefusedBeforeAnyRequest()
    {
        await using var services = fixture.CreateServices(o => o.MaxSegments = 3);
        string text = string.Join('\n', Enumerable.Range(1, 100).Select(i => $"Lead {i}: needs a call back today"));

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => Sender(services).SendAsync(Text(text)));

        Assert.Contains("MaxSegments allows 3", ex.Message, StringComparison.Ordinal);
        Assert.Empty(Emulator.RequestLog.Requests);
        Assert.Empty(Emulator.Messages);
    }

    [Fact]
    public async Task SendAsync_LongTextWithTruncate_ArrivesWithinMaxSegmentsAndReportsTheCut()
    {
        await using var services = fixture.CreateServices(o =>
        {
            o.MaxSegments = 3;
            o.OverLimit = OverLimitBehavior.Truncate;
        });
        string text = string.Join('\n', Enumerable.Range(1, 100).Select(i => $"Lead {i}: needs a call back today"));

        MessageSendResult result = await Sender(services).SendAsync(Text(text));

        TwilioEmulatedMessage sent = Assert.Single(Emulator.Messages);
        Assert.InRange(sent.NumSegments, 1, 3);
        Assert.EndsWith("\n...", sent.Body, StringComparison.Ordinal);
        Assert.StartsWith($"SMS body: {text.Length} characters", Assert.Single(result.Truncations), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_WrongAuthToken_IsAnAuthenticationError()
    {
        await using var services = fixture.CreateServices(o => o.AuthToken = "wrong-token");

        var ex = await Assert.ThrowsAsync<MartechAuthenticationException>(() => Sender(services).SendAsync(Text("Hi")));

        Assert.Equal("20003", ex.ErrorCode);
        Assert.Contains("https://www.twilio.com/docs/errors/20003", ex.Message, StringComparison.Ordinal);
        Assert.Empty(Emulator.Messages);
    }

    [Fact]
    public async Task SendAsync_TooManyRequestsWithRetryAfter_WaitsAndSendsOnce()
    {
        await using var services = fixture.CreateServices();
        string path = $"/2010-04-01/Accounts/{Emulator.AccountSid}/Messages.json";
        Emulator.Faults.Next(1, "POST", path, EmulatorFault.TooManyRequests(TimeSpan.FromSeconds(1)));

        MessageSendResult result = await Sender(services).SendAsync(Text("Hi"));

        var posts = Emulator.RequestLog.RequestsTo("POST", path);
        Assert.Equal(2, posts.Count);
        Assert.Equal(429, posts[0].StatusCode);
        Assert.Equal(201, posts[1].StatusCode);
        Assert.Equal(result.MessageId, Assert.Single(Emulator.Messages).Sid);
    }

    [Fact]
    public async Task SendAsync_TooManyRequestsEveryTime_IsRateLimitedWithTwilioCode()
    {
        await using var services = fixture.CreateServices(o => o.Resilience.MaxRetryAttempts = 0);
        Emulator.Faults.Next(1, EmulatorFault.TooManyRequests(TimeSpan.FromSeconds(5)));

        var ex = await Assert.ThrowsAsync<MartechRateLimitedException>(() => Sender(services).SendAsync(Text("Hi")));

        Assert.Equal("20429", ex.ErrorCode);
        Assert.Equal(TimeSpan.FromSeconds(5), ex.RetryAfter);
        Assert.Empty(Emulator.Messages);
    }

    [Fact]
    public async Task SendAsync_ResponseLostAfterProcessing_SurfacesUnknownOutcomeAndIsNotResent()
    {
        await using var services = fixture.CreateServices();
        Emulator.Faults.Next(1, EmulatorFault.ResetAfterProcessing());

        var ex = await Assert.ThrowsAnyAsync<MartechTransportException>(() => Sender(services).SendAsync(Text("Hi")));

        Assert.True(ex.MayHaveBeenProcessed);
        Assert.Equal(1, Emulator.RequestLog.Count);
        Assert.Single(Emulator.Messages); // Twilio did send it: resending would text the person twice
    }
}
