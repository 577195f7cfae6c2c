using System.Net;
using Microsoft.Extensions.DependencyInjection;
using RichardSzalay.MockHttp;

namespace Martech.Sdk.Providers.Tests.Mailgun;

/// <summary>Tag statistics: the exact request on either documented path, the documented response mapped to
/// <see cref="CampaignStats"/>, day or month resolution, the checks made before any request, and Mailgun's errors.</summary>
public sealed class MailgunCampaignStatsWireTests
{
    private const string Events = "event=accepted&event=delivered&event=failed&event=opened&event=clicked&event=unsubscribed&event=complained";
    private static readonly DateTimeOffset Now = new(2026, 3, 20, 15, 30, 0, TimeSpan.Zero);

    // The documented example, dated in March 2026, and a second day with only some objects.
    private const string TwoDays = """
        { "tag": "spring", "description": "Optional Description", "resolution": "day",
          "start": "Sun, 01 Mar 2026 00:00:00 UTC", "end": "Tue, 03 Mar 2026 00:00:00 UTC",
          "stats": [
            { "time": "Sun, 01 Mar 2026 00:00:00 UTC",
              "accepted":  { "incoming": 5, "outgoing": 10, "total": 15 },
              "delivered": { "smtp": 15, "http": 5, "optimized": 0, "total": 20 },
              "failed": { "permanent": { "bounce": 4, "delayed-bounce": 1, "suppress-bounce": 1, "suppress-unsubscribe": 2,
                                         "suppress-complaint": 3, "webhook": 0, "optimized": 0, "total": 10 },
                          "temporary": { "espblock": 1, "total": 1 } },
              "opened": { "total": 20, "unique": 1 }, "clicked": { "total": 1, "unique": 1 },
              "unsubscribed": { "total": 0 }, "complained": { "total": 1 }, "stored": { "total": 0 } },
            { "time": "Mon, 02 Mar 2026 00:00:00 UTC",
              "accepted": { "outgoing": 2, "total": 2 }, "opened": { "total": 3, "unique": 2 }, "unsubscribed": { "total": 1 } }
          ] }
        """;

    private static (ServiceProvider Services, List<CapturedRequest> Requests, MockHttpMessageHandler Mock) Wire(Action<MailgunOptions>? configure = null)
    {
        var mock = new MockHttpMessageHandler();
        mock.Fallback.Throw(new InvalidOperationException("The provider sent a request no test expected."));
        return (MailgunWire.Services(mock, configure, now: Now), [], mock);
    }

    private static ICampaignStatsClient Stats(ServiceProvider services) => services.GetRequiredKeyedService<ICampaignStatsClient>("Mailgun");

    private static long Unix(int year, int month, int day) => new DateTimeOffset(year, month, day, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();

    private static CampaignStatsOptions Period(DateOnly from, DateOnly to, CampaignStatsBreakdown breakdown) => new()
    {
        From = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
        To = new DateTimeOffset(to.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
        Breakdown = breakdown,
    };

    [Fact]
    public async Task GetStatsAsync_ByDay_SendsTheDocumentedRequestAndMapsEveryObject()
    {
        var (services, requests, mock) = Wire();
        await using var _ = services;
        mock.When(HttpMethod.Get, MailgunWire.Us + "v3/mg.example.com/tags/spring/stats").Capture(requests, HttpStatusCode.OK, TwoDays);

        CampaignStats stats = await Stats(services).GetStatsAsync("spring", Period(new(2026, 3, 1), new(2026, 3, 3), CampaignStatsBreakdown.Day));

        CapturedRequest request = Assert.Single(requests);
        Assert.Equal($"?{Events}&start={Unix(2026, 3, 1)}&end={Unix(2026, 3, 3)}&resolution=day", request.Uri.Query);
        Assert.Equal(MailgunWire.BasicAuthorization, request.Authorization);

        Assert.Equal(CampaignStatsSource.Vendor, stats.Source);
        Assert.Equal(
            CampaignMetric.Sent | CampaignMetric.Delivered | CampaignMetric.Dropped | CampaignMetric.Bounces | CampaignMetric.TotalOpens
            | CampaignMetric.UniqueOpens | CampaignMetric.TotalClicks | CampaignMetric.UniqueClicks | CampaignMetric.Unsubscribes | CampaignMetric.SpamReports,
            stats.Reported);
        Assert.Equal((12, 20, 5, 6), (stats.Sent, stats.Delivered, stats.Bounces, stats.Dropped));
        Assert.Equal((23, 3, 1, 1), (stats.TotalOpens, stats.UniqueOpens, stats.TotalClicks, stats.UniqueClicks));
        Assert.Equal((1, 1), (stats.Unsubscribes, stats.SpamReports));
        Assert.Equal(0, stats.HardBounces);
        Assert.Equal([10, 2], stats.Breakdown.Select(d => d.Sent));
        Assert.Equal([1, 2], stats.Breakdown.Select(d => d.UniqueOpens));
    }

    [Fact]
    public async Task GetStatsAsync_TagInQuery_UsesTheNewerPathWithTheTagEscaped()
    {
        var (services, requests, mock) = Wire(o => o.TagStatsEndpoint = MailgunTagStatsEndpoint.TagInQuery);
        await using var _ = services;
        mock.When(HttpMethod.Get, MailgunWire.Us + "v3/mg.example.com/tag/stats").Capture(requests, HttpStatusCode.OK, """{"stats":[]}""");

        await Stats(services).GetStatsAsync("spring sale", Period(new(2026, 3, 1), new(2026, 3, 3), CampaignStatsBreakdown.None));

        Assert.Equal($"?tag=spring%20sale&{Events}&start={Unix(2026, 3, 1)}&end={Unix(2026, 3, 3)}&resolution=day", Assert.Single(requests).Uri.Query);
    }

    [Fact]
    public async Task GetStatsAsync_WholeMonthsByMonth_AsksMonthlyResolutionEvenBeyondAYear()
    {
        var (services, requests, mock) = Wire();
        await using var _ = services;
        mock.When(HttpMethod.Get, MailgunWire.Us + "v3/mg.example.com/tags/spring/stats").Capture(requests, HttpStatusCode.OK, """
            { "resolution": "month", "stats": [
              { "time": "Thu, 01 Jan 2026 00:00:00 UTC", "accepted": { "outgoing": 7 } },
              { "time": "Sun, 01 Feb 2026 00:00:00 UTC", "accepted": { "outgoing": 3 } } ] }
            """);

        CampaignStats stats = await Stats(services).GetStatsAsync("spring", Period(new(2024, 1, 1), new(2026, 3, 1), CampaignStatsBreakdown.Month));

        Assert.Equal($"?{Events}&start={Unix(2024, 1, 1)}&end={Unix(2026, 3, 1)}&resolution=month", Assert.Single(requests).Uri.Query);
        Assert.Equal(26, stats.Breakdown.Count);
        Assert.Equal([7, 3], stats.Breakdown.TakeLast(2).Select(m => m.Sent));
        Assert.Equal(10, stats.Sent);
    }

    [Fact]
    public async Task GetStatsAsync_PartMonthsByMonth_AsksDaysAndBucketsThem()
    {
        var (services, requests, mock) = Wire();
        await using var _ = services;
        mock.When(HttpMethod.Get, MailgunWire.Us + "v3/mg.example.com/tags/spring/stats").Capture(requests, HttpStatusCode.OK, """{"stats":[]}""");

        CampaignStats stats = await Stats(services).GetStatsAsync("spring", Period(new(2026, 1, 15), new(2026, 3, 1), CampaignStatsBreakdown.Month));

        Assert.EndsWith("&resolution=day", Assert.Single(requests).Uri.Query, StringComparison.Ordinal);
        Assert.Equal(2, stats.Breakdown.Count);
    }

    [Fact]
    public async Task GetStatsAsync_DaysOverAYearAgo_ThrowsBeforeAnyRequest()
    {
        var (services, requests, _) = Wire();
        await using var __ = services;

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => Stats(services).GetStatsAsync("spring", Period(new(2025, 3, 19), new(2025, 4, 1), CampaignStatsBreakdown.Day)));

        Assert.Contains("Mailgun keeps daily tag statistics for a year", ex.Message, StringComparison.Ordinal);
        Assert.Empty(requests);
    }

    [Fact]
    public async Task GetStatsAsync_NoPeriod_AsksTheLastYearUpToToday()
    {
        var (services, requests, mock) = Wire();
        await using var _ = services;
        mock.When(HttpMethod.Get, MailgunWire.Us + "v3/mg.example.com/tags/spring/stats").Capture(requests, HttpStatusCode.OK, """{"stats":[]}""");

        CampaignStats stats = await Stats(services).GetStatsAsync("spring");

        Assert.Equal($"?{Events}&start={Unix(2025, 3, 20)}&end={Unix(2026, 3, 21)}&resolution=day", Assert.Single(requests).Uri.Query);
        Assert.Equal(new DateTimeOffset(2025, 3, 20, 0, 0, 0, TimeSpan.Zero), stats.From);
    }

    [Fact]
    public async Task GetStatsAsync_NoUniqueInTheAnswer_UniqueCountsNotReported()
    {
        var (services, requests, mock) = Wire();
        await using var _ = services;
        mock.When(HttpMethod.Get, MailgunWire.Us + "v3/mg.example.com/tags/spring/stats").Capture(requests, HttpStatusCode.OK, """
            { "stats": [ { "time": "Sun, 01 Mar 2026 00:00:00 UTC", "accepted": { "outgoing": 4 }, "opened": { "total": 3 }, "clicked": { "total": 2 } } ] }
            """);

        CampaignStats stats = await Stats(services).GetStatsAsync("spring", Period(new(2026, 3, 1), new(2026, 3, 2), CampaignStatsBreakdown.None));

        Assert.Equal(CampaignMetric.None, stats.Reported & (CampaignMetric.UniqueOpens | CampaignMetric.UniqueClicks));
        Assert.Equal((3, 0, 2, 0), (stats.TotalOpens, stats.UniqueOpens, stats.TotalClicks, stats.UniqueClicks));
        Assert.Null(stats.ClickThroughRate.Percent);
    }

    [Fact]
    public async Task GetStatsAsync_TagNotFound_ReadsAsZerosButAnUnknownDomainThrows()
    {
        var (services, requests, mock) = Wire();
        await using var _ = services;
        mock.When(HttpMethod.Get, MailgunWire.Us + "v3/mg.example.com/tags/never-used/stats").Capture(requests, HttpStatusCode.NotFound, """{"message":"tag not found"}""");
        mock.When(HttpMethod.Get, MailgunWire.Us + "v3/mg.example.com/tags/spring/stats").Capture(requests, HttpStatusCode.NotFound, """{"message":"Domain not found: mg.example.com"}""");
        var options = Period(new(2026, 3, 1), new(2026, 3, 3), CampaignStatsBreakdown.Day);

        CampaignStats stats = await Stats(services).GetStatsAsync("never-used", options);
        await Assert.ThrowsAsync<MartechNotFoundException>(() => Stats(services).GetStatsAsync("spring", options));

        Assert.Equal([0, 0], stats.Breakdown.Select(d => d.Sent));
    }

    [Fact]
    public async Task GetStatsAsync_InvalidTagOrPeriod_ThrowsBeforeAnyRequest()
    {
        var (services, requests, _) = Wire();
        await using var __ = services;
        ICampaignStatsClient stats = Stats(services);

        await Assert.ThrowsAsync<ArgumentException>(() => stats.GetStatsAsync("früh"));
        await Assert.ThrowsAsync<ArgumentException>(() => stats.GetStatsAsync(new string('t', 129)));
        await Assert.ThrowsAsync<ArgumentException>(() => stats.GetStatsAsync("spring", new CampaignStatsOptions { To = Now }));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => stats.GetStatsAsync(""));
        Assert.Empty(requests);
    }

    [Theory]
    [InlineData("""{"items":[]}""")]
    [InlineData("""{"stats":[{"time":"yesterday"}]}""")]
    [InlineData("""{"stats":[{"time":"Sun, 01 Mar 2026 00:00:00 UTC","accepted":{"outgoing":-3}}]}""")]
    public async Task GetStatsAsync_UnreadableAnswer_ThrowsTransportExceptionNotProcessed(string body)
    {
        var (services, requests, mock) = Wire();
        await using var _ = services;
        mock.When(HttpMethod.Get, MailgunWire.Us + "v3/mg.example.com/tags/spring/stats").Capture(requests, HttpStatusCode.OK, body);

        var ex = await Assert.ThrowsAsync<MartechTransportException>(() => Stats(services).GetStatsAsync("spring", Period(new(2026, 3, 1), new(2026, 3, 3), CampaignStatsBreakdown.Day)));

        Assert.False(ex.MayHaveBeenProcessed);
    }

    [Fact]
    public async Task GetService_OptionsAndMetadata()
    {
        var (services, _, _) = Wire();
        await using var __ = services;
        ICampaignStatsClient stats = Stats(services);

        Assert.Equal("mg.example.com", Assert.IsType<MailgunOptions>(stats.GetService(typeof(MailgunOptions))).Domain);
        Assert.Equal(new MartechProviderMetadata("Mailgun", "Mailgun"), stats.GetService(typeof(MartechProviderMetadata)));
        Assert.Same(stats, services.GetRequiredService<ICampaignStatsClient>());
    }
}
