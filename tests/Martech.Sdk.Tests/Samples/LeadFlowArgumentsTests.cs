using LeadFlow;

namespace Martech.Sdk.Tests.Samples;

/// <summary>LeadFlow's own command-line options, and what it leaves for configuration.</summary>
public class LeadFlowArgumentsTests
{
    [Fact]
    public void TryParse_NoArguments_SummaryOnly()
    {
        Assert.True(LeadFlowArguments.TryParse([], out var parsed, out string? error));

        Assert.Null(error);
        Assert.False(parsed.Details);
        Assert.Null(parsed.ReportPath);
        Assert.Empty(parsed.HostArguments);
    }

    [Theory]
    [InlineData(new[] { "--report", "out/leads.csv" }, "out/leads.csv", ReportFormat.Csv)]
    [InlineData(new[] { "--report=leads.json" }, "leads.json", ReportFormat.Json)]
    [InlineData(new[] { "--report", "LEADS.CSV" }, "LEADS.CSV", ReportFormat.Csv)]
    public void TryParse_Report_FormatFromExtension(string[] args, string path, ReportFormat format)
    {
        Assert.True(LeadFlowArguments.TryParse(args, out var parsed, out _));

        Assert.Equal(path, parsed.ReportPath);
        Assert.Equal(format, parsed.ReportFormat);
    }

    [Fact]
    public void TryParse_OwnOptionsTaken_ConfigurationLeftForTheHost()
    {
        Assert.True(LeadFlowArguments.TryParse(["--LeadFlow:Notify", "#sales", "--details", "--report", "r.json", "--Martech:Defaults:Email=InMemory"], out var parsed, out _));

        Assert.True(parsed.Details);
        Assert.Equal("r.json", parsed.ReportPath);
        Assert.Equal(["--LeadFlow:Notify", "#sales", "--Martech:Defaults:Email=InMemory"], parsed.HostArguments);
    }

    [Theory]
    [InlineData(new[] { "--report", "leads.txt" }, "--report 'leads.txt': the file's extension chooses the format; use .csv or .json.")]
    [InlineData(new[] { "--report", "leads" }, "use .csv or .json")]
    [InlineData(new[] { "--report" }, "--report needs a file name ending in .csv or .json")]
    [InlineData(new[] { "--report=" }, "--report needs a file name")]
    [InlineData(new[] { "--report", "--details" }, "--report needs a file name")]
    [InlineData(new[] { "--report", "a.csv", "--report", "b.json" }, "--report is given twice ('a.csv' and 'b.json')")]
    public void TryParse_BadReport_ErrorNamesTheFix(string[] args, string expected)
    {
        Assert.False(LeadFlowArguments.TryParse(args, out _, out string? error));

        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_PrintsUsage_RunsNothing()
    {
        var output = new StringWriter();
        var console = Spectre.Console.AnsiConsole.Create(new Spectre.Console.AnsiConsoleSettings { Out = new Spectre.Console.AnsiConsoleOutput(output) });

        Assert.Equal(0, await LeadFlowApp.RunAsync(["--help"], console, TextWriter.Null, new NoStepProgress(), CancellationToken.None));

        Assert.Equal(LeadFlowArguments.Usage + Environment.NewLine, output.ToString());
    }
}
