namespace Martech.Sdk.Tests.Campaigns.Links;

/// <summary>Building links: the nine GA4 parameters in lower case, values normalised by the stated policy and encoded
/// exactly once, and everything else of the destination (case, existing parameters and their encoding, fragment)
/// kept.</summary>
public class TrackedLinksCreateTests
{
    private static readonly UtmParameters Basic = new() { Id = "cmp-1", Source = "newsletter", Medium = "email" };

    [Fact]
    public void Create_AllNineParameters_WrittenInGa4OrderWithLowerCaseNames()
    {
        TrackedLink link = new TrackedLinks().Create(new Uri("https://example.com/offer"), new UtmParameters
        {
            Id = "CMP-42",
            Source = "Newsletter",
            Medium = "Email",
            Campaign = "Spring Sale",
            SourcePlatform = "Mailchimp",
            Term = "running shoes",
            Content = "Hero Button",
            CreativeFormat = "Banner",
            MarketingTactic = "Prospecting",
        });

        Assert.Equal(
            "https://example.com/offer?utm_id=CMP-42&utm_source=newsletter&utm_medium=email&utm_campaign=Spring%20Sale&utm_source_platform=mailchimp&utm_term=running%20shoes&utm_content=Hero%20Button&utm_creative_format=banner&utm_marketing_tactic=prospecting",
            link.Url);
        Assert.Equal("CMP-42", link.CampaignId);
        Assert.Equal("newsletter", link.Utm.Source);
        Assert.Equal("Spring Sale", link.Utm.Campaign);
    }

    [Fact]
    public void Create_DocsExample_GivesTheLinkTheDocsShow()
    {
        // docs/campaigns.md, "Tracked links, UTM parameters and QR codes": the first example and its output comment.
        var links = new TrackedLinks();
        TrackedLink link = links.Create(new Uri("https://example.com/Spring-Offer?ref=mail#details"), new UtmParameters
        {
            Id = "cmp-2027-spring",
            Source = "Newsletter",
            Medium = "email",
            Campaign = "Spring Sale",
            Content = "hero button",
        });

        CampaignAttribution? visit = links.Attribute(new Uri("/Spring-Offer?utm_id=cmp-2027-spring&utm_source=newsletter&utm_medium=email", UriKind.Relative));

        Assert.Equal("https://example.com/Spring-Offer?ref=mail&utm_id=cmp-2027-spring&utm_source=newsletter&utm_medium=email&utm_campaign=Spring%20Sale&utm_content=hero%20button#details", link.Url);
        Assert.Equal("cmp-2027-spring (UtmId)", $"{visit?.CampaignId} ({visit?.Basis})");
    }

    [Fact]
    public void Create_NeverLowerCasesTheUrl_PathParametersAndFragmentKeepTheirCase()
    {
        TrackedLink link = new TrackedLinks().Create(new Uri("https://Example.com/Shop/Winter-Sale?Ref=NewsLetter&page=2#Section-B"), Basic with { Campaign = "Winter" });

        Assert.Equal("https://Example.com/Shop/Winter-Sale?Ref=NewsLetter&page=2&utm_id=cmp-1&utm_source=newsletter&utm_medium=email&utm_campaign=Winter#Section-B", link.Url);
    }

    [Fact]
    public void Create_ExistingUtmParametersOfAnyCase_ReplacedOthersKeptInOrder()
    {
        TrackedLink link = new TrackedLinks().Create(new Uri("https://example.com/?a=1&UTM_Source=Old&utm_medium=x&Utm_Term=foo&utm_reader=feed&b=2"), Basic);

        Assert.Equal("https://example.com/?a=1&utm_reader=feed&b=2&utm_id=cmp-1&utm_source=newsletter&utm_medium=email", link.Url);
    }

    [Fact]
    public void Create_ExistingEncodedParameters_KeptAsWrittenNotEncodedAgain()
    {
        TrackedLink link = new TrackedLinks().Create(new Uri("https://example.com/search?q=caf%C3%A9&x=a%2Bb&y=a+b&flag&&z="), Basic);

        Assert.Equal("https://example.com/search?q=caf%C3%A9&x=a%2Bb&y=a+b&flag&&z=&utm_id=cmp-1&utm_source=newsletter&utm_medium=email", link.Url);
    }

    [Fact]
    public void Create_FragmentWithItsOwnQuery_StaysAfterTheUtmParameters()
    {
        TrackedLink link = new TrackedLinks().Create(new Uri("https://example.com/app#/offer?tab=Details"), Basic);

        Assert.Equal("https://example.com/app?utm_id=cmp-1&utm_source=newsletter&utm_medium=email#/offer?tab=Details", link.Url);
    }

    [Fact]
    public void Create_EmptyQueryMark_GivesOneQuery()
    {
        TrackedLink link = new TrackedLinks().Create(new Uri("https://example.com/?#top"), Basic);

        Assert.Equal("https://example.com/?utm_id=cmp-1&utm_source=newsletter&utm_medium=email#top", link.Url);
    }

    [Fact]
    public void Create_DestinationWithSpacesAndUnicode_EscapedOnceExistingEscapesKept()
    {
        TrackedLink link = new TrackedLinks().Create(new Uri("https://example.com/été offer/%41?q=naïve"), Basic);

        Assert.Equal("https://example.com/%C3%A9t%C3%A9%20offer/%41?q=na%C3%AFve&utm_id=cmp-1&utm_source=newsletter&utm_medium=email", link.Url);
    }

    [Fact]
    public void Create_InternationalHost_WrittenInPunycodePathCaseKept()
    {
        TrackedLink link = new TrackedLinks().Create(new Uri("https://Bücher.example/Neu"), Basic);

        Assert.Equal("https://xn--bcher-kva.example/Neu?utm_id=cmp-1&utm_source=newsletter&utm_medium=email", link.Url);
    }

    [Theory]
    [InlineData("spring sale", "spring%20sale")]
    [InlineData("a+b", "a%2Bb")]
    [InlineData("50% off", "50%25%20off")]
    [InlineData("100%", "100%25")]
    [InlineData("Café – été", "Caf%C3%A9%20%E2%80%93%20%C3%A9t%C3%A9")]
    [InlineData("launch 🎉", "launch%20%F0%9F%8E%89")]
    [InlineData("a&b=c#d?e/f", "a%26b%3Dc%23d%3Fe%2Ff")]
    [InlineData("  Spring \t\n  Sale  ", "Spring%20Sale")]
    [InlineData("keep-._~", "keep-._~")]
    public void Create_CampaignValue_NormalisedAndEncodedExactlyOnce(string value, string encoded)
    {
        var links = new TrackedLinks();

        TrackedLink link = links.Create(new Uri("https://example.com/"), Basic with { Campaign = value });

        Assert.Equal($"https://example.com/?utm_id=cmp-1&utm_source=newsletter&utm_medium=email&utm_campaign={encoded}", link.Url);
        UtmParseResult parsed = links.Parse(link.ToUri());
        Assert.Empty(parsed.Issues);
        Assert.Equal(link.Utm, parsed.Utm);
    }

    [Theory]
    [InlineData("spring%20sale", "spring sale")]
    [InlineData("spring%2520sale", "spring sale")]
    [InlineData("caf%C3%A9", "café")]
    public void Create_ValueAlreadyPercentEncoded_RefusedNamingTheParameterAndTheText(string value, string text)
    {
        var ex = Assert.Throws<ArgumentException>(() => new TrackedLinks().Create(new Uri("https://example.com/"), Basic with { Content = value }));

        Assert.Equal("utm", ex.ParamName);
        Assert.Contains($"utm_content '{value}' holds a percent escape", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"pass the text itself ('{text}')", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_VocabularyValues_LowerCasedOthersKeepCase()
    {
        TrackedLink link = new TrackedLinks().Create(new Uri("https://example.com/"), new UtmParameters { Id = "AbC", Source = "LinkedIn", Medium = "CPC", Term = "Running Shoes", Content = "Footer-Link" });

        Assert.Equal("https://example.com/?utm_id=AbC&utm_source=linkedin&utm_medium=cpc&utm_term=Running%20Shoes&utm_content=Footer-Link", link.Url);
    }

    [Fact]
    public void Create_LowerCasingTurnedOff_VocabularyValuesKeepCase()
    {
        TrackedLink link = new TrackedLinks(new TrackedLinkOptions { LowerCaseVocabularies = false })
            .Create(new Uri("https://example.com/"), Basic with { Source = "LinkedIn" });

        Assert.Equal("https://example.com/?utm_id=cmp-1&utm_source=LinkedIn&utm_medium=email", link.Url);
    }

    [Theory]
    [InlineData(null, "newsletter", "email", "utm_id is required: set UtmParameters.Id")]
    [InlineData("cmp-1", "  ", "email", "utm_source is required: set UtmParameters.Source")]
    [InlineData("cmp-1", "newsletter", null, "utm_medium is required: set UtmParameters.Medium")]
    public void Create_RequiredParameterMissing_Refused(string? id, string? source, string? medium, string message)
    {
        var ex = Assert.Throws<ArgumentException>(() => new TrackedLinks().Create(new Uri("https://example.com/"), new UtmParameters { Id = id, Source = source, Medium = medium }));

        Assert.StartsWith(message, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://example.com/file")]
    [InlineData("mailto:ada@example.com")]
    public void Create_DestinationNotHttp_Refused(string destination)
    {
        var ex = Assert.Throws<ArgumentException>(() => new TrackedLinks().Create(new Uri(destination), Basic));

        Assert.Equal("destination", ex.ParamName);
        Assert.Contains("absolute http or https URL", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_RelativeDestination_Refused()
    {
        Assert.Throws<ArgumentException>(() => new TrackedLinks().Create(new Uri("/offer", UriKind.Relative), Basic));
    }

    [Fact]
    public void Create_ControlCharacter_Refused()
    {
        var ex = Assert.Throws<ArgumentException>(() => new TrackedLinks().Create(new Uri("https://example.com/"), Basic with { Campaign = "a\u0007b" }));

        Assert.Contains("utm_campaign holds a control character (U+0007)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_SameInputTwice_SameLink()
    {
        var links = new TrackedLinks();
        TrackedLink first = links.Create(new Uri("https://example.com/p?x=1"), Basic);

        TrackedLink again = links.Create(first.ToUri(), Basic);

        Assert.Equal(first.Url, again.Url);
    }
}
