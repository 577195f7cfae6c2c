namespace Martech.Sdk.Tests.Campaigns.Links;

/// <summary>Clicks (<see cref="EmailEvent.Url"/>) and landing visits (any URL) attributed back to their campaign.</summary>
public class CampaignAttributionTests
{
    private static readonly TrackedLinks Links = new();

    private static EmailEvent Click(string url, string? campaignId) => new()
    {
        Id = "evt-1",
        Provider = "SendGrid",
        Type = EmailEventType.Clicked,
        Recipient = EmailAddress.Parse("ada@example.com"),
        Url = new Uri(url),
        CampaignId = campaignId,
    };

    [Fact]
    public void Attribute_LandingVisitOnATrackedLink_ToItsCampaignId()
    {
        TrackedLink link = Links.Create(new Uri("https://example.com/offer?ref=7#form"), new UtmParameters { Id = "cmp-spring", Source = "postcard", Medium = "print", Campaign = "Spring Sale" });

        CampaignAttribution? attribution = Links.Attribute(link.ToUri());

        Assert.NotNull(attribution);
        Assert.Equal("cmp-spring", attribution.CampaignId);
        Assert.Equal(CampaignAttributionBasis.UtmId, attribution.Basis);
        Assert.Equal("Spring Sale", attribution.CampaignName);
        Assert.Equal("postcard", attribution.Utm!.Source);
        Assert.Empty(attribution.Issues);
    }

    [Fact]
    public void Attribute_LandingVisitWithOnlyACampaignName_NameWithoutId()
    {
        CampaignAttribution? attribution = Links.Attribute(new Uri("/landing?utm_source=news&utm_medium=email&utm_campaign=Spring%20Sale", UriKind.Relative));

        Assert.NotNull(attribution);
        Assert.Null(attribution.CampaignId);
        Assert.Equal(CampaignAttributionBasis.UtmCampaignName, attribution.Basis);
        Assert.Equal("Spring Sale", attribution.CampaignName);
        Assert.Equal(UtmIssueKind.Missing, Assert.Single(attribution.Issues).Kind);
    }

    [Theory]
    [InlineData("https://example.com/")]
    [InlineData("https://example.com/?utm_source=news&utm_medium=email")]
    public void Attribute_LandingVisitNamingNoCampaign_Null(string url)
    {
        Assert.Null(Links.Attribute(new Uri(url)));
    }

    [Fact]
    public void Attribute_DoubleEncodedCampaignId_StillFoundAndReported()
    {
        CampaignAttribution? attribution = Links.Attribute(new Uri("https://example.com/?utm_id=spring%25202027&utm_source=news&utm_medium=email"));

        Assert.Equal("spring 2027", attribution!.CampaignId);
        Assert.Equal(UtmIssueKind.DoubleEncoded, Assert.Single(attribution.Issues).Kind);
    }

    [Fact]
    public void Attribute_ClickInACampaignSend_ToTheSendsCampaign()
    {
        CampaignAttribution? attribution = Links.Attribute(Click("https://example.com/?utm_id=cmp-1&utm_source=news&utm_medium=email&utm_content=hero", "cmp-1"));

        Assert.Equal("cmp-1", attribution!.CampaignId);
        Assert.Equal(CampaignAttributionBasis.EventCampaignId, attribution.Basis);
        Assert.Equal("hero", attribution.Utm!.Content);
        Assert.Empty(attribution.Issues);
    }

    [Fact]
    public void Attribute_ClickWhoseSendCarriedNoCampaign_ToTheLinksUtmId()
    {
        CampaignAttribution? attribution = Links.Attribute(Click("https://example.com/?UTM_ID=cmp-2&utm_source=news&utm_medium=email", null));

        Assert.Equal("cmp-2", attribution!.CampaignId);
        Assert.Equal(CampaignAttributionBasis.UtmId, attribution.Basis);
        Assert.Equal(UtmIssueKind.NameNotLowerCase, Assert.Single(attribution.Issues).Kind);
    }

    [Fact]
    public void Attribute_ClickOnALinkMadeForAnotherCampaign_SendWinsMismatchReported()
    {
        CampaignAttribution? attribution = Links.Attribute(Click("https://example.com/?utm_id=cmp-old&utm_source=news&utm_medium=email", "cmp-new"));

        Assert.Equal("cmp-new", attribution!.CampaignId);
        UtmIssue issue = Assert.Single(attribution.Issues);
        Assert.Equal(UtmIssueKind.CampaignMismatch, issue.Kind);
        Assert.Equal("The clicked link carries utm_id 'cmp-old' but was sent in campaign 'cmp-new': make the campaign's links with its own id.", issue.Message);
    }

    [Fact]
    public void Attribute_ClickOnAnUntaggedLinkWithoutCampaign_Null()
    {
        Assert.Null(Links.Attribute(Click("https://example.com/pricing", null)));
    }

    [Fact]
    public void Attribute_EventWithoutUrl_ToTheSendsCampaign()
    {
        var open = new EmailEvent { Id = "e", Provider = "SendGrid", Type = EmailEventType.Opened, Recipient = EmailAddress.Parse("ada@example.com"), CampaignId = "cmp-3" };

        CampaignAttribution? attribution = Links.Attribute(open);

        Assert.Equal("cmp-3", attribution!.CampaignId);
        Assert.Null(attribution.Utm);
    }
}
