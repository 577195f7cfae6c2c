using Martech.Sdk.Testing;

namespace Martech.Sdk.Tests.Campaigns.Analytics;

public class CampaignAnalyticsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly ManualTimeProvider _clock = new(T0.AddDays(10));

    [Fact]
    public void Record_SameEventTwice_CountsOnceWhicheverCopyComesFirst()
    {
        var analytics = new CampaignAnalytics(timeProvider: _clock);
        EmailEvent open = Email("o1", EmailEventType.Opened, "ada@example.com", T0);

        Assert.Equal(CampaignEventOutcome.Counted, analytics.Record(open));
        Assert.Equal(CampaignEventOutcome.Duplicate, analytics.Record(open with { }));
        Assert.Equal(CampaignEventOutcome.Counted, analytics.Record(open with { Id = "o2" })); // a second open: a repeat
        Assert.Equal(CampaignEventOutcome.Counted, analytics.Record(open with { Provider = "Mailgun" })); // another provider's id space

        CampaignStats stats = analytics.GetStats("spring");
        Assert.Equal((3, 1), (stats.TotalOpens, stats.UniqueOpens));
        Assert.Equal(new CampaignAnalyticsUsage(1, 1, 1, 1, 1, 3, analytics.Usage.EstimatedBytes, 3, 1, 0), analytics.Usage);
    }

    [Fact]
    public void Record_DuplicatesInRandomOrder_SameStatsAsOnceInOrder()
    {
        List<MartechEvent> events = [];
        for (int r = 0; r < 50; r++)
        {
            string who = $"r{r}@example.com";
            events.Add(Email($"p{r}", EmailEventType.Processed, who, T0, message: $"m{r}"));
            events.Add(Email($"d{r}", EmailEventType.Delivered, who, T0.AddMinutes(1), message: $"m{r}"));
            for (int k = 0; k < r % 4; k++)
            {
                events.Add(Email($"o{r}.{k}", EmailEventType.Opened, who, T0.AddHours(k * 7), source: k == 0 ? EngagementSource.AppleMailPrivacyProtection : EngagementSource.Human));
                events.Add(Email($"c{r}.{k}", EmailEventType.Clicked, who, T0.AddDays(k * 12).AddMinutes(5), source: k == 2 ? EngagementSource.SecurityScanner : null));
            }
        }

        var once = new CampaignAnalytics(timeProvider: _clock);
        once.RecordAll(events);
        var options = new CampaignStatsOptions { Breakdown = CampaignStatsBreakdown.Day };
        CampaignStats want = once.GetStats("spring", options);

        for (int seed = 0; seed < 10; seed++)
        {
            var random = new Random(seed);
            var analytics = new CampaignAnalytics(timeProvider: _clock);
            CampaignAnalyticsIngestResult result = analytics.RecordAll(events.Concat(events).Concat(events.Where(_ => random.Next(3) == 0)).OrderBy(_ => random.Next()).ToList());

            CampaignStats got = analytics.GetStats("spring", options);
            Assert.Equal(events.Count, result.Counted);
            Assert.Equal(result.Events - events.Count, result.Duplicates);
            Assert.Equal(want with { Breakdown = [] }, got with { Breakdown = [] });
            Assert.Equal(want.Breakdown, got.Breakdown);
        }

        Assert.Equal(50, want.Sent);
        Assert.Equal(50, want.Delivered);
    }

    [Fact]
    public void Record_DeliveredTwiceUnderDifferentIds_OneDeliveryOfTheMessage()
    {
        var analytics = new CampaignAnalytics(timeProvider: _clock);

        analytics.Record(Email("d1", EmailEventType.Delivered, "ada@example.com", T0, message: "m1"));
        Assert.Equal(CampaignEventOutcome.Duplicate, analytics.Record(Email("d2", EmailEventType.Delivered, "ADA@example.com", T0.AddDays(1), message: "m1")));
        analytics.Record(Email("d3", EmailEventType.Delivered, "bob@example.com", T0, message: "m1")); // same message, another recipient
        analytics.Record(Email("b1", EmailEventType.Bounced, "cy@example.com", T0, message: "m2", bounce: EmailBounceKind.Soft));
        analytics.Record(Email("b2", EmailEventType.Bounced, "cy@example.com", T0, message: "m2", bounce: EmailBounceKind.Soft));
        analytics.Record(Email("b3", EmailEventType.Bounced, "dee@example.com", T0, bounce: EmailBounceKind.Block));
        analytics.Record(Email("b4", EmailEventType.Bounced, "eve@example.com", T0));
        analytics.Record(Email("x1", EmailEventType.Dropped, "fay@example.com", T0, message: "m3"));

        CampaignStats stats = analytics.GetStats("spring");
        Assert.Equal(2, stats.Delivered);
        Assert.Equal((3, 0, 1, 1), (stats.Bounces, stats.HardBounces, stats.SoftBounces, stats.BlockedBounces));
        Assert.Equal(1, stats.Dropped);
        Assert.Equal(6, stats.UniqueRecipients);
    }

    [Fact]
    public void Record_MachineSources_CountedApartFromPeople()
    {
        var analytics = new CampaignAnalytics(timeProvider: _clock);
        EngagementSource?[] sources = [null, EngagementSource.Unknown, EngagementSource.Human, EngagementSource.AppleMailPrivacyProtection, EngagementSource.GmailImageProxy, EngagementSource.SecurityScanner, EngagementSource.OtherMachine];
        for (int i = 0; i < sources.Length; i++)
        {
            analytics.Record(Email($"o{i}", EmailEventType.Opened, "ada@example.com", T0, source: sources[i]));
            analytics.Record(Email($"c{i}", EmailEventType.Clicked, i < 3 ? "ada@example.com" : "bob@example.com", T0, source: sources[i]));
        }

        CampaignStats stats = analytics.GetStats("spring");

        Assert.Equal((3, 1, 4, 1), (stats.TotalOpens, stats.UniqueOpens, stats.MachineOpens, stats.UniqueMachineOpens));
        Assert.Equal((3, 1, 4, 1), (stats.TotalClicks, stats.UniqueClicks, stats.MachineClicks, stats.UniqueMachineClicks));
    }

    [Fact]
    public void GetStats_PeriodEdges_FromIncludedToExcluded()
    {
        var analytics = new CampaignAnalytics(new CampaignAnalyticsOptions { Resolution = TimeSpan.FromMinutes(1) }, _clock);
        analytics.Record(Email("before", EmailEventType.Clicked, "a@example.com", T0.AddTicks(-1)));
        analytics.Record(Email("at-from", EmailEventType.Clicked, "b@example.com", T0));
        analytics.Record(Email("last", EmailEventType.Clicked, "c@example.com", T0.AddHours(1).AddTicks(-1)));
        analytics.Record(Email("at-to", EmailEventType.Clicked, "d@example.com", T0.AddHours(1)));

        CampaignStats stats = analytics.GetStats("spring", new CampaignStatsOptions { From = T0, To = T0.AddHours(1) });
        CampaignStats empty = analytics.GetStats("spring", new CampaignStatsOptions { From = T0, To = T0 });

        Assert.Equal(2, stats.UniqueClicks);
        Assert.Equal((T0, T0.AddHours(1)), (stats.From!.Value, stats.To!.Value));
        Assert.Equal(0, empty.TotalClicks);
    }

    [Fact]
    public void GetStats_BoundsInsideASlot_RoundUpToTheResolutionAndSaySo()
    {
        var analytics = new CampaignAnalytics(timeProvider: _clock); // hour slots
        analytics.Record(Email("a", EmailEventType.Clicked, "a@example.com", T0.AddMinutes(10)));
        analytics.Record(Email("b", EmailEventType.Clicked, "b@example.com", T0.AddMinutes(70)));
        analytics.Record(Email("c", EmailEventType.Clicked, "c@example.com", T0.AddMinutes(130)));

        CampaignStats stats = analytics.GetStats("spring", new CampaignStatsOptions { From = T0.AddMinutes(30), To = T0.AddMinutes(150) });

        Assert.Equal((T0.AddHours(1), T0.AddHours(3)), (stats.From!.Value, stats.To!.Value));
        Assert.Equal(2, stats.UniqueClicks); // 01:10 and 02:10 after T0; 00:10 is in the slot before the rounded From
    }

    [Fact]
    public void GetStats_DayBreakdownWithoutPeriod_FromFirstActivityToNowWithEmptyDays()
    {
        var analytics = new CampaignAnalytics(timeProvider: new ManualTimeProvider(T0.AddDays(3).AddHours(2)));
        analytics.RecordSend("spring", EmailAddress.Parse("a@example.com"), "m1", T0);
        analytics.Record(Email("c", EmailEventType.Clicked, "a@example.com", T0.AddDays(2)));

        CampaignStats stats = analytics.GetStats("spring", new CampaignStatsOptions { Breakdown = CampaignStatsBreakdown.Day });

        DateTimeOffset day = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal([day, day.AddDays(1), day.AddDays(2), day.AddDays(3)], stats.Breakdown.Select(d => d.From!.Value));
        Assert.Equal([1, 0, 0, 0], stats.Breakdown.Select(d => d.Sent));
        Assert.Equal([0, 0, 1, 0], stats.Breakdown.Select(d => d.UniqueClicks));
        Assert.Null(stats.From);
        Assert.Equal(100.0, stats.ClickThroughRate.Percent);
    }

    [Fact]
    public void GetStats_PeriodEndingInTheFuture_ListsOnlyMonthsBegun()
    {
        var analytics = new CampaignAnalytics(timeProvider: _clock); // now: 2026-06-11
        analytics.Record(Email("c", EmailEventType.Clicked, "a@example.com", T0));

        CampaignStats stats = analytics.GetStats("spring", new CampaignStatsOptions
        {
            From = new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero),
            To = new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero),
            Breakdown = CampaignStatsBreakdown.Month,
        });

        Assert.Equal([4, 5, 6], stats.Breakdown.Select(m => m.From!.Value.Month));
        Assert.Equal([0, 0, 1], stats.Breakdown.Select(m => m.UniqueClicks));
    }

    [Fact]
    public void RecordSend_AndTheProcessedEventOfTheSameMessage_OneSendEitherOrder()
    {
        var analytics = new CampaignAnalytics(timeProvider: _clock);
        EmailAddress ada = EmailAddress.Parse("ada@example.com");

        Assert.Equal(CampaignEventOutcome.Counted, analytics.RecordSend("spring", ada, "m1", T0));
        Assert.Equal(CampaignEventOutcome.Duplicate, analytics.Record(Email("p1", EmailEventType.Processed, "ada@example.com", T0.AddSeconds(2), message: "m1")));
        Assert.Equal(CampaignEventOutcome.Counted, analytics.Record(Email("p2", EmailEventType.Processed, "bob@example.com", T0, message: "m2")));
        Assert.Equal(CampaignEventOutcome.Duplicate, analytics.RecordSend("spring", EmailAddress.Parse("bob@example.com"), "m2", T0));
        Assert.Equal(CampaignEventOutcome.Counted, analytics.RecordSend("spring", ada, null, T0)); // no message id: cannot be matched

        CampaignStats stats = analytics.GetStats("spring");
        Assert.Equal((3, 2), (stats.Sent, stats.UniqueRecipients));
    }

    [Fact]
    public void GetStats_NoSendsRecorded_DoesNotReportSentSoRatesFallBackToRecipients()
    {
        var analytics = new CampaignAnalytics(timeProvider: _clock);
        analytics.Record(Email("d", EmailEventType.Delivered, "ada@example.com", T0, message: "m1"));
        analytics.Record(Email("b", EmailEventType.Bounced, "bob@example.com", T0, message: "m2"));

        CampaignStats stats = analytics.GetStats("spring");
        CampaignStats unknown = analytics.GetStats("nothing-recorded");

        Assert.Equal(CampaignStats.AllMetrics & ~CampaignMetric.Sent, stats.Reported);
        Assert.Equal(2, stats.UniqueRecipients);
        Assert.Equal(50.0, stats.BounceRate.Percent); // ÷ unique recipients
        Assert.Null(stats.DeliveryRate.Percent);
        Assert.Equal(0, unknown.UniqueRecipients);
        Assert.Equal("nothing-recorded", unknown.CampaignId);
    }

    [Fact]
    public void Record_SmsStatuses_KeptApartFromEmailAndCountedPerMessage()
    {
        var analytics = new CampaignAnalytics(timeProvider: _clock);
        analytics.Record(Email("p", EmailEventType.Processed, "ada@example.com", T0, message: "e1"));
        MessageStatusEvent[] statuses =
        [
            Sms("s1", "SM1", MessageDeliveryStatus.Queued, "+14155550100"),
            Sms("s2", "SM1", MessageDeliveryStatus.Sent, "+14155550100"),
            Sms("s3", "SM1", MessageDeliveryStatus.Delivered, "+14155550100"),
            Sms("s3", "SM1", MessageDeliveryStatus.Delivered, "+14155550100"), // redelivery
            Sms("s4", "SM1", MessageDeliveryStatus.Read, "+14155550100"), // read: already delivered
            Sms("s5", "SM2", MessageDeliveryStatus.Undelivered, "+14155550101"), // its queued status never came
            Sms("s6", "SM3", MessageDeliveryStatus.Failed, "+14155550102"),
            Sms("s7", "SM4", MessageDeliveryStatus.Create("sending"), "+14155550103"),
        ];
        CampaignEventOutcome[] outcomes = [.. statuses.Select(analytics.Record)];

        CampaignStats sms = analytics.GetStats("spring", new CampaignChannelStatsOptions { Channel = CampaignChannel.Sms });
        CampaignStats email = analytics.GetStats("spring");

        Assert.Equal(
            [CampaignEventOutcome.Counted, CampaignEventOutcome.Duplicate, CampaignEventOutcome.Counted, CampaignEventOutcome.Duplicate, CampaignEventOutcome.Duplicate, CampaignEventOutcome.Counted, CampaignEventOutcome.Counted, CampaignEventOutcome.Ignored],
            outcomes);
        Assert.Equal((2, 1, 1, 1, 3), (sms.Sent, sms.Delivered, sms.Bounces, sms.Dropped, sms.UniqueRecipients));
        Assert.Equal(CampaignMetric.Sent | CampaignMetric.UniqueRecipients | CampaignMetric.Delivered | CampaignMetric.Dropped | CampaignMetric.Bounces, sms.Reported);
        Assert.Equal(50.0, sms.DeliveryRate.Percent);
        Assert.Null(sms.OpenRate.Percent);
        Assert.Equal((1, 1, 0), (email.Sent, email.UniqueRecipients, email.Delivered));
    }

    [Fact]
    public void Record_EventsThatCountForNothing_AreIgnored()
    {
        var analytics = new CampaignAnalytics(timeProvider: _clock);

        Assert.Equal(CampaignEventOutcome.Ignored, analytics.Record(Email("a", EmailEventType.Opened, "ada@example.com", T0) with { CampaignId = null }));
        Assert.Equal(CampaignEventOutcome.Ignored, analytics.Record(Email("b", EmailEventType.GroupResubscribed, "ada@example.com", T0)));
        Assert.Equal(CampaignEventOutcome.Ignored, analytics.Record(Email("c", EmailEventType.Create("machine_learned"), "ada@example.com", T0)));
        Assert.Equal(CampaignEventOutcome.Ignored, analytics.Record(new ContactEvent { Id = "d", Provider = "HubSpot", Type = ContactEventType.Created, CampaignId = "spring" }));
        Assert.Equal(CampaignEventOutcome.Ignored, analytics.Record(Sms("e", "SM1", MessageDeliveryStatus.Delivered, "+14155550100") with { CampaignId = null }));
        Assert.Empty(analytics.CampaignIds);
        Assert.Equal(5, analytics.Usage.Ignored);
    }

    [Fact]
    public void Record_UnsubscribeAndSpamTwice_CountRecipientsOnce()
    {
        var analytics = new CampaignAnalytics(timeProvider: _clock);

        Assert.Equal(CampaignEventOutcome.Counted, analytics.Record(Email("u1", EmailEventType.Unsubscribed, "ada@example.com", T0)));
        Assert.Equal(CampaignEventOutcome.Duplicate, analytics.Record(Email("u1", EmailEventType.Unsubscribed, "ada@example.com", T0)));
        analytics.Record(Email("u2", EmailEventType.GroupUnsubscribed, "ada@example.com", T0.AddDays(1)));
        analytics.Record(Email("s1", EmailEventType.SpamReport, "ada@example.com", T0));
        analytics.Record(Email("s2", EmailEventType.SpamReport, "bob@example.com", T0));

        CampaignStats stats = analytics.GetStats("spring");
        Assert.Equal((1, 2), (stats.Unsubscribes, stats.SpamReports));
    }

    [Fact]
    public void Record_WithoutATime_CountsWhenRecorded()
    {
        var analytics = new CampaignAnalytics(timeProvider: _clock);

        analytics.Record(Email("c", EmailEventType.Clicked, "ada@example.com", default));

        Assert.Equal(1, analytics.GetStats("spring", new CampaignStatsOptions { From = _clock.GetUtcNow().AddHours(-1) }).UniqueClicks);
        Assert.Equal(0, analytics.GetStats("spring", new CampaignStatsOptions { To = _clock.GetUtcNow().AddHours(-1) }).UniqueClicks);
    }

    [Fact]
    public void Record_EventInTheLastMonthDateTimeHolds_IsRefused_SoBreakdownsNeverRunPastIt()
    {
        // A day or month breakdown ends an entry at the next day or month; December 9999 has none.
        var analytics = new CampaignAnalytics(timeProvider: _clock);

        var late = Assert.Throws<ArgumentException>(() => analytics.Record(Email("c", EmailEventType.Opened, "ada@example.com", new DateTimeOffset(9999, 12, 31, 12, 0, 0, TimeSpan.Zero))));
        analytics.Record(Email("d", EmailEventType.Opened, "ada@example.com", new DateTimeOffset(9999, 11, 30, 12, 0, 0, TimeSpan.Zero)));

        Assert.Equal("OccurredAt", late.ParamName);
        Assert.Single(analytics.GetStats("spring", new CampaignStatsOptions { From = new DateTimeOffset(9999, 11, 1, 0, 0, 0, TimeSpan.Zero), Breakdown = CampaignStatsBreakdown.Month }).Breakdown);
    }

    [Fact]
    public void Record_InvalidEvents_ThrowNamingTheField()
    {
        var analytics = new CampaignAnalytics(timeProvider: _clock);

        var early = Assert.Throws<ArgumentException>(() => analytics.Record(Email("c", EmailEventType.Clicked, "ada@example.com", new DateTimeOffset(1969, 12, 31, 0, 0, 0, TimeSpan.Zero))));
        var noId = Assert.Throws<ArgumentException>(() => analytics.Record(Email("", EmailEventType.Clicked, "ada@example.com", T0)));

        Assert.Equal("OccurredAt", early.ParamName);
        Assert.Contains("outside the times CampaignAnalytics counts", early.Message, StringComparison.Ordinal);
        Assert.Contains("needs an Id and a Provider", noId.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>(() => analytics.Record(null!));
        Assert.Throws<ArgumentException>(() => analytics.RecordSend(" ", EmailAddress.Parse("a@example.com"), null, T0));
        Assert.Throws<ArgumentException>(() => analytics.RecordSend("spring", default, null, T0));
        Assert.Throws<ArgumentException>(() => analytics.GetStats("spring", new CampaignStatsOptions { From = T0, To = T0.AddDays(-1) }));
        Assert.Throws<ArgumentException>(() => analytics.GetStats("spring", new CampaignChannelStatsOptions { Channel = (CampaignChannel)7 }));
        Assert.Throws<ArgumentException>(() => analytics.GetStats(""));
    }

    [Fact]
    public void Record_RedeliveryAfterTheDedupeWindow_CountsAgainAndOldKeysAreDropped()
    {
        var analytics = new CampaignAnalytics(new CampaignAnalyticsOptions { DedupeWindow = TimeSpan.FromHours(1) }, _clock);
        for (int i = 0; i < 2_000; i++)
        {
            analytics.Record(Email($"o{i}", EmailEventType.Opened, $"r{i % 100}@example.com", T0));
        }

        Assert.Equal(CampaignEventOutcome.Duplicate, analytics.Record(Email("o5", EmailEventType.Opened, "r5@example.com", T0)));
        _clock.Advance(TimeSpan.FromMinutes(61));
        Assert.Equal(CampaignEventOutcome.Counted, analytics.Record(Email("o5", EmailEventType.Opened, "r5@example.com", T0)));
        for (int i = 0; i < 1_500; i++)
        {
            analytics.Record(Email($"n{i}", EmailEventType.Opened, $"r{i % 100}@example.com", T0));
        }

        Assert.Equal(2_001 + 1_500, analytics.GetStats("spring").TotalOpens);
        Assert.True(analytics.Usage.RememberedKeys < 2_000, $"expired keys were kept: {analytics.Usage.RememberedKeys}");
    }

    [Fact]
    public void Usage_GrowsWithRecipientsAndSlotsNotWithEvents()
    {
        var analytics = new CampaignAnalytics(timeProvider: _clock);
        for (int i = 0; i < 10_000; i++)
        {
            analytics.Record(Email($"o{i}", EmailEventType.Opened, $"r{i % 10}@example.com", T0.AddMinutes(i % 60)));
        }

        CampaignAnalyticsUsage usage = analytics.Usage;

        Assert.Equal((1, 10, 10L, 10L, 1L), (usage.Campaigns, usage.DistinctRecipients, usage.RecipientCampaigns, usage.RecipientSlots, usage.CampaignSlots));
        Assert.Equal(10_000, usage.RememberedKeys); // within the window: each open's key
    }

    [Fact]
    public void Clear_ForgetsEverything()
    {
        var analytics = new CampaignAnalytics(timeProvider: _clock);
        EmailEvent open = Email("o", EmailEventType.Opened, "ada@example.com", T0);
        analytics.Record(open);

        analytics.Clear();

        Assert.Equal(0, analytics.GetStats("spring").TotalOpens);
        Assert.Equal(CampaignEventOutcome.Counted, analytics.Record(open));
    }

    [Theory]
    [InlineData("00:00:30", "Resolution")]
    [InlineData("00:07:00", "Resolution")]
    [InlineData("2.00:00:00", "Resolution")]
    [InlineData(null, "DedupeWindow")]
    public void Options_Invalid_RefusedNamingTheSetting(string? resolution, string setting)
    {
        var options = new CampaignAnalyticsOptions();
        if (resolution is null)
        {
            options.DedupeWindow = TimeSpan.FromMinutes(5);
        }
        else
        {
            options.Resolution = TimeSpan.Parse(resolution, System.Globalization.CultureInfo.InvariantCulture);
        }

        var ex = Assert.Throws<ArgumentException>(() => new CampaignAnalytics(options));

        Assert.Contains($"CampaignAnalyticsOptions:{setting} must be", ex.Message, StringComparison.Ordinal);
        Assert.Equal([$"Martech:Campaigns:Analytics:{setting}"], options.Validate("Martech:Campaigns:Analytics").Select(p => p[..p.IndexOf(' ', StringComparison.Ordinal)]));
    }

    [Fact]
    public void Options_Defaults_AreValid()
    {
        var options = new CampaignAnalyticsOptions();

        Assert.Empty(options.Validate("Martech:Campaigns:Analytics"));
        Assert.Equal((TimeSpan.FromHours(1), TimeSpan.FromHours(72), true), (options.Resolution, options.DedupeWindow, options.CountWebhookEvents));
        Assert.NotEmpty(new CampaignAnalyticsOptions { Providers = [" "] }.Validate("p"));
        Assert.Equal("CampaignAnalyticsOptions", options.ToString());
    }

    internal static EmailEvent Email(string id, EmailEventType type, string recipient, DateTimeOffset at, string? message = null, EngagementSource? source = null, EmailBounceKind? bounce = null, string campaign = "spring") => new()
    {
        Id = id,
        Provider = "SendGrid",
        Type = type,
        Recipient = EmailAddress.Parse(recipient),
        OccurredAt = at,
        CampaignId = campaign,
        MessageId = message,
        Source = source,
        BounceKind = bounce,
    };

    private static MessageStatusEvent Sms(string id, string message, MessageDeliveryStatus status, string to) => new()
    {
        Id = id,
        Provider = "Twilio",
        MessageId = message,
        Status = status,
        To = to,
        OccurredAt = T0,
        CampaignId = "spring",
    };
}
