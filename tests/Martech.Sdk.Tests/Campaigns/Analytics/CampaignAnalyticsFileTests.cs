using Martech.Sdk.Testing;

namespace Martech.Sdk.Tests.Campaigns.Analytics;

/// <summary>
/// A small event file checked by hand (spring-events.jsonl, 22 events and a blank line): campaign "spring" sent on
/// 2026-03-31 at 22:00 UTC to ada, bob, cy and dee (processed events m1–m4).
/// <list type="bullet">
/// <item>delivered: ada (m1, and again as "e5-again": the same message, another event id), bob, dee → 3; cy bounced hard → 1</item>
/// <item>opens: ada by Apple Mail Privacy Protection at 22:02 (machine), ada by a person at 23:30, bob at 10:00 on
/// 1 April with no source (counted as a person) → 2 opens by people (ada, bob), 1 machine open</item>
/// <item>clicks: ada at 23:31 (written "Ada@Example.com": the same recipient), ada again on 1 April 08:00 (that event,
/// e12, is in the file twice, the redelivery first), a security scanner on bob's link at 09:00 (machine), bob at 10:01
/// → 3 clicks by people from 2 recipients, 1 machine click</item>
/// <item>dee unsubscribed and reported spam on 2 April; dee's group resubscribe counts for nothing</item>
/// <item>ignored: an open of campaign "autumn" (counted there), an open without a campaign, the resubscribe</item>
/// </list>
/// Click-through rate = unique clicks ÷ unique recipients × 100 = 2 ÷ 4 × 100 = 50 %.
/// March (sends, the machine open, ada's first open and click): 1 ÷ 4 × 100 = 25 %. April: two clickers (ada, bob) but
/// no send in April, so no recipients: the rate is n/a (a month's recipients are those sent to in it).
/// </summary>
public class CampaignAnalyticsFileTests
{
    private static readonly DateTimeOffset March = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset April = new(2026, 4, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset May = new(2026, 5, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task RecordJsonLinesAsync_HandCheckedFile_CountsEachEventOnce()
    {
        var analytics = new CampaignAnalytics(timeProvider: new ManualTimeProvider(new DateTimeOffset(2026, 4, 20, 0, 0, 0, TimeSpan.Zero)));

        CampaignAnalyticsIngestResult result = await LoadAsync(analytics);

        Assert.Equal(new CampaignAnalyticsIngestResult(Events: 22, Counted: 18, Duplicates: 2, Ignored: 2), result);
    }

    [Fact]
    public async Task GetStats_HandCheckedFile_EveryCountAndTheClickThroughRate()
    {
        var analytics = new CampaignAnalytics(timeProvider: new ManualTimeProvider(new DateTimeOffset(2026, 4, 20, 0, 0, 0, TimeSpan.Zero)));
        await LoadAsync(analytics);

        CampaignStats stats = analytics.GetStats("spring");

        Assert.Equal(CampaignStatsSource.Events, stats.Source);
        Assert.Equal(CampaignStats.AllMetrics, stats.Reported);
        Assert.Equal((4, 4, 3, 0), (stats.Sent, stats.UniqueRecipients, stats.Delivered, stats.Dropped));
        Assert.Equal((1, 1, 0, 0), (stats.Bounces, stats.HardBounces, stats.SoftBounces, stats.BlockedBounces));
        Assert.Equal((2, 2, 1, 1), (stats.TotalOpens, stats.UniqueOpens, stats.MachineOpens, stats.UniqueMachineOpens));
        Assert.Equal((3, 2, 1, 1), (stats.TotalClicks, stats.UniqueClicks, stats.MachineClicks, stats.UniqueMachineClicks));
        Assert.Equal((1, 1), (stats.Unsubscribes, stats.SpamReports));
        Assert.Equal(50.0, stats.ClickThroughRate.Percent);
        Assert.Equal("click-through rate 50.00 % (UniqueClicks 2 ÷ UniqueRecipients 4)", stats.ClickThroughRate.ToString());
        Assert.Equal(75.0, stats.DeliveryRate.Percent);
        Assert.Empty(stats.Breakdown);

        CampaignStats autumn = analytics.GetStats("autumn");
        Assert.Equal((1, 1, 0), (autumn.TotalOpens, autumn.UniqueOpens, autumn.UniqueRecipients));
    }

    [Fact]
    public async Task GetStats_MonthBreakdown_SplitsAtTheMonthBoundary()
    {
        var analytics = new CampaignAnalytics(timeProvider: new ManualTimeProvider(new DateTimeOffset(2026, 4, 20, 0, 0, 0, TimeSpan.Zero)));
        await LoadAsync(analytics);

        CampaignStats stats = analytics.GetStats("spring", new CampaignStatsOptions { From = March, To = May, Breakdown = CampaignStatsBreakdown.Month });

        Assert.Equal(March, stats.From);
        Assert.Equal(May, stats.To);
        Assert.Equal(50.0, stats.ClickThroughRate.Percent);
        Assert.Collection(
            stats.Breakdown,
            march =>
            {
                Assert.Equal((March, April), (march.From!.Value, march.To!.Value));
                Assert.Equal((4, 4, 3, 1), (march.Sent, march.UniqueRecipients, march.Delivered, march.Bounces));
                Assert.Equal((1, 1, 1, 1), (march.TotalOpens, march.UniqueOpens, march.MachineOpens, march.UniqueMachineOpens));
                Assert.Equal((1, 1, 0), (march.TotalClicks, march.UniqueClicks, march.MachineClicks));
                Assert.Equal(25.0, march.ClickThroughRate.Percent);
            },
            april =>
            {
                Assert.Equal((April, May), (april.From!.Value, april.To!.Value));
                Assert.Equal((0, 0, 0), (april.Sent, april.UniqueRecipients, april.Delivered));
                Assert.Equal((1, 1, 0), (april.TotalOpens, april.UniqueOpens, april.MachineOpens));
                Assert.Equal((2, 2, 1, 1), (april.TotalClicks, april.UniqueClicks, april.MachineClicks, april.UniqueMachineClicks));
                Assert.Equal((1, 1), (april.Unsubscribes, april.SpamReports));
                Assert.Null(april.ClickThroughRate.Percent);
            });
    }

    [Fact]
    public async Task GetStats_DayBreakdown_ClipsTheFirstAndLastDayToThePeriod()
    {
        var analytics = new CampaignAnalytics(timeProvider: new ManualTimeProvider(new DateTimeOffset(2026, 4, 20, 0, 0, 0, TimeSpan.Zero)));
        await LoadAsync(analytics);
        DateTimeOffset from = new(2026, 3, 31, 23, 0, 0, TimeSpan.Zero);
        DateTimeOffset to = new(2026, 4, 2, 12, 0, 0, TimeSpan.Zero);

        CampaignStats stats = analytics.GetStats("spring", new CampaignStatsOptions { From = from, To = to, Breakdown = CampaignStatsBreakdown.Day });

        Assert.Equal([from, April, April.AddDays(1)], stats.Breakdown.Select(d => d.From!.Value));
        Assert.Equal([April, April.AddDays(1), to], stats.Breakdown.Select(d => d.To!.Value));
        Assert.Equal([1, 2, 0], stats.Breakdown.Select(d => d.UniqueClicks));
        Assert.Equal([0, 0, 0], stats.Breakdown.Select(d => d.UniqueRecipients));
        Assert.Equal(0, stats.Unsubscribes); // 12:00 on 2 April is the end of the period, excluded
    }

    [Fact]
    public async Task RecordJsonLinesAsync_ShuffledAndRepeated_SameStatsAsTheFileInOrder()
    {
        string[] lines = [.. File.ReadAllLines(FilePath()).Where(l => l.Length > 0)];
        var expected = new CampaignAnalytics();
        await LoadAsync(expected);
        CampaignStats want = expected.GetStats("spring", new CampaignStatsOptions { Breakdown = CampaignStatsBreakdown.Month });

        for (int seed = 1; seed <= 20; seed++)
        {
            var random = new Random(seed);
            string[] shuffled = [.. lines.Concat(lines).Concat(lines.Take(seed)).OrderBy(_ => random.Next())];
            var analytics = new CampaignAnalytics();
            using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(string.Join("\r\n", shuffled)));

            await analytics.RecordJsonLinesAsync(stream);

            CampaignStats got = analytics.GetStats("spring", new CampaignStatsOptions { Breakdown = CampaignStatsBreakdown.Month });
            Assert.Equal(want with { Breakdown = [] }, got with { Breakdown = [] });
            Assert.Equal(want.Breakdown, got.Breakdown);
        }
    }

    [Fact]
    public async Task RecordJsonLinesAsync_FileWithAByteOrderMark_IsReadLikeOneWithout()
    {
        byte[] file = File.ReadAllBytes(FilePath());
        var plain = new CampaignAnalytics(timeProvider: new ManualTimeProvider(new DateTimeOffset(2026, 4, 20, 0, 0, 0, TimeSpan.Zero)));
        var marked = new CampaignAnalytics(timeProvider: new ManualTimeProvider(new DateTimeOffset(2026, 4, 20, 0, 0, 0, TimeSpan.Zero)));

        CampaignAnalyticsIngestResult expected = await plain.RecordJsonLinesAsync(new MemoryStream(file));
        CampaignAnalyticsIngestResult result = await marked.RecordJsonLinesAsync(new MemoryStream([0xEF, 0xBB, 0xBF, .. file]));

        Assert.Equal(expected, result);
        CampaignStats a = plain.GetStats("spring"), b = marked.GetStats("spring");
        Assert.Equal((a.Sent, a.UniqueRecipients, a.Delivered, a.UniqueOpens, a.UniqueClicks, a.TotalClicks), (b.Sent, b.UniqueRecipients, b.Delivered, b.UniqueOpens, b.UniqueClicks, b.TotalClicks));
        Assert.Equal(a.ClickThroughRate, b.ClickThroughRate);
    }

    [Fact]
    public async Task RecordJsonLinesAsync_BadLine_NamesItAndKeepsTheLinesBefore()
    {
        var analytics = new CampaignAnalytics();
        string text = File.ReadAllLines(FilePath())[0] + "\n{\"$kind\":\"email\",\"id\":\"x\"}\n";
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text));

        var ex = await Assert.ThrowsAsync<InvalidDataException>(() => analytics.RecordJsonLinesAsync(stream));

        Assert.StartsWith("Line 2 is not a valid Martech event", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, analytics.GetStats("spring").Sent);
    }

    [Fact]
    public async Task RecordJsonLinesAsync_EmailEventWithoutRecipient_NamesTheLine()
    {
        var analytics = new CampaignAnalytics();
        using var stream = new MemoryStream("\n{\"$kind\":\"email\",\"id\":\"x\",\"provider\":\"p\",\"type\":\"opened\",\"recipient\":\"ada@example.com\",\"email\":null}"u8.ToArray());

        var ex = await Assert.ThrowsAsync<InvalidDataException>(() => analytics.RecordJsonLinesAsync(stream));

        Assert.StartsWith("Line 2 is not a valid Martech event", ex.Message, StringComparison.Ordinal);
        Assert.Contains("has no recipient", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordJsonLinesAsync_LineLongerThanTheBuffer_IsRead()
    {
        var analytics = new CampaignAnalytics();
        var e = new EmailEvent
        {
            Id = "long",
            Provider = "SendGrid",
            CampaignId = "spring",
            Type = EmailEventType.Opened,
            Recipient = EmailAddress.Parse("ada@example.com"),
            OccurredAt = March,
            CustomArgs = new Dictionary<string, string> { ["note"] = new string('x', 200_000) },
        };
        using var stream = new MemoryStream([.. MartechEventSerializer.SerializeToUtf8Bytes(e), (byte)'\n', .. MartechEventSerializer.SerializeToUtf8Bytes(e)]);

        CampaignAnalyticsIngestResult result = await analytics.RecordJsonLinesAsync(stream);

        Assert.Equal(new CampaignAnalyticsIngestResult(2, 1, 1, 0), result);
    }

    private static async Task<CampaignAnalyticsIngestResult> LoadAsync(CampaignAnalytics analytics)
    {
        await using FileStream file = File.OpenRead(FilePath());
        return await analytics.RecordJsonLinesAsync(file);
    }

    private static string FilePath() => Path.Combine(AppContext.BaseDirectory, "Campaigns", "Analytics", "spring-events.jsonl");
}
