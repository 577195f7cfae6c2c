using System.Net;
using Martech.Sdk.Postmark;
using Martech.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk.Providers.Tests.Postmark;

/// <summary>Outbound statistics by tag: the five endpoints asked with the exact query, their documented responses mapped to
/// <see cref="CampaignStats"/> (Postmark's own totals, days in EST), the checks made before any request, and errors.</summary>
public sealed class PostmarkCampaignStatsWireTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 20, 15, 30, 0, TimeSpan.Zero);
    private static readonly TimeSpan Est = TimeSpan.FromHours(-5);

    private static PostmarkWire Wire(Action<PostmarkOptions>? configure = null) => PostmarkWire.Create(configure, time: new ManualTimeProvider(Now));

    private static ICampaignStatsClient Stats(PostmarkWire wire) => wire.Services.GetRequiredKeyedService<ICampaignStatsClient>(wire.Name);

    private static CampaignStatsOptions March(int from, int to, CampaignStatsBreakdown breakdown = CampaignStatsBreakdown.Day) => new()
    {
        From = new DateTimeOffset(2026, 3, from, 0, 0, 0, TimeSpan.Zero),
        To = new DateTimeOffset(2026, 3, to, 0, 0, 0, TimeSpan.Zero),
        Breakdown = breakdown,
    };

    private static void Answer(PostmarkWire wire, string? clicks = null)
    {
        wire.On(HttpMethod.Get, "stats/outbound/sends", HttpStatusCode.OK, """{"Days":[{"Date":"2026-03-01","Sent":140},{"Date":"2026-03-02","Sent":10}],"Sent":150}""");
        wire.On(HttpMethod.Get, "stats/outbound/bounces", HttpStatusCode.OK, """{"Days":[{"Date":"2026-03-01","HardBounce":2,"SoftBounce":3,"Transient":7,"SMTPApiError":1}],"HardBounce":2,"SMTPApiError":1,"SoftBounce":3,"Transient":7}""");
        wire.On(HttpMethod.Get, "stats/outbound/spam", HttpStatusCode.OK, """{"Days":[{"Date":"2026-03-02","SpamComplaint":1}],"SpamComplaint":1}""");
        wire.On(HttpMethod.Get, "stats/outbound/opens", HttpStatusCode.OK, """{"Days":[{"Date":"2026-03-01","Opens":10,"Unique":7},{"Date":"2026-03-02","Opens":5,"Unique":4}],"Opens":15,"Unique":9}""");
        wire.On(HttpMethod.Get, "stats/outbound/clicks", HttpStatusCode.OK, clicks ?? """{"Days":[{"Date":"2026-03-01","Clicks":4,"Unique":3}],"Clicks":4,"Unique":3}""");
    }

    [Fact]
    public async Task GetStatsAsync_AsksTheFiveEndpointsAndMapsTotalsAndDays()
    {
        await using var wire = Wire();
        Answer(wire);

        CampaignStats stats = await Stats(wire).GetStatsAsync("spring sale", March(1, 3));

        Assert.Equal(
            ["/stats/outbound/bounces", "/stats/outbound/clicks", "/stats/outbound/opens", "/stats/outbound/sends", "/stats/outbound/spam"],
            wire.Requests.Select(r => r.Uri.AbsolutePath).Order(StringComparer.Ordinal));
        Assert.All(wire.Requests, r =>
        {
            Assert.Equal(HttpMethod.Get, r.Method);
            Assert.Equal("?tag=spring%20sale&fromdate=2026-03-01&todate=2026-03-02", r.Uri.Query);
            r.AssertPostmarkHeaders();
        });

        Assert.Equal(CampaignStatsSource.Vendor, stats.Source);
        Assert.Equal(
            CampaignMetric.Sent | CampaignMetric.Bounces | CampaignMetric.BounceKinds | CampaignMetric.TotalOpens | CampaignMetric.UniqueOpens
            | CampaignMetric.TotalClicks | CampaignMetric.UniqueClicks | CampaignMetric.SpamReports,
            stats.Reported);
        Assert.Equal((150, 5, 2, 3, 0), (stats.Sent, stats.Bounces, stats.HardBounces, stats.SoftBounces, stats.BlockedBounces));
        Assert.Equal((15, 9, 4, 3, 1), (stats.TotalOpens, stats.UniqueOpens, stats.TotalClicks, stats.UniqueClicks, stats.SpamReports));
        Assert.Equal((0, 0, 0), (stats.Delivered, stats.Unsubscribes, stats.UniqueRecipients));
        Assert.Null(stats.DeliveryRate.Percent);
        Assert.Equal(CampaignMetric.Sent, stats.ClickThroughRate.Denominator);
        Assert.Equal(2.0, stats.ClickThroughRate.Percent);

        // Days in EST; their unique opens are per day (7 + 4), the total counts a recipient once (9).
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 0, 0, 0, Est), stats.From);
        Assert.Equal([new DateTimeOffset(2026, 3, 1, 0, 0, 0, Est), new(2026, 3, 2, 0, 0, 0, Est)], stats.Breakdown.Select(d => d.From!.Value));
        Assert.Equal([140, 10], stats.Breakdown.Select(d => d.Sent));
        Assert.Equal([7, 4], stats.Breakdown.Select(d => d.UniqueOpens));
        Assert.Equal([5, 0], stats.Breakdown.Select(d => d.Bounces));
        Assert.Equal([0, 1], stats.Breakdown.Select(d => d.SpamReports));
    }

    [Fact]
    public async Task GetStatsAsync_NoPeriod_AllTimeWithTheConfiguredStream()
    {
        await using var wire = Wire(o => o.StatsMessageStream = "broadcast");
        Answer(wire);

        CampaignStats stats = await Stats(wire).GetStatsAsync("spring");

        Assert.All(wire.Requests, r => Assert.Equal("?tag=spring&messagestream=broadcast", r.Uri.Query));
        Assert.Null(stats.From);
        Assert.Null(stats.To);
        Assert.Equal(150, stats.Sent);
    }

    [Fact]
    public async Task GetStatsAsync_OnlyAnEnd_AsksUpToItsLastDayInclusive()
    {
        await using var wire = Wire();
        Answer(wire);

        await Stats(wire).GetStatsAsync("spring", new CampaignStatsOptions { To = new DateTimeOffset(2026, 3, 10, 0, 0, 0, TimeSpan.Zero) });

        Assert.All(wire.Requests, r => Assert.Equal("?tag=spring&todate=2026-03-09", r.Uri.Query));
    }

    [Fact]
    public async Task GetStatsAsync_UtcOffsetOption_BoundsDaysAtItsMidnights()
    {
        await using var wire = Wire(o => o.StatsUtcOffset = TimeSpan.Zero);
        Answer(wire);

        CampaignStats stats = await Stats(wire).GetStatsAsync("spring", March(1, 3));

        Assert.Equal(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), stats.Breakdown[0].From);
    }

    [Fact]
    public async Task GetStatsAsync_ClicksWithoutUnique_UniqueClicksNotReported()
    {
        await using var wire = Wire();
        Answer(wire, clicks: """{"Days":[{"Date":"2026-03-01","Clicks":4}],"Clicks":4}""");

        CampaignStats stats = await Stats(wire).GetStatsAsync("spring", March(1, 3));

        Assert.Equal(CampaignMetric.None, stats.Reported & CampaignMetric.UniqueClicks);
        Assert.Equal((4, 0), (stats.TotalClicks, stats.UniqueClicks));
        Assert.Null(stats.ClickThroughRate.Percent);
        Assert.All(stats.Breakdown, d => Assert.Equal(0, d.UniqueClicks));
    }

    [Fact]
    public async Task GetStatsAsync_NothingSent_ZerosAndOneZeroEntryPerDay()
    {
        await using var wire = Wire();
        foreach (var (page, totals) in (ValueTuple<string, string>[])[("sends", "\"Sent\":0"), ("bounces", "\"HardBounce\":0"), ("spam", "\"SpamComplaint\":0"), ("opens", "\"Opens\":0,\"Unique\":0"), ("clicks", "\"Clicks\":0,\"Unique\":0")])
        {
            wire.On(HttpMethod.Get, "stats/outbound/" + page, HttpStatusCode.OK, $$"""{"Days":[],{{totals}}}""");
        }

        CampaignStats stats = await Stats(wire).GetStatsAsync("spring", March(1, 4));

        Assert.Equal((0, 0, 0), (stats.Sent, stats.UniqueOpens, stats.UniqueClicks));
        Assert.Equal([0, 0, 0], stats.Breakdown.Select(d => d.Sent));
    }

    [Fact]
    public async Task GetStatsAsync_UnprocessableEntity_ThrowsRequestExceptionWithTheCode()
    {
        await using var wire = Wire();
        wire.On(HttpMethod.Get, "stats/outbound/sends", HttpStatusCode.UnprocessableEntity, """{"ErrorCode":1226,"Message":"The message stream for the provided 'ID' was not found."}""");
        Answer(wire); // the first answer scripted for a path wins: sends fails

        var ex = await Assert.ThrowsAsync<MartechRequestException>(() => Stats(wire).GetStatsAsync("spring", March(1, 3)));

        Assert.Equal("1226", ex.ErrorCode);
    }

    [Fact]
    public async Task GetStatsAsync_BadToken_ThrowsAuthenticationException()
    {
        await using var wire = Wire();
        foreach (string page in (string[])["sends", "bounces", "spam", "opens", "clicks"])
        {
            wire.On(HttpMethod.Get, "stats/outbound/" + page, HttpStatusCode.Unauthorized, """{"ErrorCode":10,"Message":"Request does not contain a valid Server token."}""");
        }

        await Assert.ThrowsAsync<MartechAuthenticationException>(() => Stats(wire).GetStatsAsync("spring", March(1, 3)));
    }

    [Fact]
    public async Task GetStatsAsync_InvalidInput_ThrowsBeforeAnyRequest()
    {
        await using var wire = Wire();
        ICampaignStatsClient stats = Stats(wire);

        await Assert.ThrowsAsync<ArgumentException>(() => stats.GetStatsAsync("two\nlines"));
        await Assert.ThrowsAsync<ArgumentException>(() => stats.GetStatsAsync("spring", new CampaignStatsOptions { From = Now }));
        await Assert.ThrowsAsync<ArgumentException>(() => stats.GetStatsAsync("spring", March(3, 1)));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => stats.GetStatsAsync(null!));
        CampaignStats future = await stats.GetStatsAsync("spring", March(25, 28));
        Assert.Equal(0, future.Sent);
        Assert.Empty(wire.Requests);
    }

    [Fact]
    public async Task GetStatsAsync_UnreadableDay_ThrowsTransportExceptionNotProcessed()
    {
        await using var wire = Wire();
        Answer(wire, clicks: """{"Days":[{"Date":"March 1st","Clicks":4}],"Clicks":4,"Unique":1}""");

        var ex = await Assert.ThrowsAsync<MartechTransportException>(() => Stats(wire).GetStatsAsync("spring", March(1, 3)));

        Assert.False(ex.MayHaveBeenProcessed);
    }

    [Fact]
    public async Task GetService_OptionsAndMetadata()
    {
        await using var wire = Wire();
        ICampaignStatsClient stats = Stats(wire);

        Assert.IsType<PostmarkOptions>(stats.GetService(typeof(PostmarkOptions)));
        Assert.Equal(new MartechProviderMetadata("Postmark", "Postmark"), stats.GetService(typeof(MartechProviderMetadata)));
    }
}
