using Martech.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk.IntegrationTests.Mailgun;

/// <summary>
/// End to end over real sockets: the Mailgun provider sends to the emulator, the emulator posts signed webhooks to a
/// loopback endpoint that runs the provider's own receiver, and the typed events arrive, with the send's message id,
/// campaign, tags and variables; redeliveries carry the same ids; a wrong key is answered 406.
/// </summary>
public sealed class MailgunWebhookCallbackTests : IAsyncLifetime
{
    private const string Domain = "mg.example.com";
    private const string ApiKey = "key-webhook-tests";
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(30);

    private MailgunEmulator Emulator { get; } = new(Domain, ApiKey);
    private ServiceProvider _services = null!;
    private LoopbackWebhookEndpoint _endpoint = null!;

    public async Task InitializeAsync()
    {
        await Emulator.StartAsync();
        _services = CreateServices(Emulator.WebhookSigningKey);
        _endpoint = await LoopbackWebhookEndpoint.StartAsync(_services.GetRequiredKeyedService<IWebhookReceiver>("Mailgun"), "/webhooks/mailgun");
        Emulator.Webhooks.Url = _endpoint.Url;
    }

    public async Task DisposeAsync()
    {
        await Emulator.DisposeAsync();
        await _endpoint.DisposeAsync();
        await _services.DisposeAsync();
    }

    [Fact]
    public async Task Send_ToAReaderAndABounceAddress_TypedEventsArriveAndRedeliveriesKeepTheirIds()
    {
        Emulator.Webhooks.Redeliveries = 1;
        Emulator.Webhooks.BounceAddresses.Add("gone@example.com");
        IEmailSender sender = _services.GetRequiredKeyedService<IEmailSender>("Mailgun");

        EmailSendResult sent = await sender.SendAsync(Message("ada@example.com", "gone@example.com"));
        await Emulator.WhenWebhooksIdleAsync(Idle);

        Assert.All(Emulator.WebhookDeliveries, d => Assert.Equal(200, d.StatusCode));
        Assert.Equal(12, Emulator.WebhookDeliveries.Count);
        IReadOnlyList<MartechEvent> events = _endpoint.Events;
        Assert.Equal(12, events.Count);
        Assert.All(events.GroupBy(e => e.Id), g => Assert.Equal(2, g.Count()));
        var distinct = events.DistinctBy(e => e.Id).Cast<EmailEvent>().ToList();

        var ada = distinct.Where(e => e.Recipient.Value == "ada@example.com").ToList();
        Assert.Equal([EmailEventType.Processed, EmailEventType.Delivered, EmailEventType.Opened, EmailEventType.Clicked], ada.Select(e => e.Type));
        Assert.Equal(new Uri("https://brand.example/spring?utm_source=mail"), ada.Single(e => e.Type == EmailEventType.Clicked).Url);
        Assert.Equal(EngagementSource.Human, ada.Single(e => e.Type == EmailEventType.Opened).Source);
        var gone = distinct.Where(e => e.Recipient.Value == "gone@example.com").ToList();
        Assert.Equal([EmailEventType.Processed, EmailEventType.Bounced], gone.Select(e => e.Type));
        Assert.Equal(EmailBounceKind.Hard, gone[1].BounceKind);

        Assert.All(distinct, e =>
        {
            Assert.Equal("Mailgun", e.Provider);
            Assert.Equal(sent.MessageId, e.MessageId);
            Assert.Equal("cmp_42", e.CampaignId);
            Assert.Equal(["spring"], e.Tags);
            Assert.Equal("Ada", e.CustomArgs["first_name"]);
        });
    }

    [Fact]
    public async Task Send_ToAnAppleMailReader_OpenIsMachineAndNotClicked()
    {
        Emulator.Webhooks.MachineOpenAddresses.Add("ada@example.com");

        await _services.GetRequiredKeyedService<IEmailSender>("Mailgun").SendAsync(Message("ada@example.com"));
        await Emulator.WhenWebhooksIdleAsync(Idle);

        var open = Assert.Single(_endpoint.Events.OfType<EmailEvent>(), e => e.Type == EmailEventType.Opened);
        Assert.Equal(EngagementSource.AppleMailPrivacyProtection, open.Source);
        Assert.DoesNotContain(_endpoint.Events.OfType<EmailEvent>(), e => e.Type == EmailEventType.Clicked);
    }

    [Fact]
    public async Task Post_CapturedBodySentAgain_IsAReplayAnswered406()
    {
        Emulator.Webhooks.Opens = false;
        await _services.GetRequiredKeyedService<IEmailSender>("Mailgun").SendAsync(Message("ada@example.com"));
        await Emulator.WhenWebhooksIdleAsync(Idle);
        byte[] captured = _endpoint.Bodies[0];

        using var http = new HttpClient();
        using var content = new ByteArrayContent(captured);
        content.Headers.ContentType = new("application/json");
        using HttpResponseMessage replay = await http.PostAsync(_endpoint.Url, content);

        Assert.Equal(406, (int)replay.StatusCode);
        Assert.Equal(WebhookRejectionReason.Replayed, _endpoint.Answers[^1].Reason);
        Assert.Equal(2, _endpoint.Events.Count); // accepted and delivered, once each
    }

    [Fact]
    public async Task Send_WithAnotherSigningKeyConfigured_EveryPostIsAnswered406AndNothingArrives()
    {
        await using ServiceProvider wrongKey = CreateServices("key-not-the-emulators");
        await using LoopbackWebhookEndpoint endpoint = await LoopbackWebhookEndpoint.StartAsync(wrongKey.GetRequiredKeyedService<IWebhookReceiver>("Mailgun"));
        Emulator.Webhooks.Url = endpoint.Url;

        await _services.GetRequiredKeyedService<IEmailSender>("Mailgun").SendAsync(Message("ada@example.com"));
        await Emulator.WhenWebhooksIdleAsync(Idle);

        Assert.NotEmpty(Emulator.WebhookDeliveries);
        Assert.All(Emulator.WebhookDeliveries, d => Assert.Equal(406, d.StatusCode));
        Assert.All(endpoint.Answers, a => Assert.Equal(WebhookRejectionReason.InvalidSignature, a.Reason));
        Assert.Empty(endpoint.Events);
    }

    private static EmailMessage Message(params string[] to)
    {
        var message = new EmailMessage
        {
            From = new Mailbox(EmailAddress.Parse("news@mg.example.com"), "Example News"),
            Subject = "Spring offers",
            HtmlBody = """<p>Hello Ada, <a href="https://brand.example/spring?utm_source=mail">see the offers</a>.</p>""",
            CampaignId = "cmp_42",
            Tags = { "spring" },
            Metadata = { ["first_name"] = "Ada" },
        };
        foreach (string address in to)
        {
            message.To.Add(new Mailbox(EmailAddress.Parse(address)));
        }

        return message;
    }

    private ServiceProvider CreateServices(string signingKey)
    {
        var services = new ServiceCollection();
        services.AddMartech().AddMailgun(configure: o =>
        {
            o.ApiKey = ApiKey;
            o.Domain = Domain;
            o.BaseAddress = Emulator.BaseAddress;
            o.Webhooks.SigningKey = signingKey;
        });
        return services.BuildServiceProvider();
    }
}
