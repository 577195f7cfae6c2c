using Martech.Sdk.IntegrationTests.Mailgun;
using Martech.Sdk.IntegrationTests.Postmark;
using Martech.Sdk.IntegrationTests.SendGrid;
using Martech.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk.IntegrationTests.VendorStats;

/// <summary>
/// The three vendors' statistics read through their emulators over loopback, after sends on two days: the numbers each
/// vendor reports for what it was sent and the events it generated, by day and by month.
/// </summary>
/// <remarks>
/// On 2 March five recipients are sent to: one plain, one that bounces, one opened only by a machine (no click), one that
/// unsubscribes and one that reports spam (both after opening and clicking). On 3 March two plain recipients. So: 7 sent,
/// 6 delivered, 1 bounce, 6 opens by 6 recipients (the machine open counted, as vendors count it), 5 clicks by 5, 1
/// unsubscribe, 1 spam report; on 2 March 5 sent, 4 opens, 3 clicks.
/// </remarks>
public sealed class VendorCampaignStatsEmulatorTests(SendGridEmulatorFixture sendGrid, MailgunEmulatorFixture mailgun, PostmarkEmulatorFixture postmark)
    : IClassFixture<SendGridEmulatorFixture>, IClassFixture<MailgunEmulatorFixture>, IClassFixture<PostmarkEmulatorFixture>
{
    private const string Tag = "spring-sale";

    private static readonly CampaignStatsOptions TwoDays = new()
    {
        From = new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero),
        To = new DateTimeOffset(2026, 3, 4, 0, 0, 0, TimeSpan.Zero),
        Breakdown = CampaignStatsBreakdown.Day,
    };

    private static readonly CampaignStatsOptions March = new()
    {
        From = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero),
        To = new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero),
        Breakdown = CampaignStatsBreakdown.Month,
    };

    [Fact]
    public async Task SendGrid_CategoryStats_CountWhatTheEmulatorSentAndGenerated()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 3, 2, 15, 0, 0, TimeSpan.Zero));
        await using ServiceProvider services = sendGrid.BuildServices(time: clock);
        Prepare(sendGrid.Emulator, clock);
        await SendTwoDaysAsync(services, clock);
        var client = services.GetRequiredService<ICampaignStatsClient>();

        CampaignStats stats = await client.GetStatsAsync(Tag, TwoDays);
        CampaignStats month = await client.GetStatsAsync(Tag, March);

        Assert.Equal((7, 6, 1, 0), (stats.Sent, stats.Delivered, stats.Bounces, stats.Dropped));
        Assert.Equal((6, 6, 5, 5), (stats.TotalOpens, stats.UniqueOpens, stats.TotalClicks, stats.UniqueClicks));
        Assert.Equal((1, 1), (stats.Unsubscribes, stats.SpamReports));
        Assert.Equal([5, 2], stats.Breakdown.Select(d => d.Sent));
        Assert.Equal([3, 2], stats.Breakdown.Select(d => d.UniqueClicks));
        Assert.Equal(7, Assert.Single(month.Breakdown).Sent);
        Assert.Equal(5 * 100.0 / 7, stats.ClickThroughRate.Percent);
    }

    [Theory]
    [InlineData(MailgunTagStatsEndpoint.TagInPath)]
    [InlineData(MailgunTagStatsEndpoint.TagInQuery)]
    public async Task Mailgun_TagStats_CountWhatTheEmulatorSentAndGenerated(MailgunTagStatsEndpoint endpoint)
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 3, 2, 15, 0, 0, TimeSpan.Zero));
        mailgun.Emulator.Reset();
        await using ServiceProvider services = mailgun.CreateServices(o => o.TagStatsEndpoint = endpoint, clock);
        Prepare(mailgun.Emulator, clock);
        await SendTwoDaysAsync(services, clock);
        var client = services.GetRequiredService<ICampaignStatsClient>();

        CampaignStats stats = await client.GetStatsAsync(Tag, TwoDays);
        CampaignStats month = await client.GetStatsAsync(Tag, March);
        CampaignStats unknown = await client.GetStatsAsync("never-used", TwoDays);

        Assert.Equal((7, 6, 1, 0), (stats.Sent, stats.Delivered, stats.Bounces, stats.Dropped));
        Assert.Equal((6, 6, 5, 5), (stats.TotalOpens, stats.UniqueOpens, stats.TotalClicks, stats.UniqueClicks));
        Assert.Equal((1, 1), (stats.Unsubscribes, stats.SpamReports));
        Assert.Equal([5, 2], stats.Breakdown.Select(d => d.Sent));
        Assert.Equal(7, Assert.Single(month.Breakdown).Sent);
        Assert.Equal([0, 0], unknown.Breakdown.Select(d => d.Sent));
        string path = endpoint == MailgunTagStatsEndpoint.TagInPath ? "/v3/{domain}/tags/{tag}/stats" : "/v3/{domain}/tag/stats";
        Assert.Equal(["day", "month", "day"], mailgun.Emulator.RequestLog.RequestsTo("GET", path).Select(r => r.Query["resolution"]));
    }

    [Fact]
    public async Task Postmark_OutboundStats_CountWhatTheEmulatorSentAndGenerated()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 3, 2, 15, 0, 0, TimeSpan.Zero));
        await using ServiceProvider services = postmark.CreateServices(time: clock);
        Prepare(postmark.Emulator, clock);
        await SendTwoDaysAsync(services, clock);
        var client = services.GetRequiredService<ICampaignStatsClient>();

        CampaignStats stats = await client.GetStatsAsync(Tag, TwoDays);
        CampaignStats month = await client.GetStatsAsync(Tag, March);

        Assert.Equal((7, 1, 1, 0), (stats.Sent, stats.Bounces, stats.HardBounces, stats.SoftBounces));
        Assert.Equal((6, 6, 5, 5), (stats.TotalOpens, stats.UniqueOpens, stats.TotalClicks, stats.UniqueClicks));
        Assert.Equal(1, stats.SpamReports);
        Assert.Equal([5, 2], stats.Breakdown.Select(d => d.Sent));
        Assert.Equal(7, Assert.Single(month.Breakdown).Sent);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.FromHours(-5)), stats.Breakdown[0].From);
    }

    [Fact]
    public async Task Postmark_ASmartGoalReadsItsStats_DuringTheDay_InItsOwnTimeZone()
    {
        // Postmark counts whole days in US Eastern time; the goal is evaluated at 09:30 UTC on 3 March, after the sends:
        // its read ends at the next UTC midnight and its month entries start at 00:00−05:00. March so far: 5 clicks.
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 3, 2, 15, 0, 0, TimeSpan.Zero));
        await using ServiceProvider services = postmark.CreateServices(time: clock, also: martech => martech.AddCampaignGoals().AddGoal(new CampaignGoal
        {
            Name = "spring-sale-clicks",
            Provider = "Postmark",
            Campaigns = [Tag],
            Metric = CampaignGoalMetric.Count(CampaignMetric.TotalClicks),
            Measure = CampaignGoalMeasure.Total,
            Baseline = CampaignGoalBaseline.Of(8),
            Target = CampaignGoalTarget.Relative(25),
            Start = new DateOnly(2026, 3, 1),
            Deadline = new DateOnly(2026, 12, 31),
        }));
        Prepare(postmark.Emulator, clock);
        await SendTwoDaysAsync(services, clock);
        clock.SetUtcNow(new DateTimeOffset(2026, 3, 3, 9, 30, 0, TimeSpan.Zero));

        CampaignGoalEvaluation goal = await services.GetRequiredService<CampaignGoals>().EvaluateAsync("spring-sale-clicks");

        Assert.Equal(5, goal.Current);
        Assert.Equal(10, goal.Target);
        Assert.Equal(0.5, goal.Progress!.Value, 10);
    }

    private static void Prepare(WebhookCallbackEmulator emulator, TimeProvider clock)
    {
        emulator.TimeProvider = clock;
        emulator.Webhooks.BounceAddresses.Add("bounce@example.com");
        emulator.Webhooks.MachineOpenAddresses.Add("machine@example.com");
        emulator.Webhooks.UnsubscribeAddresses.Add("unsub@example.com");
        emulator.Webhooks.SpamReportAddresses.Add("spam@example.com");
    }

    private static async Task SendTwoDaysAsync(IServiceProvider services, ManualTimeProvider clock)
    {
        var sender = services.GetRequiredService<IEmailSender>();
        await TaggedSends.SendAsync(sender, Tag, Addresses("plain", "bounce", "machine", "unsub", "spam"));
        clock.Advance(TimeSpan.FromDays(1));
        await TaggedSends.SendAsync(sender, Tag, Addresses("second", "third"));
    }

    private static List<EmailAddress> Addresses(params string[] names) => [.. names.Select(n => EmailAddress.Parse(n + "@example.com"))];
}
