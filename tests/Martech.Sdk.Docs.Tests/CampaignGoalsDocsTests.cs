using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Martech.Sdk.Docs.Tests;

/// <summary>The SMART goals part of docs/campaigns.md: its program prints the numbers the page works out by hand, and its
/// configuration passes start-up validation.</summary>
[Collection(nameof(RunsDocumentedProgramsCollection))]
public sealed class CampaignGoalsDocsTests
{
    private const string Page = "docs/campaigns.md";

    [Fact]
    public async Task CodeExample_PrintsWhatItsCommentsShow()
    {
        CodeBlock block = CSharpBlockTests.AllCSharpBlocks().Single(b => b.File == Page && b.Code.Contains("new WarehouseStats()", StringComparison.Ordinal));
        string[] shown = [.. block.Code.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("// ", StringComparison.Ordinal) && !l.StartsWith("// Monthly clicks", StringComparison.Ordinal)).Select(l => l[3..])];
        SnippetCompilation compiled = SnippetCompiler.Compile(block);
        using var console = new ConsoleCapture();

        await compiled.RunAsync();

        Assert.Equal(
            [
                "OnTrack: the forecast 6,715 meets the target 6,000; 4,340 to go, 510.59 a month",
                "1660 of 6000 (27.7 %), 16.7 a day still needed",
                "linear trend: least squares through the 3 complete months 2027-01 to 2027-03 (slope +20 a month), extended over the 8.5 months left and added to the total so far",
            ],
            console.Lines);
        Assert.Equal(console.Lines, shown);
    }

    [Fact]
    public void ConfigurationExample_PassesStartUpValidation()
    {
        CodeBlock json = Markdown.CodeBlocks(Page).Single(b => b.Language == "json" && b.Code.Contains("\"Goals\"", StringComparison.Ordinal));
        IConfigurationRoot configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json.Code))).Build();
        var services = new ServiceCollection();
        MartechBuilder martech = services.AddMartech(configuration.GetSection("Martech"));
        martech.AddInMemory();
        martech.AddCampaignGoals();
        using ServiceProvider provider = services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();

        IReadOnlyList<CampaignGoal> goals = provider.GetRequiredService<CampaignGoals>().Goals;
        Assert.Equal(["ctr-2027", "email-clicks-2027"], goals.Select(g => g.Name));
        Assert.Equal((CampaignGoalMeasure.Monthly, CampaignGoalForecastMethod.RecentRunRate, 3), (goals[0].Measure, goals[0].Forecast, goals[0].ForecastMonths));
        Assert.Equal((CampaignGoalMeasure.Total, CampaignGoalTarget.Relative(25)), (goals[1].Measure, goals[1].Target));
    }
}
