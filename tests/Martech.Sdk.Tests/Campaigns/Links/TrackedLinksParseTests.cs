namespace Martech.Sdk.Tests.Campaigns.Links;

/// <summary>Reading links: names matched ignoring case, values decoded once as GA4 does, and every known UTM pitfall
/// reported (double encoding, name case, duplicates, values not normalised, parameters in the fragment, missing
/// ones).</summary>
public class TrackedLinksParseTests
{
    private static UtmParseResult Parse(string url) => new TrackedLinks().Parse(new Uri(url, UriKind.RelativeOrAbsolute));

    [Fact]
    public void Parse_CleanLink_AllNineValuesNoIssues()
    {
        UtmParseResult result = Parse("https://example.com/?utm_id=c1&utm_source=news&utm_medium=email&utm_campaign=Spring%20Sale&utm_source_platform=dv360&utm_term=shoes&utm_content=hero&utm_creative_format=banner&utm_marketing_tactic=remarketing");

        Assert.True(result.HasUtm);
        Assert.Empty(result.Issues);
        Assert.Equal(
            new UtmParameters { Id = "c1", Source = "news", Medium = "email", Campaign = "Spring Sale", SourcePlatform = "dv360", Term = "shoes", Content = "hero", CreativeFormat = "banner", MarketingTactic = "remarketing" },
            result.Utm);
    }

    [Fact]
    public void Parse_NoUtmParameters_NothingFoundNoIssues()
    {
        UtmParseResult result = Parse("https://example.com/?a=1&utm=2#utm_source");

        Assert.False(result.HasUtm);
        Assert.Null(result.Utm);
        Assert.Empty(result.Issues);
    }

    [Fact]
    public void Parse_NamesInOtherCase_ReadAndReported()
    {
        UtmParseResult result = Parse("https://example.com/?UTM_SOURCE=news&Utm_Medium=email&utm_id=c1");

        Assert.Equal("news", result.Utm!.Source);
        Assert.Equal("email", result.Utm.Medium);
        Assert.Equal([UtmIssueKind.NameNotLowerCase, UtmIssueKind.NameNotLowerCase], result.Issues.Select(i => i.Kind));
        Assert.Equal("The parameter is written 'UTM_SOURCE': GA4 reads only 'utm_source'.", result.Issues[0].Message);
        Assert.Equal("utm_medium", result.Issues[1].Parameter);
    }

    [Fact]
    public void Parse_DoubleEncodedValue_DecodedFullyAndReported()
    {
        UtmParseResult result = Parse("https://example.com/?utm_id=c1&utm_source=news&utm_medium=email&utm_campaign=spring%2520sale");

        Assert.Equal("spring sale", result.Utm!.Campaign);
        UtmIssue issue = Assert.Single(result.Issues);
        Assert.Equal(UtmIssueKind.DoubleEncoded, issue.Kind);
        Assert.Equal("utm_campaign", issue.Parameter);
        Assert.Equal("spring%2520sale", issue.Value);
        Assert.Contains("record 'spring%20sale' instead of 'spring sale'", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TripleEncodedUnicode_DecodedFully()
    {
        UtmParseResult result = Parse("https://example.com/?utm_id=c1&utm_source=news&utm_medium=email&utm_content=caf%252525C3%252525A9");

        Assert.Equal("café", result.Utm!.Content);
        Assert.Equal(UtmIssueKind.DoubleEncoded, Assert.Single(result.Issues).Kind);
    }

    [Theory]
    [InlineData("spring+sale", "spring sale")]
    [InlineData("spring%20sale", "spring sale")]
    [InlineData("a%2Bb", "a+b")]
    [InlineData("50%25%20off", "50% off")]
    [InlineData("100%", "100%")]
    [InlineData("Caf%C3%A9", "Café")]
    [InlineData("a%26b%3Dc%23d", "a&b=c#d")]
    public void Parse_EncodedOnce_DecodedAsGa4Does(string raw, string value)
    {
        UtmParseResult result = Parse($"https://example.com/?utm_id=c1&utm_source=news&utm_medium=email&utm_campaign={raw}");

        Assert.Equal(value, result.Utm!.Campaign);
        Assert.Empty(result.Issues);
    }

    [Fact]
    public void Parse_DuplicateOfAnyCase_FirstTakenAndReported()
    {
        UtmParseResult result = Parse("https://example.com/?utm_id=c1&utm_source=first&utm_medium=email&UTM_SOURCE=second");

        Assert.Equal("first", result.Utm!.Source);
        Assert.Equal([UtmIssueKind.NameNotLowerCase, UtmIssueKind.Duplicate], result.Issues.Select(i => i.Kind));
        Assert.Contains("the first ('first') is taken and 'second' ignored", result.Issues[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ValuesNotNormalised_Reported()
    {
        UtmParseResult result = Parse("https://example.com/?utm_id=c1&utm_source=Newsletter&utm_medium=email&utm_campaign=%20Spring%20%20Sale");

        Assert.Equal("Newsletter", result.Utm!.Source);
        Assert.Equal([UtmIssueKind.NotNormalized, UtmIssueKind.NotNormalized], result.Issues.Select(i => i.Kind));
        Assert.Equal("utm_source 'Newsletter' is not in its normalised form 'newsletter': reports count the two apart.", result.Issues[0].Message);
        Assert.Equal("utm_campaign", result.Issues[1].Parameter);
    }

    [Fact]
    public void Parse_CampaignNameCase_IsNotAnIssue()
    {
        Assert.Empty(Parse("https://example.com/?utm_id=C1&utm_source=news&utm_medium=email&utm_campaign=Spring%20Sale&utm_content=HeroButton").Issues);
    }

    [Theory]
    [InlineData("https://example.com/#/offer?utm_id=c1&utm_source=news&utm_medium=email")]
    [InlineData("https://example.com/?a=1#utm_id=c1&utm_source=news&utm_medium=email")]
    public void Parse_ParametersInFragment_ReadAndReported(string url)
    {
        UtmParseResult result = Parse(url);

        Assert.Equal("c1", result.Utm!.Id);
        Assert.Equal("news", result.Utm.Source);
        Assert.Equal(3, result.Issues.Count);
        Assert.All(result.Issues, i => Assert.Equal(UtmIssueKind.InFragment, i.Kind));
    }

    [Fact]
    public void Parse_ParametersInQueryAndFragment_QueryWinsFragmentIgnored()
    {
        UtmParseResult result = Parse("https://example.com/?utm_id=c1&utm_source=news&utm_medium=email#utm_source=other");

        Assert.Equal("news", result.Utm!.Source);
        Assert.Empty(result.Issues);
    }

    [Fact]
    public void Parse_MissingRequiredParameters_Reported()
    {
        UtmParseResult result = Parse("https://example.com/?utm_source=news&utm_campaign=Spring");

        Assert.Equal(["utm_id", "utm_medium"], result.Issues.Where(i => i.Kind == UtmIssueKind.Missing).Select(i => i.Parameter));
    }

    [Fact]
    public void Parse_RelativeLandingUrl_Read()
    {
        UtmParseResult result = Parse("/landing/Spring?utm_id=c1&utm_source=news&utm_medium=email");

        Assert.Equal("c1", result.Utm!.Id);
        Assert.Empty(result.Issues);
    }

    [Fact]
    public void Parse_EmptyValue_ReportedMissing()
    {
        UtmParseResult result = Parse("https://example.com/?utm_id=&utm_source=news&utm_medium");

        Assert.Equal(["utm_id", "utm_medium"], result.Issues.Where(i => i.Kind == UtmIssueKind.Missing).Select(i => i.Parameter));
    }

    [Fact]
    public void UtmParameters_IndexerAndWith_MatchNamesIgnoringCase()
    {
        UtmParameters utm = new UtmParameters().With("UTM_Creative_Format", "postcard");

        Assert.Equal("postcard", utm.CreativeFormat);
        Assert.Equal("postcard", utm["utm_creative_format"]);
        Assert.Equal(9, UtmParameterNames.All.Count);
        var ex = Assert.Throws<ArgumentException>(() => utm["utm_reader"]);
        Assert.Contains("'utm_reader' is not a UTM parameter", ex.Message, StringComparison.Ordinal);
    }
}
