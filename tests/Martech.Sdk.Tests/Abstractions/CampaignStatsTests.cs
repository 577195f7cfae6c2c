namespace Martech.Sdk.Tests.Abstractions;

public class CampaignStatsTests
{
    [Fact]
    public void ClickThroughRate_IsUniqueClicksOverUniqueRecipientsTimes100()
    {
        var stats = new CampaignStats { CampaignId = "c1", UniqueRecipients = 200, UniqueClicks = 7, TotalClicks = 55 };

        Assert.Equal(3.5, stats.ClickThroughRate.Percent!.Value, 10);
        Assert.Equal(CampaignMetric.UniqueClicks, stats.ClickThroughRate.Numerator);
        Assert.Equal(7, stats.ClickThroughRate.NumeratorValue);
        Assert.Equal(CampaignMetric.UniqueRecipients, stats.ClickThroughRate.Denominator);
        Assert.Equal(200, stats.ClickThroughRate.DenominatorValue);
    }

    [Fact]
    public void ClickThroughRate_IgnoresRepeatClicks()
    {
        var once = new CampaignStats { CampaignId = "c1", UniqueRecipients = 3, UniqueClicks = 1, TotalClicks = 1 };
        var often = once with { TotalClicks = 10 };

        Assert.Equal(once.ClickThroughRate.Percent, often.ClickThroughRate.Percent);
        Assert.Equal(100.0 / 3, often.ClickThroughRate.Percent!.Value, 10);
    }

    [Fact]
    public void ClickThroughRate_WithoutARecipientCount_DividesBySentAndSaysSo()
    {
        var stats = new CampaignStats
        {
            CampaignId = "newsletter",
            Source = CampaignStatsSource.Vendor,
            Reported = CampaignMetric.Sent | CampaignMetric.UniqueClicks,
            Sent = 400,
            UniqueClicks = 10,
        };

        Assert.Equal(CampaignMetric.Sent, stats.ClickThroughRate.Denominator);
        Assert.Equal(2.5, stats.ClickThroughRate.Percent!.Value, 10);
    }

    [Fact]
    public void OpenRate_IsOverUniqueRecipients_BounceRate_IsOverSent()
    {
        var stats = new CampaignStats { CampaignId = "c1", Sent = 500, UniqueRecipients = 400, UniqueOpens = 100, Bounces = 10 };

        Assert.Equal(25.0, stats.OpenRate.Percent!.Value, 10);
        Assert.Equal(2.0, stats.BounceRate.Percent!.Value, 10);
        Assert.Equal(CampaignMetric.Sent, stats.BounceRate.Denominator);
    }

    [Fact]
    public void ClickToOpen_Delivery_Unsubscribe_AndSpamRates_NameTheirCounts()
    {
        var stats = new CampaignStats
        {
            CampaignId = "c1", Sent = 1000, UniqueRecipients = 1000, Delivered = 950, UniqueOpens = 200, UniqueClicks = 50,
            Unsubscribes = 19, SpamReports = 2,
        };

        Assert.Equal(25.0, stats.ClickToOpenRate.Percent!.Value, 10);
        Assert.Equal(95.0, stats.DeliveryRate.Percent!.Value, 10);
        Assert.Equal(2.0, stats.UnsubscribeRate.Percent!.Value, 10);
        Assert.Equal(CampaignMetric.Delivered, stats.UnsubscribeRate.Denominator);
        Assert.Equal(100.0 * 2 / 950, stats.SpamReportRate.Percent!.Value, 10);
        Assert.Equal(7, stats.Rates.Count);
        Assert.Equal("click-through rate 5.00 % (UniqueClicks 50 ÷ UniqueRecipients 1000)", stats.ClickThroughRate.ToString());
    }

    [Fact]
    public void Rates_ZeroDenominator_AreNull()
    {
        var stats = new CampaignStats { CampaignId = "c1", UniqueRecipients = 0, UniqueClicks = 5, UniqueOpens = 5, Bounces = 5 };

        Assert.Null(stats.ClickThroughRate.Percent);
        Assert.Null(stats.OpenRate.Percent);
        Assert.Null(stats.BounceRate.Percent);
    }

    [Fact]
    public void Rate_OverACountTheSourceDoesNotReport_IsNull()
    {
        var stats = new CampaignStats { CampaignId = "c1", Reported = CampaignMetric.Sent | CampaignMetric.TotalOpens, Sent = 10, TotalOpens = 4, Delivered = 9 };

        Assert.Null(stats.Rate("opens per delivery", CampaignMetric.TotalOpens, CampaignMetric.Delivered).Percent);
        Assert.Equal(40.0, stats.Rate("opens per send", CampaignMetric.TotalOpens, CampaignMetric.Sent).Percent!.Value, 10);
    }

    [Fact]
    public void Rate_GroupOrCombinedFlags_AreRefusedNamingTheCounts()
    {
        var stats = new CampaignStats { CampaignId = "c1" };

        var error = Assert.Throws<ArgumentException>(() => stats.Rate("x", CampaignMetric.BounceKinds, CampaignMetric.Sent));
        Assert.Equal("numerator", error.ParamName);
        Assert.Contains("UniqueRecipients", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => stats.Count(CampaignMetric.Sent | CampaignMetric.Delivered));
    }

    [Fact]
    public void Options_FromAfterTo_OrUndefinedBreakdown_AreRefused()
    {
        var late = new CampaignStatsOptions { From = new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero), To = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero) };
        Assert.Contains("From", Assert.Throws<ArgumentException>(late.Validate).Message, StringComparison.Ordinal);

        var odd = new CampaignStatsOptions { Breakdown = (CampaignStatsBreakdown)9 };
        Assert.Contains("Breakdown", Assert.Throws<ArgumentException>(odd.Validate).Message, StringComparison.Ordinal);
    }
}
