using Martech.Sdk.HubSpot;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Martech.Sdk.Providers.Tests.HubSpot;

/// <summary>HubSpot campaign stats options: documented defaults, validation that names the setting, and binding.</summary>
public sealed class HubSpotCampaignStatsOptionsTests
{
    [Fact]
    public void Defaults_AreTheDocumentedOnes()
    {
        var options = new HubSpotCampaignStatsOptions();

        Assert.Equal(("marketing/v3/campaigns", "marketing/v3/emails/statistics/list"), (options.CampaignsPath, options.EmailStatisticsPath));
        Assert.Equal((100, 366, true), (options.MaxEmailIdsPerRequest, options.MaxBreakdownPeriods, options.OpensAndClicksAreUnique));
        HubSpotEmailCounterNames c = options.Counters;
        Assert.Equal(
            "sent delivered dropped bounce hardbounced softbounced open click unsubscribed spamreport",
            string.Join(' ', c.Sent, c.Delivered, c.Dropped, c.Bounces, c.HardBounces, c.SoftBounces, c.Opens, c.Clicks, c.Unsubscribes, c.SpamReports));
        Assert.Empty(options.Validate("Martech:HubSpot:CampaignStats"));
    }

    [Fact]
    public void Validate_BadSettings_OneMessageEachNamingThePath()
    {
        var options = new HubSpotOptions { AccessToken = "pat-na1-x" };
        options.CampaignStats.CampaignsPath = "https://example.test/campaigns";
        options.CampaignStats.EmailStatisticsPath = "marketing/v3/emails/statistics/list?x=1";
        options.CampaignStats.MaxEmailIdsPerRequest = 0;
        options.CampaignStats.MaxBreakdownPeriods = 0;
        options.CampaignStats.Counters.Clicks = " click";
        options.CampaignStats.Counters.Dropped = string.Empty;

        List<string> problems = [.. options.Validate("Martech:HubSpot")];

        Assert.Equal(5, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("Martech:HubSpot:CampaignStats:CampaignsPath must be a relative path", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Martech:HubSpot:CampaignStats:EmailStatisticsPath must be a relative path", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Martech:HubSpot:CampaignStats:MaxEmailIdsPerRequest must be between 1 and 1000 (was 0)", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Martech:HubSpot:CampaignStats:MaxBreakdownPeriods must be at least 1 (was 0)", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Martech:HubSpot:CampaignStats:Counters:Clicks must be a counter name", StringComparison.Ordinal));

        options.CampaignStats = null!;
        Assert.Contains("Martech:HubSpot:CampaignStats is required.", options.Validate("Martech:HubSpot"));
    }

    [Fact]
    public void AddHubSpot_BindsCampaignStatsFromConfiguration_AndFailsResolutionOnABadOne()
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Martech:HubSpot:AccessToken"] = "pat-na1-aaaa",
            ["Martech:HubSpot:CampaignStats:OpensAndClicksAreUnique"] = "false",
            ["Martech:HubSpot:CampaignStats:Counters:Opens"] = "",
            ["Martech:HubSpot:CampaignStats:Counters:Clicks"] = "clicks_total",
            ["Martech:HubSpot:CampaignStats:MaxEmailIdsPerRequest"] = "25",
            ["Martech:Bad:AccessToken"] = "pat-na1-bbbb",
            ["Martech:Bad:CampaignStats:MaxBreakdownPeriods"] = "-1",
        }).Build();
        var services = new ServiceCollection();
        services.AddMartech(configuration.GetSection("Martech")).AddHubSpot().Martech.AddHubSpot("Bad");
        using ServiceProvider sp = services.BuildServiceProvider();

        HubSpotCampaignStatsOptions bound = sp.GetRequiredService<IOptionsMonitor<HubSpotOptions>>().Get("HubSpot").CampaignStats;
        var ex = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredKeyedService<ICampaignStatsClient>("Bad"));

        Assert.Equal((false, "", "clicks_total", "sent", 25), (bound.OpensAndClicksAreUnique, bound.Counters.Opens, bound.Counters.Clicks, bound.Counters.Sent, bound.MaxEmailIdsPerRequest));
        Assert.Contains("Martech:Bad:CampaignStats:MaxBreakdownPeriods must be at least 1 (was -1)", ex.Message, StringComparison.Ordinal);
    }
}
