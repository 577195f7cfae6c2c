using System.Diagnostics;
using System.Threading.Channels;
using Martech.Sdk;
using Microsoft.Extensions.Options;

namespace DataQualitySample;

/// <summary>The sample's whole run, callable from a test: the quality report, duplicate detection (the blocking
/// estimate first), a merge preview for every cluster, the console summary and the CSV files; with <c>--apply</c>, the
/// merges that need no decision are written, with an audit log and undo files; <c>--undo</c> puts them back.</summary>
internal static class DataQualityApp
{
    /// <summary>The exit code when the arguments or the settings are wrong.</summary>
    public const int InputError = 2;

    /// <summary>The exit code when a merge or an undo failed for some record (each is listed).</summary>
    public const int WriteFailed = 1;

    /// <summary>Where the files go unless <c>--out</c> says otherwise (relative to the current folder).</summary>
    public const string DefaultOutput = "artifacts/data-quality";

    public const string FindingsFile = "findings.csv";
    public const string DuplicatesFile = "duplicates.csv";
    public const string PreviewFile = "merge-preview.csv";
    public const string AuditFile = "merge-audit.jsonl";
    public const string UndoFolder = "undo";

    /// <summary>Who the audit log says applied the merges.</summary>
    public const string Actor = "DataQuality sample";

    /// <param name="args"><c>--out DIR</c> (default <see cref="DefaultOutput"/>), <c>--apply</c> (write the merges that
    /// need no decision), or <c>--undo DIR|FILE</c> (undo the merges of an undo folder or one undo file).</param>
    /// <param name="output">Where the summary goes.</param>
    /// <param name="sampleFolder">The folder holding <c>appsettings.json</c>.</param>
    /// <param name="environment">The providers and engines to use; <see langword="null"/> builds and seeds them from
    /// the sample folder's settings (a test passes its own, to look at the stores before and after).</param>
    /// <param name="cancellationToken">Stops the run.</param>
    public static async Task<DataQualityRun> RunAsync(string[] args, TextWriter output, string sampleFolder, SampleEnvironment? environment, CancellationToken cancellationToken)
    {
        string folder = DefaultOutput;
        bool apply = false;
        string? undo = null;
        for (int i = 0; i < args.Length; i++)
        {
            string? Value() => i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : null;
            switch (args[i])
            {
                case "--out":
                    folder = Value() ?? string.Empty;
                    break;
                case "--apply":
                    apply = true;
                    break;
                case "--undo":
                    undo = Value() ?? string.Empty;
                    break;
                default:
                    await output.WriteLineAsync($"DataQuality: unknown argument '{args[i]}'. Use --out DIR, --apply, or --undo DIR|FILE.");
                    return DataQualityRun.Failed(InputError);
            }
        }

        if (folder.Length == 0 || undo is { Length: 0 })
        {
            await output.WriteLineAsync("DataQuality: --out needs a folder and --undo an undo folder or file.");
            return DataQualityRun.Failed(InputError);
        }

        if (apply && undo is not null)
        {
            await output.WriteLineAsync("DataQuality: give --apply or --undo, not both.");
            return DataQualityRun.Failed(InputError);
        }

        string outFolder = Path.GetFullPath(folder);
        if (apply && Directory.Exists(Path.Combine(outFolder, UndoFolder)) && Directory.EnumerateFiles(Path.Combine(outFolder, UndoFolder)).Any())
        {
            await output.WriteLineAsync($"DataQuality: {Path.Combine(outFolder, UndoFolder)} already holds undo files of an earlier --apply, and an undo file is never overwritten: move them away (once undone with --undo, if they should be) or give another --out.");
            return DataQualityRun.Failed(InputError);
        }

        var time = Stopwatch.StartNew();
        SampleEnvironment? owned = null;
        if (environment is null)
        {
            try
            {
                environment = owned = await SampleEnvironment.CreateAsync(SampleEnvironment.Configuration(sampleFolder), cancellationToken);
            }
            catch (Exception ex) when (ex is OptionsValidationException or AggregateException { InnerExceptions: [OptionsValidationException, ..] })
            {
                await output.WriteLineAsync("DataQuality: appsettings.json is not valid; fix it and run again:");
                IEnumerable<OptionsValidationException> invalid = ex is AggregateException all ? all.InnerExceptions.OfType<OptionsValidationException>() : [(OptionsValidationException)ex];
                foreach (string failure in invalid.SelectMany(e => e.Failures))
                {
                    await output.WriteLineAsync($"  - {failure}");
                }

                return DataQualityRun.Failed(InputError);
            }
        }

        try
        {
            if (undo is not null)
            {
                return await UndoAsync(environment, Path.GetFullPath(undo), output, cancellationToken);
            }

            return await AnalyseAsync(environment, outFolder, apply, output, time, cancellationToken);
        }
        finally
        {
            if (owned is not null)
            {
                await owned.DisposeAsync();
            }
        }
    }

    private static async Task<DataQualityRun> AnalyseAsync(SampleEnvironment environment, string outFolder, bool apply, TextWriter output, Stopwatch time, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(outFolder);
        var files = new OutputFiles(outFolder);

        // 1. The quality report. Each finding goes from the checker's sink through a small channel to the CSV writer as
        //    it is found, so a million contacts would not pile up in memory.
        var channel = Channel.CreateBounded<DataQualityFinding>(new BoundedChannelOptions(256) { SingleReader = true, SingleWriter = true });
        Task<long> findingRows = SampleCsv.WriteFindingsAsync(files.Findings, channel.Reader.ReadAllAsync(cancellationToken), cancellationToken);
        DataQualityReport report;
        try
        {
            report = await environment.Checker.ReportAsync(
                environment.AllContacts(cancellationToken),
                (finding, ct) => channel.Writer.WriteAsync(finding, ct),
                cancellationToken);
        }
        finally
        {
            channel.Writer.TryComplete();
        }

        long findingsWritten = await findingRows;

        // 2. Duplicates: the blocking estimate first (nothing compared yet), then the comparison.
        DuplicateBlockingEstimate estimate = await environment.Detector.EstimateAsync(environment.AllContacts(cancellationToken), cancellationToken);
        DuplicateDetectionResult duplicates = await environment.Detector.FindAsync(environment.AllContacts(cancellationToken), cancellationToken);
        IReadOnlyList<ClusterProposal> clusters = [.. duplicates.Clusters.Select((c, i) => new ClusterProposal($"D{i + 1:000}", c, environment.Merger.Propose(c.Records)))];

        // 3. The merge preview of each cluster (proposals read and write nothing).
        long duplicateRows = await SampleCsv.WriteDuplicatesAsync(files.Duplicates, clusters, cancellationToken);
        long previewRows = await SampleCsv.WritePreviewAsync(files.Preview, clusters, cancellationToken);

        var run = new DataQualityRun(0, environment.Seed, report, estimate, duplicates, clusters, files, findingsWritten, duplicateRows, previewRows);
        ConsoleSummary.Write(run, environment.MergeRules, output);

        if (apply)
        {
            run = await ApplyAsync(environment, run, output, cancellationToken);
        }
        else
        {
            await output.WriteLineAsync($"Nothing was written to {string.Join(" or ", SampleData.Instances)}: this was a preview. `-- --apply` writes the {clusters.Count(c => c.Proposal.IsReady)} merges that need no decision.");
        }

        await output.WriteLineAsync($"Done in {time.Elapsed.TotalSeconds:0.0} s.");
        return run;
    }

    private static async Task<DataQualityRun> ApplyAsync(SampleEnvironment environment, DataQualityRun run, TextWriter output, CancellationToken cancellationToken)
    {
        OutputFiles files = run.Files!;
        Directory.CreateDirectory(files.UndoFolder);
        var results = new List<(ClusterProposal Cluster, MergeResult Result)>();
        foreach (ClusterProposal cluster in run.Clusters.Where(c => c.Proposal.IsReady))
        {
            MergeResult result = await environment.Merger.ApplyAsync(cluster.Proposal, new MergeWriteOptions
            {
                Actor = Actor,
                AuditLogPath = files.Audit,
                UndoFilePath = Path.Combine(files.UndoFolder, cluster.Id + ".undo.json"),
            }, cancellationToken);
            results.Add((cluster, result));
        }

        IReadOnlyList<MergeRecordOutcome> outcomes = [.. results.SelectMany(r => r.Result.Records)];
        var failures = results.SelectMany(r => r.Result.Failures.Select(f => (r.Cluster.Id, Failure: f))).ToList();
        await output.WriteLineAsync();
        await output.WriteLineAsync($"4. Applied {results.Count} merges (--apply)");
        await output.WriteLineAsync($"   {outcomes.Count(o => o.Action == MergeAction.Update && o.Status == MergeOutcomeStatus.Succeeded)} records updated, {outcomes.Count(o => o.Action == MergeAction.Delete && o.Status == MergeOutcomeStatus.Succeeded)} deleted, {failures.Count} not written; {run.Clusters.Count(c => !c.Proposal.IsReady)} merges that need a decision were left alone.");
        foreach ((string id, MergeRecordOutcome failure) in failures)
        {
            await output.WriteLineAsync($"   {id} {failure.Instance} {failure.ContactId}: {failure.Status}: {failure.Error}");
        }

        await output.WriteLineAsync($"   Audit log: {Shown(files.Audit)}");
        await output.WriteLineAsync($"   Undo files (one per merge): {Shown(files.UndoFolder)}");
        await output.WriteLineAsync($"   To undo: dotnet run --project samples/DataQuality -- --undo {Shown(files.UndoFolder)}");
        await output.WriteLineAsync("   (The in-memory stand-ins live only as long as the process, so a later run starts from the seeded data again; against real vendors the command above puts the old values back.)");
        return run with { ExitCode = failures.Count == 0 ? 0 : WriteFailed, Applied = results.Select(r => r.Result).ToList() };
    }

    private static async Task<DataQualityRun> UndoAsync(SampleEnvironment environment, string undo, TextWriter output, CancellationToken cancellationToken)
    {
        string[] undoFiles = File.Exists(undo) ? [undo]
            : Directory.Exists(undo) ? [.. Directory.EnumerateFiles(undo, "*.undo.json").Order(StringComparer.Ordinal).Reverse()]
            : [];
        if (undoFiles.Length == 0)
        {
            await output.WriteLineAsync($"DataQuality: '{undo}' is neither an undo file nor a folder holding *.undo.json files.");
            return DataQualityRun.Failed(InputError);
        }

        string audit = Path.Combine(File.Exists(undo) ? Path.GetDirectoryName(Path.GetDirectoryName(undo)!)! : Path.GetDirectoryName(undo.TrimEnd(Path.DirectorySeparatorChar))!, AuditFile);
        var undone = new List<MergeUndoResult>();
        foreach (string file in undoFiles)
        {
            undone.Add(await environment.Merger.UndoAsync(file, new MergeWriteOptions { Actor = Actor, AuditLogPath = audit }, cancellationToken));
        }

        IReadOnlyList<MergeRecordOutcome> outcomes = [.. undone.SelectMany(u => u.Records)];
        await output.WriteLineAsync($"Undid {undone.Count} merges: {outcomes.Count(o => o.Status == MergeOutcomeStatus.Succeeded)} records restored, {outcomes.Count(o => o.Status == MergeOutcomeStatus.Partial)} restored except fields an undo cannot clear, {outcomes.Count(o => o.Status is MergeOutcomeStatus.Failed or MergeOutcomeStatus.Skipped)} not restored.");
        foreach (MergeRecordOutcome outcome in outcomes.Where(o => o.Status != MergeOutcomeStatus.Succeeded))
        {
            await output.WriteLineAsync($"   {outcome.Instance} {outcome.ContactId}: {outcome.Status}: {outcome.Error}");
        }

        await output.WriteLineAsync($"   Audit log: {Shown(audit)}");
        if (SampleData.Instances.All(i => environment.Store(i) is not null))
        {
            await output.WriteLineAsync($"   ({string.Join(" and ", SampleData.Instances)} are in-memory stand-ins, seeded afresh for this run, so nothing merged was here to undo: the old values were written over the same values. Against real vendors this puts back what --apply changed.)");
        }

        bool failed = outcomes.Any(o => o.Status is MergeOutcomeStatus.Failed or MergeOutcomeStatus.Skipped);
        return DataQualityRun.Failed(failed ? WriteFailed : 0) with { Undone = undone };
    }

    /// <summary>A path as the user would type it: relative to the current folder when it is inside it.</summary>
    public static string Shown(string path)
    {
        string relative = Path.GetRelativePath(Environment.CurrentDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative;
    }
}

/// <summary>One duplicate cluster, its id in the files and on the console, and its merge proposal.</summary>
internal sealed record ClusterProposal(string Id, DuplicateCluster Cluster, MergeProposal Proposal);

/// <summary>Where the run's files go.</summary>
internal sealed record OutputFiles(string Folder)
{
    public string Findings => Path.Combine(Folder, DataQualityApp.FindingsFile);

    public string Duplicates => Path.Combine(Folder, DataQualityApp.DuplicatesFile);

    public string Preview => Path.Combine(Folder, DataQualityApp.PreviewFile);

    public string Audit => Path.Combine(Folder, DataQualityApp.AuditFile);

    public string UndoFolder => Path.Combine(Folder, DataQualityApp.UndoFolder);
}

/// <summary>How the run ended and what it found (null where it did not get that far).</summary>
internal sealed record DataQualityRun(
    int ExitCode,
    SeedSummary? Seed,
    DataQualityReport? Report,
    DuplicateBlockingEstimate? Estimate,
    DuplicateDetectionResult? Duplicates,
    IReadOnlyList<ClusterProposal> Clusters,
    OutputFiles? Files,
    long FindingRows,
    long DuplicateRows,
    long PreviewRows)
{
    /// <summary>With <c>--apply</c>: each merge's result.</summary>
    public IReadOnlyList<MergeResult> Applied { get; init; } = [];

    /// <summary>With <c>--undo</c>: each undo's result.</summary>
    public IReadOnlyList<MergeUndoResult> Undone { get; init; } = [];

    public static DataQualityRun Failed(int exitCode) => new(exitCode, null, null, null, null, [], null, 0, 0, 0);
}
