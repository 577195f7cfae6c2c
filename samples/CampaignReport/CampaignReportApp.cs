using System.Diagnostics;
using Martech.Sdk;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace CampaignReportSample;

/// <summary>The sample's whole run, callable from a test: read the recorded events, feed them to the SDK, build the
/// view model, write the HTML report and print the summary.</summary>
internal static class CampaignReportApp
{
    /// <summary>The exit code when the arguments or the events file are wrong.</summary>
    public const int InputError = 2;

    /// <summary>Where the report goes unless <c>--out</c> says otherwise (relative to the current folder).</summary>
    public const string DefaultOutput = "artifacts/campaign-report.html";

    /// <param name="args"><c>--events FILE</c> (default: the shipped <c>data/events.jsonl</c>), <c>--out FILE</c>
    /// (default <see cref="DefaultOutput"/>), or <c>--generate [FILE]</c> to write the events file from the seeded
    /// generator instead.</param>
    /// <param name="output">Where the summary goes.</param>
    /// <param name="sampleFolder">The folder holding <c>appsettings.json</c> (the analytics and the goals) and
    /// <c>data/events.jsonl</c>.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    public static async Task<CampaignReportRun> RunAsync(string[] args, TextWriter output, string sampleFolder, CancellationToken cancellationToken)
    {
        string events = Path.Combine(sampleFolder, "data", "events.jsonl");
        string report = DefaultOutput;
        string? generate = null;
        for (int i = 0; i < args.Length; i++)
        {
            string? Value() => i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : null;
            switch (args[i])
            {
                case "--events":
                    events = Value() ?? string.Empty;
                    break;
                case "--out":
                    report = Value() ?? string.Empty;
                    break;
                case "--generate":
                    generate = Value() ?? events;
                    break;
                default:
                    await output.WriteLineAsync($"CampaignReport: unknown argument '{args[i]}'. Use --events FILE, --out FILE or --generate [FILE].");
                    return new CampaignReportRun(InputError, null, null);
            }
        }

        if (events.Length == 0 || report.Length == 0)
        {
            await output.WriteLineAsync("CampaignReport: --events and --out each need a file name.");
            return new CampaignReportRun(InputError, null, null);
        }

        if (generate is not null)
        {
            IReadOnlyList<MartechEvent> generated = EventFileGenerator.Generate();
            await RecordedEventFile.WriteAsync(generate, generated, cancellationToken);
            EventFileFacts facts = RecordedEventFile.Describe(generated);
            await output.WriteLineAsync($"Wrote {facts.Lines} events (seed {EventFileGenerator.Seed}; {facts.Duplicates} redeliveries, {facts.OutOfOrder} out of order, {facts.MachineOpens} machine opens, {facts.MachineClicks} machine clicks) to {generate}.");
            return new CampaignReportRun(0, null, null);
        }

        if (!File.Exists(events))
        {
            await output.WriteLineAsync($"CampaignReport: the events file '{events}' does not exist.");
            return new CampaignReportRun(InputError, null, null);
        }

        var time = Stopwatch.StartNew();
        IReadOnlyList<MartechEvent> recorded;
        try
        {
            recorded = await RecordedEventFile.ReadAsync(events, cancellationToken);
        }
        catch (InvalidDataException ex)
        {
            await output.WriteLineAsync($"CampaignReport: {ex.Message}");
            return new CampaignReportRun(InputError, null, null);
        }

        // The report is as of the last recorded event, so the same file gives the same report on any day.
        var clock = new FixedClock(recorded.Count == 0 ? SampleCampaigns.To : recorded.Max(e => e.OccurredAt));
        IConfiguration configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(sampleFolder, "appsettings.json"), optional: false)
            .Build();
        AnalyticsReportStats source;
        try
        {
            source = await AnalyticsReportStats.LoadAsync(configuration, events, clock, cancellationToken);
        }
        catch (InvalidDataException ex)
        {
            await output.WriteLineAsync($"CampaignReport: {events}: {ex.Message}");
            return new CampaignReportRun(InputError, null, null);
        }
        catch (Exception ex) when (ex is OptionsValidationException or AggregateException { InnerExceptions: [OptionsValidationException, ..] })
        {
            await output.WriteLineAsync("CampaignReport: appsettings.json is not valid; fix it and run again:");
            IEnumerable<OptionsValidationException> invalid = ex is AggregateException all ? all.InnerExceptions.OfType<OptionsValidationException>() : [(OptionsValidationException)ex];
            foreach (string failure in invalid.SelectMany(e => e.Failures))
            {
                await output.WriteLineAsync($"  - {failure}");
            }

            return new CampaignReportRun(InputError, null, null);
        }

        await using AnalyticsReportStats _ = source;
        IReadOnlyList<CampaignGoalEvaluation> goals = await source.Goals.EvaluateAllAsync(cancellationToken);
        var input = new InputView(Path.GetFileName(events), RecordedEventFile.Describe(recorded), source.Ingested, clock.GetUtcNow());
        CampaignReportModel model = await CampaignReportBuilder.BuildAsync(
            source.Stats,
            AnalyticsReportStats.Description,
            [.. SampleCampaigns.All.Select(c => (c.Id, c.Name))],
            SampleCampaigns.From,
            SampleCampaigns.To,
            [.. goals.Select(GoalView.From)],
            input,
            cancellationToken);

        string html = HtmlReport.Render(model);
        string fullPath = Path.GetFullPath(report);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        await File.WriteAllTextAsync(fullPath, html, cancellationToken);

        ConsoleSummary.Write(model, output);
        await output.WriteLineAsync();
        await output.WriteLineAsync($"Report: {fullPath} ({model.CtrPoints} CTR points, {html.Length / 1024} KiB, self-contained). Done in {time.Elapsed.TotalSeconds:0.0} s.");
        return new CampaignReportRun(0, model, fullPath, goals);
    }
}

/// <summary>How the run ended: the view model, where the HTML went, and the goal evaluations the goal views were made
/// from (null or empty when it did not get that far).</summary>
internal sealed record CampaignReportRun(int ExitCode, CampaignReportModel? Model, string? HtmlPath, IReadOnlyList<CampaignGoalEvaluation>? Goals = null);
