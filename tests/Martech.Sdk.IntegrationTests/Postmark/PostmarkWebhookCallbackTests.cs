using Martech.Sdk.Postmark;
using Martech.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk.IntegrationTests.Postmark;

/// <summary>
/// End to end over real sockets: the Postmark provider sends to the emulator, the emulator posts webhook records with
/// HTTP Basic credentials to a loopback endpoint that runs the provider's own receiver, and the typed events arrive,
/// with the send's message id, campaign, tag and metadata; redeliveries carry the same keys; wrong credentials are 401.
/// </summary>
public sealed class PostmarkWebhookCallbackTests : IAsyncLifetime
{
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(30);

    private PostmarkEmulator Emulator { get; } = new();
    private ServiceProvider _services = null!;
    private LoopbackWebhookEndpoint _endpoint = null!;

    public async Task InitializeAsync()
    {
        await Emulator.StartAsync();
        _services = CreateServices(Emulator.WebhookPassword);
        _endpoint = await LoopbackWebhookEndpoint.StartAsync(_services.GetRequiredKeyedService<IWebhookReceiver>("Postmark"), "/webhooks/postmark");
        Emulator.Webhooks.Url = _endpoint.Url;
    }

    public async Task DisposeAsync()
    {
        await Emulator.DisposeAsync();
        await _endpoint.DisposeAsync();
        await _services.DisposeAsync();
    }

    [Fact]
    public async Task Send_ToAReaderAndABounceAddress_TypedEventsArriveAndRedeliveriesKeepTheirKeys()
    {
        Emulator.Webhooks.Redeliveries = 2;
        Emulator.Webhooks.BounceAddresses.Add("gone@example.com");

        EmailSendResult sent = await Sender.SendAsync(Message(SendPurpose.Transactional, "ada@example.com", "gone@example.com"));
        await Emulator.WhenWebhooksIdleAsync(Idle);

        // Postmark has no "processed" webhook: delivered, opened, clicked for Ada; a hard bounce for the other.
        Assert.Equal(12, Emulator.WebhookDeliveries.Count);
        Assert.All(Emulator.WebhookDeliveries, d => Assert.Equal(200, d.StatusCode));
        IReadOnlyList<MartechEvent> events = _endpoint.Events;
        Assert.All(events.GroupBy(e => e.Id), g => Assert.Equal(3, g.Count()));
        var distinct = events.DistinctBy(e => e.Id).Cast<EmailEvent>().ToList();
        Assert.Equal(4, distinct.Count);

        var ada = distinct.Where(e => e.Recipient.Value == "ada@example.com").ToList();
        Assert.Equal([EmailEventType.Delivered, EmailEventType.Opened, EmailEventType.Clicked], ada.Select(e => e.Type));
        Assert.Equal(new Uri("https://brand.example/spring?utm_source=mail"), ada[2].Url);
        Assert.Equal(EngagementSource.Human, ada[1].Source);
        Assert.StartsWith("Delivery:" + sent.MessageId + ":ada@example.com:", ada[0].Id, StringComparison.Ordinal);
        var bounce = Assert.Single(distinct, e => e.Recipient.Value == "gone@example.com");
        Assert.Equal((EmailEventType.Bounced, EmailBounceKind.Hard), (bounce.Type, bounce.BounceKind));
        Assert.StartsWith("Bounce:", bounce.Id, StringComparison.Ordinal);

        Assert.All(distinct, e =>
        {
            Assert.Equal("Postmark", e.Provider);
            Assert.Equal(sent.MessageId, e.MessageId);
            Assert.Equal("cmp_42", e.CampaignId);
            Assert.Equal(["spring"], e.Tags);
            Assert.Equal("Ada", e.CustomArgs["first_name"]);
        });
    }

    [Fact]
    public async Task Send_MarketingToUnsubscribeAndComplaintAddresses_GroupUnsubscribeOfTheStreamAndSpamReport()
    {
        Emulator.Webhooks.UnsubscribeAddresses.Add("ada@example.com");
        Emulator.Webhooks.SpamReportAddresses.Add("bob@example.com");
        Emulator.Webhooks.Clicks = false;

        await Sender.SendAsync(Message(SendPurpose.Marketing, "ada@example.com", "bob@example.com"));
        await Emulator.WhenWebhooksIdleAsync(Idle);

        var events = _endpoint.Events.Cast<EmailEvent>().ToList();
        var unsubscribe = Assert.Single(events, e => e.Type == EmailEventType.GroupUnsubscribed);
        Assert.Equal(("ada@example.com", "broadcast", "ManualSuppression"), (unsubscribe.Recipient.Value, unsubscribe.UnsubscribeGroupId, unsubscribe.Reason));
        Assert.Equal("bob@example.com", Assert.Single(events, e => e.Type == EmailEventType.SpamReport).Recipient.Value);
    }

    [Fact]
    public async Task Send_WithOpenTrackingOff_PostsNoOpen()
    {
        await using ServiceProvider noOpens = CreateServices(Emulator.WebhookPassword, o => o.TrackOpens = false);

        await noOpens.GetRequiredKeyedService<IEmailSender>("Postmark").SendAsync(Message(SendPurpose.Transactional, "ada@example.com"));
        await Emulator.WhenWebhooksIdleAsync(Idle);

        Assert.Equal([EmailEventType.Delivered, EmailEventType.Clicked], _endpoint.Events.Cast<EmailEvent>().Select(e => e.Type));
    }

    [Fact]
    public async Task Send_WithAnotherPasswordConfigured_EveryPostIsAnswered401AndNothingArrives()
    {
        await using ServiceProvider wrong = CreateServices("not-the-emulators-password");
        await using LoopbackWebhookEndpoint endpoint = await LoopbackWebhookEndpoint.StartAsync(wrong.GetRequiredKeyedService<IWebhookReceiver>("Postmark"));
        Emulator.Webhooks.Url = endpoint.Url;

        await Sender.SendAsync(Message(SendPurpose.Transactional, "ada@example.com"));
        await Emulator.WhenWebhooksIdleAsync(Idle);

        Assert.NotEmpty(Emulator.WebhookDeliveries);
        Assert.All(Emulator.WebhookDeliveries, d => Assert.Equal(401, d.StatusCode));
        Assert.All(endpoint.Answers, a => Assert.Equal(WebhookRejectionReason.InvalidCredentials, a.Reason));
        Assert.Empty(endpoint.Events);
    }

    private IEmailSender Sender => _services.GetRequiredKeyedService<IEmailSender>("Postmark");

    private static EmailMessage Message(SendPurpose purpose, params string[] to)
    {
        var message = new EmailMessage
        {
            From = new Mailbox(EmailAddress.Parse("news@example.com"), "Example News"),
            Subject = "Spring offers",
            HtmlBody = """<p>Hello Ada, <a href="https://brand.example/spring?utm_source=mail">see the offers</a>.</p>""",
            Purpose = purpose,
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

    private ServiceProvider CreateServices(string password, Action<PostmarkOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddMartech().AddPostmark(configure: o =>
        {
            o.ServerToken = Emulator.ServerToken;
            o.BaseAddress = Emulator.BaseAddress;
            o.Webhooks.Username = Emulator.WebhookUsername;
            o.Webhooks.Password = password;
            configure?.Invoke(o);
        });
        return services.BuildServiceProvider();
    }
}
