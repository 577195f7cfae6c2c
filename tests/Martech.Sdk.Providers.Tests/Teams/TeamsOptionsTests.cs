using Martech.Sdk.Teams;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Martech.Sdk.Providers.Tests.Teams;

/// <summary>Validation of <see cref="TeamsOptions"/>: every message names the setting, and none shows a secret.</summary>
public sealed class TeamsOptionsTests
{
    [Fact]
    public void Validate_NoChannels_NamesChannels()
    {
        string problem = Assert.Single(new TeamsOptions().Validate("Martech:Teams"));

        Assert.StartsWith("Martech:Teams:Channels must name at least one channel", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_Defaults_WithOneChannel_NoProblems()
    {
        var options = new TeamsOptions { Channels = new Dictionary<string, Uri> { ["sales"] = new Uri(TeamsWire.SalesUrl) } };

        Assert.Empty(options.Validate("Martech:Teams"));
        Assert.Equal(4, options.RateLimitPermits);
        Assert.Equal(TimeSpan.FromSeconds(1), options.RateLimitWindow);
    }

    [Theory]
    [InlineData("http://prod-42.westus.logic.azure.com/workflows/x/triggers/manual/paths/invoke?sig=SECRETsig", "must be an https URL")]
    [InlineData("/workflows/x/triggers/manual/paths/invoke?sig=SECRETsig", "absolute Workflows webhook URL")]
    [InlineData("https://user:pw@prod-42.westus.logic.azure.com/workflows/x?sig=SECRETsig", "user information")]
    public void Validate_BadWebhook_NamesTheChannelAndHidesTheUrl(string url, string expected)
    {
        var options = new TeamsOptions { Channels = new Dictionary<string, Uri> { ["#new-leads"] = new Uri(url, UriKind.RelativeOrAbsolute) } };

        string problem = Assert.Single(options.Validate("Martech:Teams"));

        Assert.StartsWith("Martech:Teams:Channels:#new-leads ", problem, StringComparison.Ordinal);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRETsig", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_HttpToLoopback_Allowed()
    {
        var options = new TeamsOptions { Channels = new Dictionary<string, Uri> { ["local"] = new Uri("http://127.0.0.1:5001/workflows/x/triggers/manual/paths/invoke?sig=s") } };

        Assert.Empty(options.Validate("Martech:Teams"));
    }

    [Fact]
    public void Validate_EverySettingWrong_EachNamed()
    {
        var options = new TeamsOptions
        {
            Channels = new Dictionary<string, Uri> { ["sales"] = new Uri(TeamsWire.SalesUrl) },
            DefaultChannel = "#ops",
            RateLimitPermits = 0,
            RateLimitWindow = TimeSpan.Zero,
            Resilience = null!,
        };

        var problems = options.Validate("Martech:TeamsOps").ToList();

        Assert.Equal(4, problems.Count);
        foreach (string setting in new[] { "DefaultChannel", "RateLimitPermits", "RateLimitWindow", "Resilience" })
        {
            Assert.Contains(problems, p => p.StartsWith($"Martech:TeamsOps:{setting} ", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Resolve_MissingChannels_ThrowsOptionsValidationNamingSetting()
    {
        var services = new ServiceCollection();
        services.AddMartech().AddTeams();
        using ServiceProvider provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptionsMonitor<TeamsOptions>>().Get("Teams"));

        Assert.Contains("Martech:Teams:Channels", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_WithChannels_ShowsNoUrl()
    {
        var options = new TeamsOptions { Channels = new Dictionary<string, Uri> { ["sales"] = new Uri(TeamsWire.SalesUrl) } };

        Assert.DoesNotContain("sig", options.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void FindWebhook_AssignedCaseSensitiveDictionary_ComparesWithoutCase()
    {
        var options = new TeamsOptions { Channels = new Dictionary<string, Uri> { ["Sales"] = new Uri(TeamsWire.SalesUrl) }, DefaultChannel = "SALES" };

        Assert.Equal(new Uri(TeamsWire.SalesUrl), options.FindWebhook("sales"));
        Assert.Equal(new Uri(TeamsWire.SalesUrl), options.FindWebhook("default"));
        Assert.Null(options.FindWebhook("#marketing"));
        Assert.Empty(options.Validate("Martech:Teams"));
    }

    [Fact]
    public void AddChannel_Twice_KeepsBothAndReplacesSameName()
    {
        var options = new TeamsOptions().AddChannel("sales", new Uri(TeamsWire.SalesUrl)).AddChannel("#new-leads", new Uri(TeamsWire.LeadsUrl)).AddChannel("SALES", new Uri(TeamsWire.LeadsUrl));

        Assert.Equal(2, options.Channels.Count);
        Assert.Equal(new Uri(TeamsWire.LeadsUrl), options.FindWebhook("sales"));
    }
}
