using System.Net;
using System.Text.Json;
using Martech.Sdk.HubSpot;
using Microsoft.Extensions.DependencyInjection;
using RichardSzalay.MockHttp;

namespace Martech.Sdk.Providers.Tests.HubSpot;

/// <summary>The exact requests the HubSpot campaign stats client sends (a campaign's marketing email assets, then the
/// email statistics list for those emails over the period), how it reads HubSpot's answers into
/// <see cref="CampaignStats"/> with honest <see cref="CampaignStats.Reported"/> flags, and its errors.</summary>
public sealed class HubSpotCampaignStatsWireTests
{
    private const string Campaign = "3fa85f64-5717-4562-b3fc-2c963f66afa6";
    private const string Assets = "marketing/v3/campaigns/" + Campaign + "/assets/MARKETING_EMAIL";
    private const string Statistics = "marketing/v3/emails/statistics/list";
    private const string January = "startTimestamp=2026-01-01T00:00:00.000Z&endTimestamp=2026-02-01T00:00:00.000Z";

    private static readonly CampaignStatsOptions JanuaryOptions = new()
    {
        From = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
        To = new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero),
    };

    // HubSpot's statistics answer: aggregate.counters (legacy names), with device breakdown, qualifier stats and ratios.
    private static string StatisticsBody(string counters, string emails = "[1001,1002]") => $$"""
        {
          "aggregate": {
            "counters": { {{counters}} },
            "deviceBreakdown": { "open_device_type": { "computer": 500, "mobile": 140 } },
            "qualifierStats": {},
            "ratios": { "openratio": 54.23, "clickratio": 7.2 }
          },
          "campaignAggregations": { "12345": { "counters": { "sent": 1200 } } },
          "emails": {{emails}}
        }
        """;

    private const string FullCounters = """
        "sent": 1200, "delivered": 1180, "open": 640, "click": 85, "bounce": 20, "hardbounced": 12, "softbounced": 8,
        "unsubscribed": 6, "spamreport": 2, "dropped": 4, "processed": 1204, "deferred": 3, "reply": 1
        """;

    private static IHubSpotCampaignReports Reports(HubSpotWire wire) =>
        Assert.IsAssignableFrom<IHubSpotCampaignReports>(wire.Stats.GetService(typeof(IHubSpotCampaignReports)));

    [Fact]
    public async Task GetStatsAsync_Campaign_ReadsItsEmailAssetsAcrossPagesThenTheirStatisticsOverThePeriod()
    {
        await using var wire = new HubSpotWire();
        wire.Expect(HttpMethod.Get, Assets)
            .RespondJson(HttpStatusCode.OK, """{"results":[{"id":"1001","name":"January newsletter"},{"id":1002,"name":"Reminder"}],"paging":{"next":{"after":"Mg%3D%3D","link":"…"}}}""");
        wire.Expect(HttpMethod.Get, Assets + "?after=Mg%3D%3D")
            .RespondJson(HttpStatusCode.OK, """{"results":[{"id":"1001","name":"January newsletter (listed again)"}]}""");
        wire.Expect(HttpMethod.Get, $"{Statistics}?{January}&emailIds=1001&emailIds=1002")
            .RespondJson(HttpStatusCode.OK, StatisticsBody(FullCounters));

        CampaignStats stats = await wire.Stats.GetStatsAsync(Campaign, JanuaryOptions);

        wire.Verify();
        Assert.Equal((Campaign, JanuaryOptions.From, JanuaryOptions.To, CampaignStatsSource.Vendor), (stats.CampaignId, stats.From, stats.To, stats.Source));
        Assert.Equal((1200, 1180, 4, 20, 12, 8, 0), (stats.Sent, stats.Delivered, stats.Dropped, stats.Bounces, stats.HardBounces, stats.SoftBounces, stats.BlockedBounces));
        Assert.Equal((640, 0, 85, 0), (stats.UniqueOpens, stats.TotalOpens, stats.UniqueClicks, stats.TotalClicks));
        Assert.Equal((6, 2, 0), (stats.Unsubscribes, stats.SpamReports, stats.UniqueRecipients));
        Assert.Equal(
            CampaignMetric.Sent | CampaignMetric.Delivered | CampaignMetric.Dropped | CampaignMetric.Bounces | CampaignMetric.BounceKinds
            | CampaignMetric.UniqueOpens | CampaignMetric.UniqueClicks | CampaignMetric.Unsubscribes | CampaignMetric.SpamReports,
            stats.Reported);
        Assert.Empty(stats.Breakdown);

        // No distinct-recipient count: CTR divides by sent. 85 ÷ 1200 × 100 = 7.0833 %.
        Assert.Equal(CampaignMetric.Sent, stats.ClickThroughRate.Denominator);
        Assert.Equal(7.0833, stats.ClickThroughRate.Percent!.Value, 4);

        // 640 ÷ 1200 × 100 = 53.3333 % (HubSpot's own openratio divides by delivered; the SDK's rates say what they divide).
        Assert.Equal(53.3333, stats.OpenRate.Percent!.Value, 4);

        // HubSpot's statistics count no machine opens or clicks apart, and no distinct recipients.
        Assert.False(stats.Reported.HasFlag(CampaignMetric.MachineEngagement));
        Assert.Null(stats.Rate("recipients", CampaignMetric.UniqueClicks, CampaignMetric.UniqueRecipients).Percent);
    }

    [Fact]
    public async Task GetStatsAsync_NoPeriod_LeavesTheTimestampsOut()
    {
        await using var wire = new HubSpotWire();
        wire.Expect(HttpMethod.Get, Assets).RespondJson(HttpStatusCode.OK, """{"results":[{"id":"1001"}]}""");
        wire.Expect(HttpMethod.Get, $"{Statistics}?emailIds=1001").RespondJson(HttpStatusCode.OK, StatisticsBody(FullCounters, "[1001]"));

        CampaignStats stats = await wire.Stats.GetStatsAsync(Campaign);

        wire.Verify();
        Assert.Equal((null, null, 1200), (stats.From, stats.To, stats.Sent));
    }

    [Fact]
    public async Task GetStatsAsync_CampaignWithoutEmails_SendsNoStatisticsRequestAndReportsZeros()
    {
        // A statistics request without emailIds would answer every email of the portal: it must not be sent.
        await using var wire = new HubSpotWire();
        wire.Expect(HttpMethod.Get, Assets).RespondJson(HttpStatusCode.OK, """{"results":[]}""");

        CampaignStats stats = await wire.Stats.GetStatsAsync(Campaign, JanuaryOptions);

        wire.Verify();
        Assert.Equal((0, 0, 0), (stats.Sent, stats.UniqueClicks, stats.Bounces));
        Assert.True(stats.Reported.HasFlag(CampaignMetric.Sent | CampaignMetric.UniqueClicks));
        Assert.Null(stats.ClickThroughRate.Percent);
    }

    [Fact]
    public async Task GetStatsAsync_MoreEmailsThanOneRequestCarries_SplitsThemAndAddsTheCounters()
    {
        await using var wire = new HubSpotWire(o => o.CampaignStats.MaxEmailIdsPerRequest = 2);
        wire.Expect(HttpMethod.Get, Assets).RespondJson(HttpStatusCode.OK, """{"results":[{"id":"1"},{"id":"2"},{"id":"3"}]}""");
        wire.Expect(HttpMethod.Get, $"{Statistics}?{January}&emailIds=1&emailIds=2")
            .RespondJson(HttpStatusCode.OK, StatisticsBody("\"sent\": 100, \"delivered\": 90, \"click\": 9", "[1,2]"));
        wire.Expect(HttpMethod.Get, $"{Statistics}?{January}&emailIds=3")
            .RespondJson(HttpStatusCode.OK, StatisticsBody("\"sent\": 50, \"delivered\": 45, \"click\": 6, \"open\": 20", "[3]"));

        CampaignStats stats = await wire.Stats.GetStatsAsync(Campaign, JanuaryOptions);

        wire.Verify();
        Assert.Equal((150, 135, 15, 20), (stats.Sent, stats.Delivered, stats.UniqueClicks, stats.UniqueOpens));

        // "open" came in one answer only: it is reported (what was sent is a count), the other answer's absence reads 0.
        Assert.Equal(CampaignMetric.Sent | CampaignMetric.Delivered | CampaignMetric.UniqueClicks | CampaignMetric.UniqueOpens, stats.Reported);
    }

    [Fact]
    public async Task GetStatsAsync_CountersMissingOrUnreadable_AreNotReported()
    {
        await using var wire = new HubSpotWire();
        wire.Expect(HttpMethod.Get, Assets).RespondJson(HttpStatusCode.OK, """{"results":[{"id":"1001"}]}""");
        wire.Expect(HttpMethod.Get, $"{Statistics}?{January}&emailIds=1001")
            .RespondJson(HttpStatusCode.OK, StatisticsBody("\"sent\": \"300\", \"delivered\": 290.0, \"open\": -1, \"click\": \"n/a\", \"bounce\": 10, \"hardbounced\": 10", "[1001]"));

        CampaignStats stats = await wire.Stats.GetStatsAsync(Campaign, JanuaryOptions);

        wire.Verify();
        Assert.Equal((300, 290, 10, 10), (stats.Sent, stats.Delivered, stats.Bounces, stats.HardBounces));
        Assert.Equal(CampaignMetric.Sent | CampaignMetric.Delivered | CampaignMetric.Bounces, stats.Reported);
        Assert.Null(stats.ClickThroughRate.Percent);
        Assert.Null(stats.OpenRate.Percent);
        Assert.Equal(3.3333, stats.BounceRate.Percent!.Value, 4);
    }

    [Fact]
    public async Task GetStatsAsync_NoAggregate_ReportsNothing()
    {
        await using var wire = new HubSpotWire();
        wire.Expect(HttpMethod.Get, Assets).RespondJson(HttpStatusCode.OK, """{"results":[{"id":"1001"}]}""");
        wire.Expect(HttpMethod.Get, $"{Statistics}?{January}&emailIds=1001").RespondJson(HttpStatusCode.OK, """{"emails":[1001]}""");

        CampaignStats stats = await wire.Stats.GetStatsAsync(Campaign, JanuaryOptions);

        Assert.Equal(CampaignMetric.None, stats.Reported);
        Assert.Null(stats.DeliveryRate.Percent);
    }

    [Fact]
    public async Task GetStatsAsync_ConfiguredCounterNamesAndTotals_ReadThoseNamesIntoTotalOpensAndClicks()
    {
        await using var wire = new HubSpotWire(o =>
        {
            o.CampaignStats.OpensAndClicksAreUnique = false;
            o.CampaignStats.Counters.Opens = "opens_total";
            o.CampaignStats.Counters.Dropped = string.Empty;
        });
        wire.Expect(HttpMethod.Get, Assets).RespondJson(HttpStatusCode.OK, """{"results":[{"id":"1001"}]}""");
        wire.Expect(HttpMethod.Get, $"{Statistics}?{January}&emailIds=1001")
            .RespondJson(HttpStatusCode.OK, StatisticsBody("\"sent\": 10, \"open\": 4, \"opens_total\": 9, \"click\": 3, \"dropped\": 1", "[1001]"));

        CampaignStats stats = await wire.Stats.GetStatsAsync(Campaign, JanuaryOptions);

        Assert.Equal((9, 0, 3, 0, 0), (stats.TotalOpens, stats.UniqueOpens, stats.TotalClicks, stats.UniqueClicks, stats.Dropped));
        Assert.Equal(CampaignMetric.Sent | CampaignMetric.TotalOpens | CampaignMetric.TotalClicks, stats.Reported);

        // Unique clicks are not reported, so the click-through rate is unknown rather than 0.
        Assert.Null(stats.ClickThroughRate.Percent);
    }

    [Fact]
    public async Task GetStatsAsync_MonthBreakdown_ReadsEachUtcMonthOfThePeriodThenTheTotals()
    {
        await using var wire = new HubSpotWire();
        var options = new CampaignStatsOptions
        {
            From = new DateTimeOffset(2026, 1, 15, 1, 0, 0, TimeSpan.FromHours(1)),
            To = new DateTimeOffset(2026, 3, 10, 0, 0, 0, TimeSpan.Zero),
            Breakdown = CampaignStatsBreakdown.Month,
        };
        wire.Expect(HttpMethod.Get, Assets).RespondJson(HttpStatusCode.OK, """{"results":[{"id":"1001"}]}""");
        (string Query, int Sent)[] periods =
        [
            ("startTimestamp=2026-01-15T00:00:00.000Z&endTimestamp=2026-02-01T00:00:00.000Z", 10),
            ("startTimestamp=2026-02-01T00:00:00.000Z&endTimestamp=2026-03-01T00:00:00.000Z", 20),
            ("startTimestamp=2026-03-01T00:00:00.000Z&endTimestamp=2026-03-10T00:00:00.000Z", 30),
            ("startTimestamp=2026-01-15T00:00:00.000Z&endTimestamp=2026-03-10T00:00:00.000Z", 60),
        ];
        foreach (var (query, sent) in periods)
        {
            wire.Expect(HttpMethod.Get, $"{Statistics}?{query}&emailIds=1001")
                .RespondJson(HttpStatusCode.OK, StatisticsBody($"\"sent\": {sent}, \"click\": {sent / 10}", "[1001]"));
        }

        CampaignStats stats = await wire.Stats.GetStatsAsync(Campaign, options);

        wire.Verify();
        Assert.Equal((60, 6), (stats.Sent, stats.UniqueClicks));
        Assert.Equal([10, 20, 30], stats.Breakdown.Select(b => b.Sent));
        Assert.Equal(
            [new DateTimeOffset(2026, 1, 15, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero)],
            stats.Breakdown.Select(b => b.From!.Value));
        Assert.Equal(options.To, stats.Breakdown[^1].To);
        Assert.All(stats.Breakdown, b => Assert.Equal((Campaign, CampaignStatsSource.Vendor, CampaignMetric.Sent | CampaignMetric.UniqueClicks), (b.CampaignId, b.Source, b.Reported)));
        Assert.All(stats.Breakdown, b => Assert.Equal(10.0, b.ClickThroughRate.Percent));
    }

    [Fact]
    public async Task GetStatsAsync_DayBreakdownWithoutTo_EndsNowByTheTimeProvider()
    {
        var time = new Martech.Sdk.Testing.ManualTimeProvider(new DateTimeOffset(2026, 5, 3, 12, 0, 0, TimeSpan.Zero));
        await using var wire = new HubSpotWire(timeProvider: time);
        wire.Expect(HttpMethod.Get, Assets).RespondJson(HttpStatusCode.OK, """{"results":[{"id":"7"}]}""");
        foreach (string query in new[]
        {
            "startTimestamp=2026-05-02T00:00:00.000Z&endTimestamp=2026-05-03T00:00:00.000Z",
            "startTimestamp=2026-05-03T00:00:00.000Z&endTimestamp=2026-05-03T12:00:00.000Z",
            "startTimestamp=2026-05-02T00:00:00.000Z&endTimestamp=2026-05-03T12:00:00.000Z",
        })
        {
            wire.Expect(HttpMethod.Get, $"{Statistics}?{query}&emailIds=7").RespondJson(HttpStatusCode.OK, StatisticsBody("\"sent\": 1", "[7]"));
        }

        CampaignStats stats = await wire.Stats.GetStatsAsync(Campaign, new CampaignStatsOptions { From = new DateTimeOffset(2026, 5, 2, 0, 0, 0, TimeSpan.Zero), Breakdown = CampaignStatsBreakdown.Day });

        wire.Verify();
        Assert.Equal(2, stats.Breakdown.Count);
        Assert.Equal(time.GetUtcNow(), stats.To);
    }

    [Fact]
    public async Task GetStatsAsync_BreakdownStartingAfterNow_ReadsZerosWithoutAskingForStatistics()
    {
        // From next month with no To: nothing has happened yet, so zeros, as every other stats source answers.
        var time = new Martech.Sdk.Testing.ManualTimeProvider(new DateTimeOffset(2026, 5, 3, 12, 0, 0, TimeSpan.Zero));
        await using var wire = new HubSpotWire(timeProvider: time);
        wire.Expect(HttpMethod.Get, Assets).RespondJson(HttpStatusCode.OK, """{"results":[{"id":"7"}]}""");

        CampaignStats stats = await wire.Stats.GetStatsAsync(Campaign, new CampaignStatsOptions { From = new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero), Breakdown = CampaignStatsBreakdown.Month });

        wire.Verify();
        Assert.Empty(stats.Breakdown);
        Assert.Equal(0, stats.Sent);
    }

    public static TheoryData<string?, string> BadCampaignIds => new()
    {
        { null, "campaignId" },
        { "", "campaignId" },
        { "   ", "campaignId" },
        { "12345", "is not a HubSpot campaign id" },
        { " " + Campaign, "is not a HubSpot campaign id" },
        { "../contacts", "is not a HubSpot campaign id" },
    };

    [Theory]
    [MemberData(nameof(BadCampaignIds))]
    public async Task GetStatsAsync_NotACampaignGuid_ThrowsArgumentExceptionBeforeAnyRequest(string? campaignId, string expected)
    {
        // Any request would hit the wire's fallback and fail differently.
        await using var wire = new HubSpotWire();

        var ex = await Assert.ThrowsAnyAsync<ArgumentException>(() => wire.Stats.GetStatsAsync(campaignId!, JanuaryOptions));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Equal("campaignId", ex.ParamName);
    }

    [Fact]
    public async Task GetStatsAsync_InvalidOptions_ThrowArgumentExceptionBeforeAnyRequest()
    {
        await using var wire = new HubSpotWire(o => o.CampaignStats.MaxBreakdownPeriods = 31);
        DateTimeOffset from = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        var reversed = await Assert.ThrowsAsync<ArgumentException>(() => wire.Stats.GetStatsAsync(Campaign, new CampaignStatsOptions { From = from, To = from.AddDays(-1) }));
        var undefined = await Assert.ThrowsAsync<ArgumentException>(() => wire.Stats.GetStatsAsync(Campaign, new CampaignStatsOptions { Breakdown = (CampaignStatsBreakdown)7 }));
        var open = await Assert.ThrowsAsync<ArgumentException>(() => wire.Stats.GetStatsAsync(Campaign, new CampaignStatsOptions { Breakdown = CampaignStatsBreakdown.Month }));
        var tooLong = await Assert.ThrowsAsync<ArgumentException>(() => wire.Stats.GetStatsAsync(Campaign, new CampaignStatsOptions { From = from, To = from.AddDays(32), Breakdown = CampaignStatsBreakdown.Day }));

        Assert.Contains("is after CampaignStatsOptions.To", reversed.Message, StringComparison.Ordinal);
        Assert.Contains("Breakdown (7) is not a defined value", undefined.Message, StringComparison.Ordinal);
        Assert.Contains("needs CampaignStatsOptions.From", open.Message, StringComparison.Ordinal);
        Assert.Contains("more than 31 days", tooLong.Message, StringComparison.Ordinal);
        Assert.Contains("Martech:HubSpot:CampaignStats:MaxBreakdownPeriods", tooLong.Message, StringComparison.Ordinal);

        // 31 days is exactly the limit.
        wire.Expect(HttpMethod.Get, Assets).RespondJson(HttpStatusCode.OK, """{"results":[]}""");
        CampaignStats month = await wire.Stats.GetStatsAsync(Campaign, new CampaignStatsOptions { From = from, To = from.AddDays(31), Breakdown = CampaignStatsBreakdown.Day });
        Assert.Equal(31, month.Breakdown.Count);
        wire.Verify();
    }

    [Fact]
    public async Task GetStatsAsync_UnknownCampaign_ThrowsNotFoundWithHubSpotsCategoryAndCorrelationId()
    {
        await using var wire = new HubSpotWire();
        wire.Expect(HttpMethod.Get, Assets).RespondJson(HttpStatusCode.NotFound,
            """{"status":"error","message":"Campaign with id 3fa85f64-5717-4562-b3fc-2c963f66afa6 not found","correlationId":"aa9e4d1c-0c6b-4bd7-a0bd-30fd3b1a1a11","category":"OBJECT_NOT_FOUND"}""");

        var ex = await Assert.ThrowsAsync<MartechNotFoundException>(() => wire.Stats.GetStatsAsync(Campaign, JanuaryOptions));

        wire.Verify();
        Assert.Equal(("OBJECT_NOT_FOUND", "aa9e4d1c-0c6b-4bd7-a0bd-30fd3b1a1a11", HttpStatusCode.NotFound), (ex.ErrorCode, ex.RequestId, ex.StatusCode));
        Assert.Contains("not found", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetStatsAsync_MissingScopes_ThrowsAuthenticationExceptionNamingTheScope()
    {
        await using var wire = new HubSpotWire();
        wire.Expect(HttpMethod.Get, Assets).RespondJson(HttpStatusCode.Forbidden, """
            {"status":"error","message":"This app hasn't been granted all required scopes to make this call.","correlationId":"5b0c8a1e-2f4d-4c55-9a55-0d1f6f6a7b21",
             "errors":[{"message":"One or more of the following scopes are required.","context":{"requiredGranularScopes":["marketing.campaigns.read"]}}],
             "category":"MISSING_SCOPES"}
            """);

        var ex = await Assert.ThrowsAsync<MartechAuthenticationException>(() => wire.Stats.GetStatsAsync(Campaign, JanuaryOptions));

        Assert.Equal("MISSING_SCOPES", ex.ErrorCode);
        Assert.Contains("required scopes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetStatsAsync_StatisticsValidationError_ThrowsRequestExceptionWithTheCategory()
    {
        await using var wire = new HubSpotWire();
        wire.Expect(HttpMethod.Get, Assets).RespondJson(HttpStatusCode.OK, """{"results":[{"id":"1001"}]}""");
        wire.Expect(HttpMethod.Get, $"{Statistics}?{January}&emailIds=1001").RespondJson(HttpStatusCode.BadRequest,
            """{"status":"error","message":"startTimestamp must be before endTimestamp","correlationId":"c0ffee00-0000-4000-8000-000000000001","category":"VALIDATION_ERROR"}""");

        var ex = await Assert.ThrowsAsync<MartechRequestException>(() => wire.Stats.GetStatsAsync(Campaign, JanuaryOptions));

        Assert.Equal(("VALIDATION_ERROR", HttpStatusCode.BadRequest), (ex.ErrorCode, ex.StatusCode));
        Assert.Contains("startTimestamp must be before endTimestamp", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"results":[{"name":"no id"}]}""", "without an id (id was absent)")]
    [InlineData("""{"results":[{"id":null}]}""", "without an id (id was null)")]
    [InlineData("""{"results":[{"id":"1"}],"paging":{"next":{"after":"x"}}}""", "same paging cursor 'x' twice")]
    public async Task GetStatsAsync_UnreadableAssets_ThrowsRatherThanUndercounting(string page, string expected)
    {
        await using var wire = new HubSpotWire();
        wire.Mock.When(HttpMethod.Get, HubSpotWire.Base + Assets).Respond(_ => HubSpotWire.Json(HttpStatusCode.OK, page));

        var ex = await Assert.ThrowsAsync<MartechRequestException>(() => wire.Stats.GetStatsAsync(Campaign, JanuaryOptions));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetStatsAsync_CounterTooLargeForCampaignStats_Throws()
    {
        await using var wire = new HubSpotWire();
        wire.Expect(HttpMethod.Get, Assets).RespondJson(HttpStatusCode.OK, """{"results":[{"id":"1001"}]}""");
        wire.Expect(HttpMethod.Get, $"{Statistics}?{January}&emailIds=1001").RespondJson(HttpStatusCode.OK, StatisticsBody("\"sent\": 3000000000", "[1001]"));

        var ex = await Assert.ThrowsAsync<MartechRequestException>(() => wire.Stats.GetStatsAsync(Campaign, JanuaryOptions));

        Assert.Contains("'sent' (3000000000) is larger than CampaignStats can hold", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAttributionAsync_SendsTheDatesAndReadsTheFourMetrics()
    {
        await using var wire = new HubSpotWire();
        wire.Expect(HttpMethod.Get, $"marketing/v3/campaigns/{Campaign}/reports/metrics?startDate=2026-01-01&endDate=2026-03-31")
            .RespondJson(HttpStatusCode.OK, """{"influencedContacts":42,"newContactsFirstTouch":10,"newContactsLastTouch":7,"sessions":1234,"futureMetric":5}""");
        IHubSpotCampaignReports reports = Reports(wire);

        HubSpotCampaignAttribution attribution = await reports.GetAttributionAsync(Campaign, new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 31));

        wire.Verify();
        Assert.Equal(
            new HubSpotCampaignAttribution(Campaign, new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 31), 42, 10, 7, 1234) { Raw = attribution.Raw },
            attribution);
        Assert.Equal(5, attribution.Raw.GetProperty("futureMetric").GetInt32());
    }

    [Fact]
    public async Task GetAttributionAsync_MetricMissing_IsNullAndBadInputThrowsBeforeAnyRequest()
    {
        await using var wire = new HubSpotWire();
        wire.Expect(HttpMethod.Get, $"marketing/v3/campaigns/{Campaign}/reports/metrics?startDate=2026-01-01&endDate=2026-01-01")
            .RespondJson(HttpStatusCode.OK, """{"influencedContacts":3}""");
        IHubSpotCampaignReports reports = Reports(wire);
        var day = new DateOnly(2026, 1, 1);

        HubSpotCampaignAttribution attribution = await reports.GetAttributionAsync(Campaign, day, day);

        Assert.Equal((3L, null, null, null), (attribution.InfluencedContacts, attribution.NewContactsFirstTouch, attribution.NewContactsLastTouch, attribution.Sessions));
        var reversed = await Assert.ThrowsAsync<ArgumentException>(() => reports.GetAttributionAsync(Campaign, day, day.AddDays(-1)));
        Assert.Equal("endDate", reversed.ParamName);
        await Assert.ThrowsAsync<ArgumentException>(() => reports.GetAttributionAsync("1234", day, day));
        wire.Verify();
    }

    [Fact]
    public async Task GetEmailStatsAsync_EmailIds_ReadsThoseEmailsOnceEach()
    {
        await using var wire = new HubSpotWire();
        wire.Expect(HttpMethod.Get, $"{Statistics}?{January}&emailIds=1002&emailIds=1001")
            .RespondJson(HttpStatusCode.OK, StatisticsBody(FullCounters));
        IHubSpotCampaignReports reports = Reports(wire);

        CampaignStats stats = await reports.GetEmailStatsAsync(["1002", "1001", "1002"], JanuaryOptions);

        wire.Verify();
        Assert.Equal(("1002,1001", 1200, CampaignStatsSource.Vendor), (stats.CampaignId, stats.Sent, stats.Source));
    }

    [Fact]
    public async Task GetEmailStatsAsync_NoIdsOrNotNumbers_ThrowBeforeAnyRequest()
    {
        await using var wire = new HubSpotWire();
        IHubSpotCampaignReports reports = Reports(wire);

        var empty = await Assert.ThrowsAsync<ArgumentException>(() => reports.GetEmailStatsAsync([]));
        var word = await Assert.ThrowsAsync<ArgumentException>(() => reports.GetEmailStatsAsync(["1001", "newsletter"]));
        await Assert.ThrowsAsync<ArgumentException>(() => reports.GetEmailStatsAsync(["-5"]));
        await Assert.ThrowsAsync<ArgumentNullException>(() => reports.GetEmailStatsAsync(null!));

        Assert.Contains("every email", empty.Message, StringComparison.Ordinal);
        Assert.Contains("'newsletter' is not a HubSpot marketing email id", word.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetStatsAsync_ServerErrorOnce_IsRetriedAsAGet()
    {
        await using var wire = new HubSpotWire();
        wire.Expect(HttpMethod.Get, Assets).RespondJson(HttpStatusCode.ServiceUnavailable, """{"status":"error","message":"internal error","category":"INTERNAL_ERROR"}""");
        wire.Expect(HttpMethod.Get, Assets).RespondJson(HttpStatusCode.OK, """{"results":[]}""");

        CampaignStats stats = await wire.Stats.GetStatsAsync(Campaign, JanuaryOptions);

        wire.Verify();
        Assert.Equal(0, stats.Sent);
    }

    [Fact]
    public async Task Registration_SuppliesCampaignStatsWithTheEscapeHatches()
    {
        await using var wire = new HubSpotWire();

        ICampaignStatsClient stats = wire.Stats;

        Assert.Same(stats, wire.Services.GetRequiredKeyedService<ICampaignStatsClient>("HubSpot"));
        Assert.Same(stats, stats.GetService(typeof(IHubSpotCampaignReports)));
        Assert.Equal(new MartechProviderMetadata("HubSpot", "HubSpot"), stats.GetService(typeof(MartechProviderMetadata)));
        Assert.Same(wire.Services.GetRequiredKeyedService<MartechHttpTransport>("HubSpot"), stats.GetService(typeof(MartechHttpTransport)));
        Assert.Null(stats.GetService(typeof(ICampaignClient)));
        Assert.Null(stats.GetService(typeof(IHubSpotCampaignReports), "key"));
    }
}
