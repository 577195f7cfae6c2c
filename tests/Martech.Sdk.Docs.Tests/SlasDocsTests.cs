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

    private static async Task<IReadOnlyList<string>> RunAsync(string marker)
    {
        CodeBlock block = CSharpBlockTests.AllCSharpBlocks().Single(b => b.File == Page && b.Code.Contains(marker, StringComparison.Ordinal));
        SnippetCompilation compiled = SnippetCompiler.Compile(block);
        using var console = new ConsoleCapture();
        await compiled.RunAsync();
        return console.Lines;
    }
}
