using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Martech.Sdk.Docs.Tests;

/// <summary>The programs of docs/slas.md print what the page says they print.</summary>
[Collection(nameof(RunsDocumentedProgramsCollection))]
public sealed class SlasDocsTests
{
    private const string Page = "docs/slas.md";

    [Fact]
    public async Task EvaluatorExample_PrintsTheBreachItsCommentShows()
    {
        IReadOnlyList<string> lines = await RunAsync("SlaEvaluator.Evaluate(policy");

        Assert.Equal(["Breached: due 2026-12-07 14:00:00Z, 01:00:00 late"], lines);
    }

    [Fact]
    public async Task SimulatedRun_ShowsTheLeadAtRiskThenBreached_WithOneCardEach()
    {
        IReadOnlyList<string> lines = await RunAsync("new ManualTimeProvider(");

        Assert.Contains(lines, l => l.StartsWith("2026-12-07T12:00:00.000Z: first-touch lead ", StringComparison.Ordinal) && l.EndsWith(": AtRisk, due 2026-12-07T13:00:00.0000000+00:00", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("2026-12-07T14:00:00.000Z: first-touch lead ", StringComparison.Ordinal) && l.Contains(": Breached, due 2026-12-07T13:00:00", StringComparison.Ordinal));
        Assert.Equal(1, lines.Count(l => l == "SLA at risk: first-touch"));
        Assert.Equal(1, lines.Count(l => l == "SLA breached: first-touch"));
        Assert.Contains("Late by: 1 h", lines);
        Assert.Contains("Owner: rep-7", lines);
    }

    [Fact]
    public void ConfigurationExample_WithItsCalendar_PassesStartUpValidation_AndCountsInTheCalendar()
    {
        CodeBlock json = Markdown.CodeBlocks(Page).Single(b => b.Language == "json" && b.Code.Contains("\"Calendars\"", StringComparison.Ordinal));
        IConfigurationRoot configuration = new ConfigurationBuilder()
            .AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json.Code)))
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                // The page's vendors are HubSpot and Slack; the in-memory provider stands in for both here.
                ["Martech:Slas:LeadsProvider"] = "InMemory",
                ["Martech:Slas:Escalation:Provider"] = "InMemory",
            })
            .Build();
        var services = new ServiceCollection().AddLogging();
        MartechBuilder martech = services.AddMartech(configuration.GetSection("Martech"));
        martech.AddInMemory();
        martech.AddPublicHolidays();
        martech.AddSlas();
        using ServiceProvider provider = services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();

        IBusinessCalendar sales = provider.GetRequiredService<IBusinessCalendars>().Get("sales");
        Assert.Equal("sales", Assert.Single(provider.GetRequiredService<SlaMonitor>().Policies, p => p.Name == "mql-first-touch").Calendar);

        // Friday 2026-12-18 14:00 in Berlin (13:00 UTC): one hour to the 15:00 Friday close, then three from Monday 08:30.
        Assert.Equal(new DateTimeOffset(2026, 12, 21, 11, 30, 0, TimeSpan.FromHours(1)), sales.AddBusinessTime(new DateTimeOffset(2026, 12, 18, 14, 0, 0, TimeSpan.FromHours(1)), TimeSpan.FromHours(4)));
    }

    private static async Task<IReadOnlyList<string>> RunAsync(string marker)
    {
        CodeBlock block = CSharpBlockTests.AllCSharpBlocks().Single(b => b.File == Page && b.Code.Contains(marker, StringComparison.Ordinal));
        SnippetCompilation compiled = SnippetCompiler.Compile(block);
        using var console = new ConsoleCapture();
        await compiled.RunAsync();
        return console.Lines;
    }
}
