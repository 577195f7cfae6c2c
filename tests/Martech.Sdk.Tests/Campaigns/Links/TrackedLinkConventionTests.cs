using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Martech.Sdk.Tests.Core;

namespace Martech.Sdk.Tests.Campaigns.Links;

/// <summary>The naming convention: source and medium vocabularies from <c>Martech:Campaigns:Links</c>, validated when the
/// host starts with messages naming the configuration path, enforced when links are made and reported when they are
/// read.</summary>
public class TrackedLinkConventionTests
{
    private static ServiceProvider Start(Dictionary<string, string?> settings, Action<TrackedLinkOptions>? configure = null)
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddMartech(configuration.GetSection("Martech")).AddTrackedLinks(configure);
        return StartupValidationTests.StartAsAHostWould(services);
    }

    private static readonly Dictionary<string, string?> Convention = new()
    {
        ["Martech:Campaigns:Links:Sources:0"] = "newsletter",
        ["Martech:Campaigns:Links:Sources:1"] = "postcard",
        ["Martech:Campaigns:Links:Mediums:0"] = "email",
        ["Martech:Campaigns:Links:Mediums:1"] = "print",
    };

    [Fact]
    public void AddTrackedLinks_FromConfiguration_EnforcesTheVocabularies()
    {
        using ServiceProvider provider = Start(Convention);
        TrackedLinks links = provider.GetRequiredService<TrackedLinks>();

        TrackedLink link = links.Create(new Uri("https://example.com/"), new UtmParameters { Id = "c1", Source = "PostCard", Medium = "Print" });
        var ex = Assert.Throws<ArgumentException>(() => links.Create(new Uri("https://example.com/"), new UtmParameters { Id = "c1", Source = "newsleter", Medium = "email" }));

        Assert.Equal("https://example.com/?utm_id=c1&utm_source=postcard&utm_medium=print", link.Url);
        Assert.Equal("utm_source 'newsleter' is not in the naming convention (Martech:Campaigns:Links:Sources: newsletter, postcard): use one of those or add it there. (Parameter 'utm')", ex.Message);
    }

    [Fact]
    public void Parse_OffConventionSourceAndMedium_Reported()
    {
        using ServiceProvider provider = Start(Convention);

        UtmParseResult result = provider.GetRequiredService<TrackedLinks>().Parse(new Uri("https://example.com/?utm_id=c1&utm_source=facebook&utm_medium=Email"));

        Assert.Equal([UtmIssueKind.NotNormalized, UtmIssueKind.OffConvention], result.Issues.Select(i => i.Kind));
        Assert.Equal("utm_source 'facebook' is not in the naming convention (Martech:Campaigns:Links:Sources: newsletter, postcard).", result.Issues[1].Message);
    }

    [Fact]
    public void AddTrackedLinks_BadVocabulary_FailsAtStartNamingEachConfigPath()
    {
        var ex = Assert.Throws<OptionsValidationException>(() => Start(new()
        {
            ["Martech:Campaigns:Links:Sources:0"] = "Newsletter",
            ["Martech:Campaigns:Links:Sources:1"] = " ",
            ["Martech:Campaigns:Links:Sources:2"] = "partner",
            ["Martech:Campaigns:Links:Sources:3"] = "partner",
            ["Martech:Campaigns:Links:Mediums:0"] = "e%2Dmail",
        }));

        Assert.Equal(
            [
                "Martech:Campaigns:Links:Sources:0 ('Newsletter') is not in its normalised form, so no link would ever carry it: write 'newsletter'.",
                "Martech:Campaigns:Links:Sources:1 is empty: remove it or write a value such as 'email'.",
                "Martech:Campaigns:Links:Sources:3 ('partner') is listed twice.",
                "Martech:Campaigns:Links:Mediums:0 ('e%2Dmail') looks percent-encoded: write the text itself ('e-mail').",
            ],
            ex.Failures);
    }

    [Fact]
    public void AddTrackedLinks_CaseKeptByConfiguration_MixedCaseVocabularyValid()
    {
        using ServiceProvider provider = Start(new()
        {
            ["Martech:Campaigns:Links:LowerCaseVocabularies"] = "false",
            ["Martech:Campaigns:Links:Sources:0"] = "LinkedIn",
        });

        TrackedLink link = provider.GetRequiredService<TrackedLinks>().Create(new Uri("https://example.com/"), new UtmParameters { Id = "c1", Source = "LinkedIn", Medium = "Social" });

        Assert.Equal("https://example.com/?utm_id=c1&utm_source=LinkedIn&utm_medium=Social", link.Url);
    }

    [Fact]
    public void AddTrackedLinks_CodeConfiguration_AppliedAfterBindingAndValidated()
    {
        var ex = Assert.Throws<OptionsValidationException>(() => Start(Convention, o => o.Mediums = ["email", "Print"]));

        Assert.Equal(["Martech:Campaigns:Links:Mediums:1 ('Print') is not in its normalised form, so no link would ever carry it: write 'print'."], ex.Failures);
    }

    [Fact]
    public void AddTrackedLinks_CalledTwice_OneInstance()
    {
        var services = new ServiceCollection();
        MartechBuilder martech = services.AddMartech();
        martech.AddTrackedLinks().AddTrackedLinks(o => o.Sources = ["newsletter"]);
        using ServiceProvider provider = services.BuildServiceProvider();

        Assert.Single(services, d => d.ServiceType == typeof(TrackedLinks));
        Assert.Throws<ArgumentException>(() => provider.GetRequiredService<TrackedLinks>().Create(new Uri("https://example.com/"), new UtmParameters { Id = "c", Source = "x", Medium = "email" }));
    }

    [Fact]
    public void Constructor_InvalidOptions_ThrowsNamingTheSetting()
    {
        var ex = Assert.Throws<ArgumentException>(() => new TrackedLinks(new TrackedLinkOptions { Sources = ["News Letter "] }));

        Assert.StartsWith("TrackedLinkOptions:Sources:0 ('News Letter ') is not in its normalised form", ex.Message, StringComparison.Ordinal);
    }
}
