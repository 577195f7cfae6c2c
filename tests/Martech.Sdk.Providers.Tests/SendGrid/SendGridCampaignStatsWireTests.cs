using System.Net;
using Martech.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk.Providers.Tests.SendGrid;

/// <summary>Category statistics (<c>GET /v3/categories/stats</c>): the exact query, the documented response shape mapped
/// to <see cref="CampaignStats"/>, the checks made before any request, and SendGrid's errors.</summary>
public sealed class SendGridCampaignStatsWireTests
{
    private const string StatsUrl = "https://api.sendgrid.com/v3/categories/stats";
    private static readonly DateTimeOffset Now = new(2026, 3, 20, 15, 30, 0, TimeSpan.Zero);

    // Two days of the documented shape; the second also carries another category, which is not counted.
    private const string TwoDays = """
        [
          { "date": "2026-03-01",
            "stats": [ { "type": "category", "name": "spring sale",
              "metrics": { "blocks": 1, "bounce_drops": 2, "bounces": 3, "clicks": 40, "deferred": 5, "delivered": 90,
                           "invalid_emails": 1, "opens": 120, "processed": 100, "requests": 104, "spam_report_drops": 1,
                           "spam_reports": 2, "unique_clicks": 12, "unique_opens": 60, "unsubscribe_drops": 0, "unsubscribes": 3 } } ] },
          { "date": "2026-03-02",
            "stats": [ { "type": "category", "name": "spring sale",
              "metrics": { "blocks": 0, "bounce_drops": 0, "bounces": 1, "clicks": 10, "deferred": 0, "delivered": 49,
                           "invalid_emails": 0, "opens": 30, "processed": 50, "requests": 50, "spam_report_drops": 0,
                           "spam_reports": 0, "unique_clicks": 8, "unique_opens": 20, "unsubscribe_drops": 1, "unsubscribes": 1 } },
                       { "type": "category", "name": "other", "metrics": { "processed": 999, "delivered": 999 } } ] }
        ]
        """;

    private static SendGridWire Wire(Action<SendGridOptions>? configure = null) => SendGridWire.Create(configure, time: new ManualTimeProvider(Now));

    private static ICampaignStatsClient Stats(SendGridWire wire) => wire.Services.GetRequiredService<ICampaignStatsClient>();

    private static CampaignStatsOptions Days(int fromDay, int toDay, CampaignStatsBreakdown breakdown = CampaignStatsBreakdown.Day) => new()
    {
        From = new DateTimeOffset(2026, 3, fromDay, 0, 0, 0, TimeSpan.Zero),
        To = new DateTimeOffset(2026, 3, toDay, 0, 0, 0, TimeSpan.Zero),
        Breakdown = breakdown,
    };

    [Fact]
    public async Task GetStatsAsync_ByDay_SendsTheDocumentedQueryAndMapsEveryMetric()
    {
        await using var wire = Wire(o => o.OnBehalfOf = "subuser-eu");
        wire.Expect(HttpMethod.Get, StatsUrl, HttpStatusCode.OK, TwoDays);

        CampaignStats stats = await Stats(wire).GetStatsAsync("spring sale", Days(1, 3));

        CapturedRequest request = Assert.Single(wire.Requests);
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal("?start_date=2026-03-01&end_date=2026-03-02&aggregated_by=day&categories=spring%20sale", request.Uri.Query);
        Assert.Equal("Bearer " + SendGridWire.ApiKey, request.Header("Authorization"));
        Assert.Equal("subuser-eu", request.Header("on-behalf-of"));

        Assert.Equal(CampaignStatsSource.Vendor, stats.Source);
        Assert.Equal(
            CampaignMetric.Sent | CampaignMetric.Delivered | CampaignMetric.Dropped | CampaignMetric.Bounces | CampaignMetric.TotalOpens
            | CampaignMetric.UniqueOpens | CampaignMetric.TotalClicks | CampaignMetric.UniqueClicks | CampaignMetric.Unsubscribes | CampaignMetric.SpamReports,
            stats.Reported);
        Assert.Equal((150, 139, 5, 5), (stats.Sent, stats.Delivered, stats.Bounces, stats.Dropped));
        Assert.Equal((150, 80, 50, 20), (stats.TotalOpens, stats.UniqueOpens, stats.TotalClicks, stats.UniqueClicks));
        Assert.Equal((4, 2), (stats.Unsubscribes, stats.SpamReports));
        Assert.Equal((0, 0, 0), (stats.UniqueRecipients, stats.BlockedBounces, stats.MachineOpens));

        // No recipient count: the click-through rate divides by sent, and says so.
        Assert.Equal(CampaignMetric.Sent, stats.ClickThroughRate.Denominator);
        Assert.Equal(20 * 100.0 / 150, stats.ClickThroughRate.Percent);

        Assert.Equal([100, 50], stats.Breakdown.Select(d => d.Sent));
        Assert.Equal([4, 1], stats.Breakdown.Select(d => d.Bounces));
        Assert.Equal([new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero)], stats.Breakdown.Select(d => d.From!.Value));
        wire.VerifyAll();
    }

    [Fact]
    public async Task GetStatsAsync_ByMonth_AsksDaysAndBucketsThemIntoMonths()
    {
        await using var wire = Wire();
        wire.Expect(HttpMethod.Get, StatsUrl, HttpStatusCode.OK, """
            [ { "date": "2026-01-31", "stats": [ { "type": "category", "name": "spring", "metrics": { "processed": 7 } } ] },
              { "date": "2026-02-01", "stats": [ { "type": "category", "name": "spring", "metrics": { "processed": 3 } } ] },
              { "date": "2026-02-27", "stats": [] } ]
            """);
        var options = new CampaignStatsOptions
        {
            From = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
            To = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero),
            Breakdown = CampaignStatsBreakdown.Month,
        };

        CampaignStats stats = await Stats(wire).GetStatsAsync("spring", options);

        Assert.Equal("?start_date=2026-01-01&end_date=2026-02-28&aggregated_by=day&categories=spring", Assert.Single(wire.Requests).Uri.Query);
        Assert.Equal(10, stats.Sent);
        Assert.Equal([7, 3], stats.Breakdown.Select(m => m.Sent));
        Assert.Equal([new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new(2026, 2, 1, 0, 0, 0, TimeSpan.Zero)], stats.Breakdown.Select(m => m.From!.Value));
    }

    [Fact]
    public async Task GetStatsAsync_NoPeriod_AsksTheLast13MonthsUpToToday()
    {
        await using var wire = Wire();
        wire.Expect(HttpMethod.Get, StatsUrl, HttpStatusCode.OK, "[]");

        CampaignStats stats = await Stats(wire).GetStatsAsync("spring");

        Assert.Equal("?start_date=2025-02-20&end_date=2026-03-20&aggregated_by=day&categories=spring", Assert.Single(wire.Requests).Uri.Query);
        Assert.Equal(new DateTimeOffset(2025, 2, 20, 0, 0, 0, TimeSpan.Zero), stats.From);
        Assert.Null(stats.To);
        Assert.Equal(0, stats.Sent);
    }

    [Fact]
    public async Task GetStatsAsync_EndInTheFuture_AsksUpToToday()
    {
        await using var wire = Wire();
        wire.Expect(HttpMethod.Get, StatsUrl, HttpStatusCode.OK, "[]");

        await Stats(wire).GetStatsAsync("spring", Days(1, 31));

        Assert.Equal("?start_date=2026-03-01&end_date=2026-03-20&aggregated_by=day&categories=spring", Assert.Single(wire.Requests).Uri.Query);
    }

    [Fact]
    public async Task GetStatsAsync_Over13MonthsAgo_ThrowsBeforeAnyRequest()
    {
        await using var wire = Wire();
        var options = new CampaignStatsOptions { From = new DateTimeOffset(2025, 2, 19, 0, 0, 0, TimeSpan.Zero) };

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => Stats(wire).GetStatsAsync("spring", options));

        Assert.Equal("options", ex.ParamName);
        Assert.Contains("SendGrid keeps category statistics for the previous 13 months", ex.Message, StringComparison.Ordinal);
        Assert.Contains("2025-02-20", ex.Message, StringComparison.Ordinal);
        Assert.Empty(wire.Requests);
    }

    [Fact]
    public async Task GetStatsAsync_InvalidInput_ThrowsBeforeAnyRequest()
    {
        await using var wire = Wire();
        ICampaignStatsClient stats = Stats(wire);

        await Assert.ThrowsAnyAsync<ArgumentException>(() => stats.GetStatsAsync(" "));
        await Assert.ThrowsAsync<ArgumentException>(() => stats.GetStatsAsync(new string('c', 256)));
        await Assert.ThrowsAsync<ArgumentException>(() => stats.GetStatsAsync("spring", new CampaignStatsOptions { From = Now }));
        await Assert.ThrowsAsync<ArgumentException>(() => stats.GetStatsAsync("spring", Days(5, 1)));
        await Assert.ThrowsAsync<ArgumentException>(() => stats.GetStatsAsync("spring", new CampaignStatsOptions { Breakdown = (CampaignStatsBreakdown)9 }));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stats.GetStatsAsync("spring", null, new CancellationToken(canceled: true)));
        Assert.Empty(wire.Requests);
    }

    [Fact]
    public async Task GetStatsAsync_PeriodAfterToday_ZerosWithoutARequest()
    {
        await using var wire = Wire();

        CampaignStats stats = await Stats(wire).GetStatsAsync("spring", Days(21, 25, CampaignStatsBreakdown.None));

        Assert.Equal(0, stats.Sent);
        Assert.Empty(wire.Requests);
    }

    [Fact]
    public async Task GetStatsAsync_CategoryNotFound_ReadsAsZeros()
    {
        await using var wire = Wire();
        wire.Expect(HttpMethod.Get, StatsUrl, HttpStatusCode.NotFound, """{"errors":[{"field":null,"message":"category does not exist"}]}""");

        CampaignStats stats = await Stats(wire).GetStatsAsync("never-used", Days(1, 3));

        Assert.Equal((0, 0), (stats.Sent, stats.UniqueClicks));
        Assert.Equal([0, 0], stats.Breakdown.Select(d => d.Sent));
    }

    [Fact]
    public async Task GetStatsAsync_BadRequest_ThrowsRequestExceptionNamingTheField()
    {
        await using var wire = Wire();
        wire.Expect(HttpMethod.Get, StatsUrl, HttpStatusCode.BadRequest, """{"errors":[{"field":"start_date","message":"invalid date format. Should be YYYY-MM-DD"}]}""");

        var ex = await Assert.ThrowsAsync<MartechRequestException>(() => Stats(wire).GetStatsAsync("spring", Days(1, 3)));

        Assert.Equal(HttpStatusCode.BadRequest, ex.StatusCode);
        Assert.Equal("start_date", Assert.Single(ex.FieldErrors).Field);
    }

    [Fact]
    public async Task GetStatsAsync_Unauthorized_ThrowsAuthenticationException()
    {
        await using var wire = Wire();
        wire.Expect(HttpMethod.Get, StatsUrl, HttpStatusCode.Unauthorized, """{"errors":[{"field":null,"message":"authorization required"}]}""");

        await Assert.ThrowsAsync<MartechAuthenticationException>(() => Stats(wire).GetStatsAsync("spring", Days(1, 3)));
    }

    [Theory]
    [InlineData("""{"errors":[]}""")]
    [InlineData("""[{"stats":[]}]""")]
    [InlineData("""[{"date":"2026-03-01","stats":[{"name":"spring","metrics":{"opens":"lots"}}]}]""")]
    public async Task GetStatsAsync_UnreadableAnswer_ThrowsTransportExceptionNotProcessed(string body)
    {
        await using var wire = Wire();
        wire.Expect(HttpMethod.Get, StatsUrl, HttpStatusCode.OK, body);

        var ex = await Assert.ThrowsAsync<MartechTransportException>(() => Stats(wire).GetStatsAsync("spring", Days(1, 3)));

        Assert.False(ex.MayHaveBeenProcessed);
    }

    [Fact]
    public async Task Registration_StatsClientIsKeyedAndDefaultAndNamesTheInstance()
    {
        await using var wire = Wire();

        ICampaignStatsClient keyed = wire.Services.GetRequiredKeyedService<ICampaignStatsClient>("SendGrid");

        Assert.Same(keyed, Stats(wire));
        Assert.Equal(new MartechProviderMetadata("SendGrid", "SendGrid"), keyed.GetService(typeof(MartechProviderMetadata)));
        Assert.Same(keyed, keyed.GetService(typeof(ICampaignStatsClient)));
        Assert.Null(keyed.GetService(typeof(ICampaignStatsClient), "other"));
    }
}
