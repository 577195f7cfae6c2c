namespace Martech.Sdk.Tests.DataQuality.Duplicates;

public class MatchTextTests
{
    [Theory]
    [InlineData("Ada.Lovelace+news@Example.com", true, true, "ada.lovelace@example.com")]
    [InlineData("ada.love.lace+x@gmail.com", true, true, "adalovelace@gmail.com")]
    [InlineData("Ada.Lovelace@googlemail.com", true, true, "adalovelace@gmail.com")]
    [InlineData("ada.lovelace+x@gmail.com", false, false, "ada.lovelace+x@gmail.com")]
    [InlineData("ada.lovelace+x@gmail.com", true, false, "ada.lovelace@gmail.com")]
    [InlineData("a.da@acme.example", true, true, "a.da@acme.example")] // dots kept outside Gmail
    public void NormaliseEmail_FollowsThePolicy(string address, bool plusTags, bool gmailDots, string expected)
    {
        Assert.Equal(expected, MatchText.NormaliseEmail(EmailAddress.Parse(address), plusTags, gmailDots, out _));
    }

    [Theory]
    [InlineData("  José ", "jose")]
    [InlineData("O'Brien", "obrien")]
    [InlineData("van der Berg", "vanderberg")]
    [InlineData("MÜLLER", "muller")]
    [InlineData("Løvgren", "lovgren")]
    [InlineData("Straße", "strasse")]
    [InlineData("", "")]
    public void NormaliseName_FoldsCaseAccentsAndPunctuation(string name, string expected)
    {
        Assert.Equal(expected, MatchText.NormaliseName(name));
    }

    [Theory]
    [InlineData("Bill", "william")]
    [InlineData("BOB", "robert")]
    [InlineData("Kate", "katherine")]
    [InlineData("Catherine", "katherine")]
    [InlineData("Ada", "ada")]
    public void NormaliseFirstName_MapsNicknames(string name, string expected)
    {
        Assert.Equal(expected, MatchText.NormaliseFirstName(name));
    }

    [Theory]
    [InlineData("Acme Widgets GmbH", "acme widgets")]
    [InlineData("ACME Widgets, Inc.", "acme widgets")]
    [InlineData("Acme Widgets L.L.C.", "acme widgets")]
    [InlineData("The Acme Group Holdings Ltd", "acme")]
    [InlineData("Smith & Sons Co", "smith sons")]
    [InlineData("Inc", "inc")] // a lone suffix is the name
    [InlineData("Société Générale S.A.", "societe generale")]
    public void NormaliseCompany_StripsLegalSuffixes(string company, string expected)
    {
        Assert.Equal(expected, MatchText.NormaliseCompany(company));
    }

    [Theory]
    [InlineData("robert", "R163")]
    [InlineData("rupert", "R163")]
    [InlineData("ashcraft", "A261")]
    [InlineData("tymczak", "T522")]
    [InlineData("pfister", "P236")]
    [InlineData("smith", "S530")]
    [InlineData("smyth", "S530")]
    [InlineData("lee", "L000")]
    [InlineData("", "")]
    public void Soundex_GivesTheAmericanSoundexCode(string name, string expected)
    {
        Assert.Equal(expected, MatchSimilarity.Soundex(name));
    }

    [Theory]
    [InlineData("martha", "marhta", 0.9611)]
    [InlineData("dwayne", "duane", 0.8400)]
    [InlineData("dixon", "dicksonx", 0.8133)]
    [InlineData("same", "same", 1.0)]
    [InlineData("abc", "xyz", 0.0)]
    [InlineData("", "abc", 0.0)]
    public void JaroWinkler_MatchesThePublishedValues(string a, string b, double expected)
    {
        Assert.Equal(expected, MatchSimilarity.JaroWinkler(a, b), 4);
        Assert.Equal(expected, MatchSimilarity.JaroWinkler(b, a), 4);
    }

    [Theory]
    [InlineData("acme widgets", "acme widgets", 1.0)]
    [InlineData("acme widgets", "acme widgetz", 1.0)] // widgets ~ widgetz: Jaro-Winkler 0.943 ≥ 0.9, the same token
    [InlineData("acme widgets", "acme", 0.5)] // 1 matched ÷ (2 + 1 − 1)
    [InlineData("acme widgets", "globex", 0.0)]
    [InlineData("blue harbor labs", "blue harbor", 2.0 / 3)]
    public void CompanyTokens_IsASoftJaccard(string a, string b, double expected)
    {
        Assert.Equal(expected, MatchSimilarity.CompanyTokens(a, b), 4);
    }
}
