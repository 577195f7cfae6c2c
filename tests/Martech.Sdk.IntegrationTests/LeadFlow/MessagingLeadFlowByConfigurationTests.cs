using LeadFlow;
using Martech.Sdk.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk.IntegrationTests.LeadFlow;

/// <summary>
/// The LeadFlow sample's new-lead notifications through Slack, Teams or Intercom and its SMS follow-ups through
/// Twilio, each chosen by configuration alone (Martech:Defaults:Messaging, LeadFlow:Notify, LeadFlow:SmsProvider and
/// the vendor's section) against that vendor's emulator on loopback. Contacts and leads stay in memory, so the SMS
/// consent the CSV grants decides who gets a follow-up.
/// </summary>
public sealed class MessagingLeadFlowByConfigurationTests
{
    private const string TwilioFrom = "+15005550006";

    private static async Task<LeadFlowSummary> RunAsync(Dictionary<string, string?> settings)
    {
        IConfiguration configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json")
            .AddInMemoryCollection(settings)
            .Build();
        var services = new ServiceCollection();
        services.AddLeadFlowProviders(configuration.GetSection("Martech"));
        services.AddOptions<LeadFlowOptions>().Bind(configuration.GetSection("LeadFlow"));
        services.AddSingleton<LeadFlowRunner>();
        await using ServiceProvider sp = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        return await sp.GetRequiredService<LeadFlowRunner>().RunAsync(AppContext.BaseDirectory, new NoStepProgress(), CancellationToken.None);
    }

    private static Dictionary<string, string?> Twilio(TwilioEmulator emulator) => new()
    {
        ["LeadFlow:SmsProvider"] = "Twilio",
        ["Martech:Twilio:AccountSid"] = emulator.AccountSid,
        ["Martech:Twilio:AuthToken"] = emulator.AuthToken,
        ["Martech:Twilio:From"] = TwilioFrom,
        ["Martech:Twilio:BaseAddress"] = emulator.BaseAddress.ToString(),
    };

    private static void AssertFlowAsOnTheDefault(LeadFlowSummary summary, string messaging, string sms)
    {
        Assert.Equal(messaging, summary.Providers["Messaging"]);
        Assert.Equal(sms, summary.Providers["Sms"]);
        Assert.Equal(13, summary.LeadsCreated);
        Assert.Equal(13, summary.NotificationsSent);
        Assert.Equal(4, summary.SmsSent);
        Assert.Equal(4, summary.SmsWithheld.Count);
        Assert.Empty(summary.SmsFailed);

        // Cards and SMS through a vendor are not touches: every new lead's first-touch clock is still pending.
        Assert.Equal(13, summary.Slas.Count);
        Assert.All(summary.Slas, c => Assert.Equal(("first-touch", SlaClockStatus.Pending), (c.Policy, c.Status)));
    }

    [Fact]
    public async Task LeadFlow_NotificationsInTeams_SmsThroughTwilioWithConsent_ByConfiguration()
    {
        await using var teams = new TeamsEmulator();
        await teams.StartAsync();
        await using var twilio = new TwilioEmulator();
        await twilio.StartAsync();
        Uri webhook = teams.AddChannel("#new-leads");

        var settings = Twilio(twilio);
        settings["Martech:Defaults:Messaging"] = "Teams";
        settings["Martech:Teams:Channels:#new-leads"] = webhook.ToString();
        settings["Martech:Teams:RateLimitPermits"] = "1000";
        LeadFlowSummary summary = await RunAsync(settings);

        AssertFlowAsOnTheDefault(summary, "Teams", "Twilio");

        // Every new lead's card reached the channel as an Adaptive Card.
        Assert.Equal(13, teams.Messages.Count);
        Assert.All(teams.Messages, m =>
        {
            Assert.Equal("#new-leads", m.Channel);
            Assert.Contains("\"AdaptiveCard\"", m.Body, StringComparison.Ordinal);
            Assert.Contains("New lead: ", m.Body, StringComparison.Ordinal);
        });
        Assert.Contains(teams.Messages, m => m.Body.Contains("ada.lovelace@analytical.example", StringComparison.Ordinal));

        AssertSmsOnlyWithConsent(summary, twilio);
    }

    [Fact]
    public async Task LeadFlow_NotificationsInSlack_SmsThroughTwilioWithConsent_ByConfiguration()
    {
        await using var slack = new SlackEmulator();
        await slack.StartAsync();
        await using var twilio = new TwilioEmulator();
        await twilio.StartAsync();
        SlackEmulatedConversation channel = slack.AddChannel("new-leads");

        var settings = Twilio(twilio);
        settings["Martech:Defaults:Messaging"] = "Slack";
        settings["LeadFlow:Notify"] = "channel:" + channel.Id;
        settings["Martech:Slack:BotToken"] = slack.BotToken;
        settings["Martech:Slack:BaseAddress"] = slack.BaseAddress.ToString();
        settings["Martech:Slack:RateLimitPermits"] = "1000";
        settings["Martech:Slack:PostMessagePerSecond"] = "1000";
        LeadFlowSummary summary = await RunAsync(settings);

        AssertFlowAsOnTheDefault(summary, "Slack", "Twilio");

        // Every new lead's card reached the channel as Block Kit blocks through chat.postMessage.
        Assert.Equal(13, slack.Messages.Count);
        Assert.All(slack.Messages, m =>
        {
            Assert.Equal(channel.Id, m.Channel);
            Assert.NotNull(m.BlocksJson);
            Assert.Contains("\"type\":\"header\"", m.BlocksJson, StringComparison.Ordinal);
            Assert.Contains("New lead: ", m.Content, StringComparison.Ordinal);
        });
        Assert.Contains(slack.Messages, m => m.Content.Contains("ada.lovelace@analytical.example", StringComparison.Ordinal));

        AssertSmsOnlyWithConsent(summary, twilio);
    }

    [Fact]
    public async Task LeadFlow_NotificationsInIntercom_SmsThroughTwilioWithConsent_ByConfiguration()
    {
        await using var intercom = new IntercomEmulator();
        await intercom.StartAsync();
        await using var twilio = new TwilioEmulator();
        await twilio.StartAsync();
        IntercomEmulatedConversation conversation = intercom.AddConversation("sales-desk");

        var settings = Twilio(twilio);
        settings["Martech:Defaults:Messaging"] = "Intercom";
        settings["LeadFlow:Notify"] = "conversation:" + conversation.Id;
        settings["Martech:Intercom:AccessToken"] = intercom.AccessToken;
        settings["Martech:Intercom:AdminId"] = IntercomEmulator.DefaultAdminId;
        settings["Martech:Intercom:BaseAddress"] = intercom.BaseAddress.ToString();
        settings["Martech:Intercom:RateLimitPermits"] = "1000";
        LeadFlowSummary summary = await RunAsync(settings);

        AssertFlowAsOnTheDefault(summary, "Intercom", "Twilio");

        // Every new lead's card became an admin reply (HTML) in the conversation, with the API version header.
        Assert.Equal(13, intercom.Replies.Count);
        Assert.All(intercom.Replies, r =>
        {
            Assert.Equal(conversation.Id, r.ConversationId);
            Assert.Equal("admin", r.AuthorType);
            Assert.Equal(IntercomEmulator.DefaultAdminId, r.AuthorId);
            Assert.Equal("2.14", r.IntercomVersion);
            Assert.Contains("New lead: ", r.Body, StringComparison.Ordinal);
        });
        Assert.Contains(intercom.Replies, r => r.Body!.Contains("ada.lovelace@analytical.example", StringComparison.Ordinal));

        AssertSmsOnlyWithConsent(summary, twilio);
    }

    [Fact]
    public async Task LeadFlow_SmsRefusedForOneRecipient_ReportedWithReason_OthersStillSent()
    {
        // Ada consented in the CRM but replied STOP to the sender: Twilio refuses her with 21610. The run goes on, the
        // other consenting contacts get their SMS, and her refusal is reported with Twilio's code, not lost.
        await using var twilio = new TwilioEmulator();
        await twilio.StartAsync();
        twilio.OptOut("+442079460958");

        LeadFlowSummary summary = await RunAsync(Twilio(twilio));

        Rejection failed = Assert.Single(summary.SmsFailed);
        Assert.Equal("+442079460958", failed.Value);
        Assert.Contains("21610", failed.Reason, StringComparison.Ordinal);
        Assert.Equal(3, summary.SmsSent);
        Assert.Equal(3, twilio.Messages.Count);
        Assert.DoesNotContain(twilio.Messages, m => m.To == "+442079460958");
        Assert.Equal(4, summary.SmsWithheld.Count);
        Assert.Equal(13, summary.NotificationsSent);

        // The per-row record (--details, --report) says the same of her row, and the others are untouched by it.
        LeadFlowRow ada = summary.Rows.Single(r => r.Email == "ada.lovelace@analytical.example");
        Assert.Equal(RowOutcome.Failed, ada.Sms);
        Assert.Contains("21610", ada.SmsReason, StringComparison.Ordinal);
        Assert.Equal(RowOutcome.Sent, ada.WelcomeEmail);
        Assert.Single(summary.Rows, r => r.Sms == RowOutcome.Failed);
        Assert.Equal(3, summary.Rows.Count(r => r.Sms == RowOutcome.Sent));
    }

    [Fact]
    public async Task LeadFlow_NotificationsThroughTwilio_ChannelNotSupported_FailsBeforeAnySms()
    {
        // Twilio as the default messaging provider reaches phone numbers only: the notification to #new-leads is a
        // configuration error the run reports loudly, before any SMS is sent.
        await using var twilio = new TwilioEmulator();
        await twilio.StartAsync();

        var settings = Twilio(twilio);
        settings["Martech:Defaults:Messaging"] = "Twilio";
        settings.Remove("LeadFlow:SmsProvider");

        var error = await Assert.ThrowsAsync<NotSupportedException>(() => RunAsync(settings));

        Assert.Contains("Channel", error.Message, StringComparison.Ordinal);
        Assert.Empty(twilio.Messages);
    }

    internal static void AssertSmsOnlyWithConsent(LeadFlowSummary summary, TwilioEmulator twilio)
    {
        // Exactly the consenting contacts got a follow-up, from the configured number; the others were withheld with
        // the reason, and nothing was sent to them.
        Assert.Equal(summary.SmsSent, twilio.Messages.Count);
        Assert.All(twilio.Messages, m =>
        {
            Assert.Equal(TwilioFrom, m.From);
            Assert.StartsWith("+", m.To, StringComparison.Ordinal);
            Assert.Contains("Reply STOP to opt out", m.Body, StringComparison.Ordinal);
        });
        Assert.Contains(twilio.Messages, m => m.To == "+442079460958" && m.Body.StartsWith("Hi Ada", StringComparison.Ordinal));
        var withheld = summary.SmsWithheld.Select(w => w.Value).ToHashSet(StringComparer.Ordinal);
        Assert.DoesNotContain(twilio.Messages, m => withheld.Contains(m.To));
        Assert.All(summary.SmsWithheld, w => Assert.Contains("consent", w.Reason, StringComparison.OrdinalIgnoreCase));
    }
}
