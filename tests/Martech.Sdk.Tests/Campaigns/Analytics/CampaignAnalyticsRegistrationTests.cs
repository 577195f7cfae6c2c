using Martech.Sdk.Testing;
using Martech.Sdk.Tests.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static Martech.Sdk.Tests.Campaigns.Analytics.CampaignAnalyticsTests;

namespace Martech.Sdk.Tests.Campaigns.Analytics;

/// <summary><c>AddCampaignAnalytics()</c> and <c>UseCampaignAnalytics()</c>: options from configuration validated at
/// start, the stats client, the webhook handler and the send recorder.</summary>
public class CampaignAnalyticsRegistrationTests
{
    private static readonly DateTimeOffset T0 = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task AddCampaignAnalytics_BindsFromCampaignsAnalytics_AndServesStatsAndTheEngine()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new ManualTimeProvider(T0.AddDays(1)));
        services.AddMartech(Configuration(("Campaigns:Analytics:Resolution", "00:15:00"), ("Campaigns:Analytics:DedupeWindow", "7.00:00:00"))).AddCampaignAnalytics();
        using ServiceProvider provider = StartupValidationTests.StartAsAHostWould(services);

        ICampaignStatsClient stats = provider.GetRequiredKeyedService<ICampaignStatsClient>("Analytics");
        var engine = (CampaignAnalytics)stats.GetService(typeof(CampaignAnalytics))!;
        engine.Record(Email("o", EmailEventType.Opened, "ada@example.com", T0));

        Assert.Same(engine, provider.GetRequiredKeyedService<CampaignAnalytics>("Analytics"));
        Assert.Same(stats, provider.GetRequiredService<ICampaignStatsClient>());
        Assert.Equal((TimeSpan.FromMinutes(15), TimeSpan.FromDays(7)), (engine.Resolution, engine.DedupeWindow));
        Assert.Equal(new MartechProviderMetadata("Analytics", "CampaignAnalytics"), stats.GetService(typeof(MartechProviderMetadata)));
        Assert.Null(stats.GetService(typeof(CampaignAnalytics), "key"));
        Assert.Equal(1, (await stats.GetStatsAsync("spring")).UniqueOpens);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stats.GetStatsAsync("spring", cancellationToken: new CancellationToken(true)));
    }

    [Fact]
    public void AddCampaignAnalytics_InvalidSettings_FailAtStartNamingThePath()
    {
        var services = new ServiceCollection();
        MartechBuilder martech = services.AddMartech(Configuration(("Campaigns:Analytics:Resolution", "00:07:00"), ("Campaigns:Analytics:Providers:0", "SendGrid")));
        martech.AddInMemory();
        martech.AddCampaignAnalytics();

        var ex = Assert.Throws<OptionsValidationException>(() => StartupValidationTests.StartAsAHostWould(services));

        Assert.Contains(ex.Failures, f => f.StartsWith("Martech:Campaigns:Analytics:Resolution must be whole minutes", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.StartsWith("Martech:Campaigns:Analytics:Providers names 'SendGrid', which is not a provider instance that receives webhooks: add it (such as AddSendGrid(\"SendGrid\")) or name one that does (InMemory).", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Handler_FeedsTheWebhookEventsOfTheNamedProviders()
    {
        var services = new ServiceCollection();
        MartechBuilder martech = services.AddMartech();
        martech.AddInMemory("Mail");
        martech.AddInMemory("Other");
        martech.AddCampaignAnalytics(configure: o => o.Providers = ["mail"]);
        using ServiceProvider provider = StartupValidationTests.StartAsAHostWould(services);
        var engine = provider.GetRequiredKeyedService<CampaignAnalytics>("Analytics");
        var context = new MartechEventContext("Mail:o", 1, T0);

        using (IServiceScope scope = provider.CreateScope())
        {
            IMartechEventHandler<MartechEvent> handler = Assert.Single(scope.ServiceProvider.GetServices<IMartechEventHandler<MartechEvent>>());
            await handler.HandleAsync(Email("o", EmailEventType.Opened, "ada@example.com", T0) with { Provider = "Mail" }, context);
            await handler.HandleAsync(Email("o", EmailEventType.Opened, "ada@example.com", T0) with { Provider = "Mail" }, context with { Attempt = 2 });
            await handler.HandleAsync(Email("p", EmailEventType.Opened, "bob@example.com", T0) with { Provider = "Other" }, context);
        }

        Assert.Equal((1, 1), (engine.GetStats("spring").TotalOpens, engine.GetStats("spring").UniqueOpens));
    }

    [Fact]
    public async Task WebhookInbox_EventReceivedTwiceAndHandedOverTwice_CountedOnce()
    {
        string secret = StandardWebhookSigner.GenerateSecret();
        var clock = new ManualTimeProvider(T0);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        MartechBuilder martech = services.AddMartech();
        martech.AddInMemory("Mail", o => o.Webhooks.Secret = secret);
        martech.AddCampaignAnalytics();
        martech.AddWebhooks();
        using ServiceProvider provider = StartupValidationTests.StartAsAHostWould(services);
        MartechWebhookInbox inbox = provider.GetRequiredService<MartechWebhookInbox>();
        byte[] body = MartechEventSerializer.SerializeToUtf8Bytes([Email("o1", EmailEventType.Opened, "ada@example.com", T0)]);
        WebhookRequest Request() => new("POST", new Uri("https://app.example/webhooks/mail"), StandardWebhookSigner.CreateHeaders(secret, "o1", clock.GetUtcNow(), body), body);

        await inbox.ReceiveAsync("Mail", Request());
        await inbox.ReceiveAsync("Mail", Request()); // the vendor's redelivery
        MartechEventDispatcher dispatcher = provider.GetRequiredService<MartechEventDispatcher>();
        foreach (WebhookEventRecord record in await provider.GetRequiredService<IWebhookEventStore>().LeaseAsync(100, TimeSpan.FromMinutes(5)))
        {
            await dispatcher.HandleAsync(record, default);
            await dispatcher.HandleAsync(record, default); // handed over again, as after a failure elsewhere
        }

        CampaignStats stats = await provider.GetRequiredKeyedService<ICampaignStatsClient>("Analytics").GetStatsAsync("spring");
        Assert.Equal((1, 1), (stats.TotalOpens, stats.UniqueOpens));
    }

    [Fact]
    public async Task Handler_CountWebhookEventsOff_CountsNothing()
    {
        var services = new ServiceCollection();
        services.AddMartech().AddCampaignAnalytics(configure: o => o.CountWebhookEvents = false);
        using ServiceProvider provider = StartupValidationTests.StartAsAHostWould(services);

        using IServiceScope scope = provider.CreateScope();
        await scope.ServiceProvider.GetRequiredService<IMartechEventHandler<MartechEvent>>().HandleAsync(Email("o", EmailEventType.Opened, "ada@example.com", T0), new MartechEventContext("SendGrid:o", 1, T0));

        Assert.Equal(0, provider.GetRequiredKeyedService<CampaignAnalytics>("Analytics").GetStats("spring").TotalOpens);
    }

    [Fact]
    public async Task UseCampaignAnalytics_RecordsAcceptedSendsOfCampaignMessages()
    {
        var services = new ServiceCollection();
        MartechBuilder martech = services.AddMartech();
        martech.AddInMemory().UseCampaignAnalytics();
        martech.AddCampaignAnalytics();
        using ServiceProvider provider = StartupValidationTests.StartAsAHostWould(services);
        IEmailSender email = provider.GetRequiredKeyedService<IEmailSender>("InMemory");
        var engine = provider.GetRequiredKeyedService<CampaignAnalytics>("Analytics");

        EmailSendResult sent = await email.SendAsync(Message("spring", "ada@example.com", "bob@example.com"));
        await email.SendManyAsync([Message("spring", "cy@example.com"), Message(null, "dee@example.com"), Message("autumn", "ada@example.com")]);
        engine.Record(Email("p", EmailEventType.Processed, "ada@example.com", T0, message: sent.MessageId)); // the vendor's processed event of a recorded send

        CampaignStats spring = engine.GetStats("spring");
        Assert.Equal((3, 3), (spring.Sent, spring.UniqueRecipients));
        Assert.Equal(1, engine.GetStats("autumn").Sent);
        Assert.Equal(2, engine.CampaignIds.Count);
    }

    [Fact]
    public void UseCampaignAnalytics_WithoutTheAnalyticsInstance_FailsAtStartNamingTheFix()
    {
        var services = new ServiceCollection();
        MartechBuilder martech = services.AddMartech();
        martech.AddInMemory().UseCampaignAnalytics("Stats");
        martech.AddInMemory("Stats");

        var ex = Assert.Throws<OptionsValidationException>(() => StartupValidationTests.StartAsAHostWould(services));

        Assert.Contains("UseCampaignAnalytics() on 'InMemory' records sends in 'Stats', which is not a campaign analytics instance: add AddCampaignAnalytics(\"Stats\") or name one that is (none).", ex.Failures);
    }

    private static EmailMessage Message(string? campaign, params string[] to)
    {
        var message = new EmailMessage { From = EmailAddress.Parse("news@brand.example"), Subject = "Spring", TextBody = "Hi", CampaignId = campaign, Purpose = SendPurpose.Transactional };
        foreach (string address in to)
        {
            message.To.Add(EmailAddress.Parse(address));
        }

        return message;
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();
}
