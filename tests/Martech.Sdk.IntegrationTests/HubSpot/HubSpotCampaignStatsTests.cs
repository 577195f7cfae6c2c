using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Martech.Sdk.HubSpot;
using Martech.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk.IntegrationTests.HubSpot;

/// <summary>HubSpot campaign numbers over real sockets: the provider's <see cref="ICampaignStatsClient"/> reads a
/// seeded campaign's marketing emails and their statistics from the emulator, per month, and its attribution metrics.</summary>
public sealed class HubSpotCampaignStatsTests(HubSpotEmulatorFixture fixture) : IClassFixture<HubSpotEmulatorFixture>
{
    private static readonly DateTimeOffset Jan = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private HubSpotEmulator Emulator => fixture.Emulator;

    private static Dictionary<string, long> Counters(long sent, long delivered, long open, long click, long bounce = 0, long unsubscribed = 0) => new()
    {
        ["sent"] = sent,
        ["delivered"] = delivered,
        ["open"] = open,
        ["click"] = click,
        ["bounce"] = bounce,
        ["hardbounced"] = bounce,
        ["unsubscribed"] = unsubscribed,
    };

    [Fact]
    public async Task GetStatsAsync_SeededCampaign_MonthlyStatsAddUpItsEmailsOnly()
    {
        // 12 emails: the assets come in two pages (10 a page), the statistics in three requests (5 ids each).
        await using ServiceProvider services = fixture.BuildServices(o => o.CampaignStats.MaxEmailIdsPerRequest = 5);
        long[] emails = [.. Enumerable.Range(1, 12).Select(i => 5000L + i)];
        HubSpotEmulatorCampaign campaign = Emulator.AddCampaign("Spring launch", emails);

        // January: email 5001 sent to 400, 392 delivered, 160 opened, 28 clicked, 8 bounced (hard), 2 unsubscribed.
        Emulator.RecordEmailStatistics(5001, Jan.AddDays(3), Counters(400, 392, 160, 28, bounce: 8, unsubscribed: 2));

        // February: email 5012 (in the third request) sent to 600: 590 delivered, 200 opened, 42 clicked.
        Emulator.RecordEmailStatistics(5012, Jan.AddMonths(1).AddDays(9), Counters(600, 590, 200, 42));

        // Outside the campaign (another email) and outside the period (March): neither may be counted.
        Emulator.RecordEmailStatistics(9999, Jan.AddDays(5), Counters(1000, 1000, 1000, 1000));
        Emulator.RecordEmailStatistics(5002, Jan.AddMonths(2).AddDays(1), Counters(50, 50, 50, 50));
        ICampaignStatsClient stats = services.GetRequiredKeyedService<ICampaignStatsClient>("HubSpot");

        CampaignStats result = await stats.GetStatsAsync(campaign.Id, new CampaignStatsOptions { From = Jan, To = Jan.AddMonths(2), Breakdown = CampaignStatsBreakdown.Month });

        // Totals: sent 400 + 600 = 1000, clicks 28 + 42 = 70 → CTR 70 ÷ 1000 × 100 = 7 % (no recipient count: ÷ sent).
        Assert.Equal((1000, 982, 360, 70, 8, 8, 2), (result.Sent, result.Delivered, result.UniqueOpens, result.UniqueClicks, result.Bounces, result.HardBounces, result.Unsubscribes));
        Assert.Equal(7.0, result.ClickThroughRate.Percent);
        Assert.Equal(CampaignMetric.Sent, result.ClickThroughRate.Denominator);
        Assert.Equal(CampaignStatsSource.Vendor, result.Source);

        // January 28 ÷ 400 = 7 %; February 42 ÷ 600 = 7 %.
        Assert.Equal([400, 600], result.Breakdown.Select(m => m.Sent));
        Assert.Equal([7.0, 7.0], result.Breakdown.Select(m => m.ClickThroughRate.Percent!.Value));
        Assert.Equal([Jan, Jan.AddMonths(1)], result.Breakdown.Select(m => m.From!.Value));

        // Two asset pages, then per period (January, February, the totals) three statistics requests.
        Assert.Equal(2, Emulator.RequestLog.RequestsTo("GET", $"/marketing/v3/campaigns/{campaign.Id}/assets/MARKETING_EMAIL").Count);
        Assert.Equal(9, Emulator.RequestLog.RequestsTo("GET", "/marketing/v3/emails/statistics/list").Count);
    }

    [Fact]
    public async Task GetStatsAsync_CounterTheEmulatorDoesNotSend_IsNotReported()
    {
        await using ServiceProvider services = fixture.BuildServices();
        Emulator.EmailStatisticsCounters = ["sent", "delivered", "open"];
        HubSpotEmulatorCampaign campaign = Emulator.AddCampaign("Newsletter", 42);
        Emulator.RecordEmailStatistics(42, Jan, new Dictionary<string, long> { ["sent"] = 10, ["delivered"] = 9, ["open"] = 5 });
        ICampaignStatsClient stats = services.GetRequiredKeyedService<ICampaignStatsClient>("HubSpot");

        try
        {
            CampaignStats result = await stats.GetStatsAsync(campaign.Id);

            Assert.Equal(CampaignMetric.Sent | CampaignMetric.Delivered | CampaignMetric.UniqueOpens, result.Reported);
            Assert.Null(result.ClickThroughRate.Percent);
            Assert.Equal(50.0, result.OpenRate.Percent);
        }
        finally
        {
            Emulator.EmailStatisticsCounters = new HubSpotEmulator().EmailStatisticsCounters;
        }
    }

    [Fact]
    public async Task GetStatsAsync_UnknownCampaign_NotFound_AndServerErrorOnStatistics_IsRetried()
    {
        await using ServiceProvider services = fixture.BuildServices();
        HubSpotEmulatorCampaign campaign = Emulator.AddCampaign("Retried", 7);
        Emulator.RecordEmailStatistics(7, Jan, Counters(3, 3, 1, 1));
        ICampaignStatsClient stats = services.GetRequiredKeyedService<ICampaignStatsClient>("HubSpot");
        Emulator.Faults.Next(1, "GET", "/marketing/v3/emails/statistics/list", EmulatorFault.ServerError(503));

        CampaignStats result = await stats.GetStatsAsync(campaign.Id);
        var missing = await Assert.ThrowsAsync<MartechNotFoundException>(() => stats.GetStatsAsync(Guid.NewGuid().ToString()));

        Assert.Equal(3, result.Sent);
        Assert.Equal(2, Emulator.RequestLog.RequestsTo("GET", "/marketing/v3/emails/statistics/list").Count);
        Assert.Equal("OBJECT_NOT_FOUND", missing.ErrorCode);
    }

    [Fact]
    public async Task GetAttributionAsync_SeededDays_AddsUpTheDaysAskedFor()
    {
        await using ServiceProvider services = fixture.BuildServices();
        HubSpotEmulatorCampaign campaign = Emulator.AddCampaign("Webinar");
        Emulator.RecordCampaignMetrics(campaign.Id, new DateOnly(2026, 1, 1), new Dictionary<string, long> { ["influencedContacts"] = 5, ["sessions"] = 100 });
        Emulator.RecordCampaignMetrics(campaign.Id, new DateOnly(2026, 1, 31), new Dictionary<string, long> { ["influencedContacts"] = 2, ["newContactsFirstTouch"] = 1, ["sessions"] = 20 });
        Emulator.RecordCampaignMetrics(campaign.Id, new DateOnly(2026, 2, 1), new Dictionary<string, long> { ["sessions"] = 999 });
        var reports = services.GetRequiredKeyedService<ICampaignStatsClient>("HubSpot").GetService<IHubSpotCampaignReports>()!;

        HubSpotCampaignAttribution january = await reports.GetAttributionAsync(campaign.Id, new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 31));

        Assert.Equal((7L, 1L, 0L, 120L), (january.InfluencedContacts, january.NewContactsFirstTouch, january.NewContactsLastTouch, january.Sessions));
        Assert.Equal(120, january.Raw.GetProperty("sessions").GetInt64());
    }

    [Fact]
    public async Task Emulator_AnswersHubSpotsErrorsForBadMarketingRequests()
    {
        using ServiceProvider services = fixture.BuildServices();
        HubSpotEmulatorCampaign campaign = Emulator.AddCampaign("Errors", 1);
        using var http = new HttpClient { BaseAddress = Emulator.BaseAddress };

        async Task<(HttpStatusCode Status, string? Category)> GetAsync(string uri, bool authenticated = true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            if (authenticated)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", HubSpotEmulator.DefaultAccessToken);
            }

            using HttpResponseMessage response = await http.SendAsync(request);
            using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return (response.StatusCode, body.RootElement.TryGetProperty("category", out JsonElement category) ? category.GetString() : null);
        }

        Assert.Equal((HttpStatusCode.Unauthorized, "INVALID_AUTHENTICATION"), await GetAsync("marketing/v3/emails/statistics/list", authenticated: false));
        Assert.Equal((HttpStatusCode.BadRequest, "VALIDATION_ERROR"), await GetAsync("marketing/v3/emails/statistics/list?startTimestamp=yesterday"));
        Assert.Equal((HttpStatusCode.BadRequest, "VALIDATION_ERROR"), await GetAsync("marketing/v3/emails/statistics/list?emailIds=abc"));
        Assert.Equal((HttpStatusCode.BadRequest, "VALIDATION_ERROR"), await GetAsync("marketing/v3/campaigns/not-a-guid/assets/MARKETING_EMAIL"));
        Assert.Equal((HttpStatusCode.BadRequest, "VALIDATION_ERROR"), await GetAsync($"marketing/v3/campaigns/{campaign.Id}/assets/NEWSLETTER"));
        Assert.Equal((HttpStatusCode.BadRequest, "VALIDATION_ERROR"), await GetAsync($"marketing/v3/campaigns/{campaign.Id}/reports/metrics?startDate=2026-01-02&endDate=2026-01-01"));
        Assert.Equal((HttpStatusCode.NotFound, "OBJECT_NOT_FOUND"), await GetAsync($"marketing/v3/campaigns/{Guid.NewGuid()}/reports/metrics?startDate=2026-01-01&endDate=2026-01-01"));
        Assert.Equal((HttpStatusCode.OK, null), await GetAsync($"marketing/v3/campaigns/{campaign.Id}/assets/LANDING_PAGE"));
    }
}
