namespace Martech.Sdk.Tests.Abstractions;

public class CampaignStatsTests
{
    [Fact]
    public void ClickThroughRate_IsUniqueClicksOverUniqueRecipientsTimes100()
    {
        var stats = new CampaignStats { CampaignId = "c1", UniqueRecipients = 200, UniqueClicks = 7, TotalClicks = 55 };

        Assert.Equal(3.5, stats.ClickThroughRate, 10);
    }

    [Fact]
    public void ClickThroughRate_IgnoresRepeatClicks()
    {
        var once = new CampaignStats { CampaignId = "c1", UniqueRecipients = 3, UniqueClicks = 1, TotalClicks = 1 };
        var often = once with { TotalClicks = 10 };

        Assert.Equal(once.ClickThroughRate, often.ClickThroughRate);
        Assert.Equal(100.0 / 3, often.ClickThroughRate, 10);
    }

    [Fact]
    public void OpenAndBounceRates_AreOverUniqueRecipients()
    {
        var stats = new CampaignStats { CampaignId = "c1", UniqueRecipients = 400, UniqueOpens = 100, Bounces = 8 };

        Assert.Equal(25.0, stats.OpenRate, 10);
        Assert.Equal(2.0, stats.BounceRate, 10);
    }

    [Fact]
    public void Rates_ZeroRecipients_AreZero()
    {
        var stats = new CampaignStats { CampaignId = "c1", UniqueRecipients = 0, UniqueClicks = 5, UniqueOpens = 5, Bounces = 5 };

        Assert.Equal(0, stats.ClickThroughRate);
        Assert.Equal(0, stats.OpenRate);
        Assert.Equal(0, stats.BounceRate);
    }
}
