namespace Martech.Sdk.Tests.Webhooks;

public class EngagementClassifierTests
{
    [Theory]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15", null, null, null, EngagementSource.Human)]
    [InlineData(null, null, null, null, EngagementSource.Unknown)]
    [InlineData("Mozilla/5.0", "203.0.113.5", null, null, EngagementSource.Unknown)]
    [InlineData("Mozilla/5.0", "17.58.100.1", null, null, EngagementSource.AppleMailPrivacyProtection)]
    [InlineData("Mozilla/5.0", "::ffff:17.1.2.3", null, null, EngagementSource.AppleMailPrivacyProtection)]
    [InlineData("Mozilla/5.0", "203.0.113.5", true, null, EngagementSource.AppleMailPrivacyProtection)]
    [InlineData("Mozilla/5.0 (Windows NT 10.0) Outlook", "203.0.113.5", true, null, EngagementSource.OtherMachine)]
    [InlineData("Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)", null, null, null, EngagementSource.GmailImageProxy)]
    [InlineData("python-requests/2.31", null, null, null, EngagementSource.SecurityScanner)]
    [InlineData("Mozilla/5.0 (compatible; Barracuda Sentinel)", null, null, null, EngagementSource.SecurityScanner)]
    [InlineData("Mozilla/5.0 Chrome/120 HeadlessChrome/120.0", null, null, null, EngagementSource.SecurityScanner)]
    [InlineData("anything", null, null, "apple", EngagementSource.AppleMailPrivacyProtection)]
    [InlineData("anything", null, null, "GMAIL", EngagementSource.GmailImageProxy)]
    [InlineData("anything", null, null, "generic", EngagementSource.OtherMachine)]
    public void Classify_FollowsTheDocumentedRules(string? agent, string? ip, bool? machine, string? bot, EngagementSource expected)
    {
        Assert.Equal(expected, EngagementClassifier.Classify(agent, ip, machine, bot));
    }

    [Fact]
    public void IsMachine_OnlyHumanAndUnknownAreNot()
    {
        Assert.False(EngagementClassifier.IsMachine(EngagementSource.Human));
        Assert.False(EngagementClassifier.IsMachine(EngagementSource.Unknown));
        Assert.All(
            [EngagementSource.AppleMailPrivacyProtection, EngagementSource.GmailImageProxy, EngagementSource.SecurityScanner, EngagementSource.OtherMachine],
            s => Assert.True(EngagementClassifier.IsMachine(s)));
    }
}
