using System.Globalization;
using System.Text;
using DataQualitySample;

namespace Martech.Sdk.IntegrationTests.Samples;

/// <summary>The DataQuality sample as its README runs it: the console reports what the engines found, the three CSV
/// files hold exactly that and read back, two runs write the same bytes, nothing is written without --apply, and
/// --apply followed by --undo gives back the seeded records.</summary>
public sealed class DataQualitySampleTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("martech-data-quality-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Run_TheFindingsCsv_HoldsEveryFindingTheReportCounted()
    {
        (DataQualityRun run, string console) = await RunAsync("run");
        DataQualityReport report = run.Report!;
        List<CsvRow> rows = await ReadAsync(run.Files!.Findings, SampleCsv.FindingHeaders);

        Assert.Equal(report.Totals.Findings, rows.Count);
        Assert.Equal(report.Totals.Findings, run.FindingRows);
        foreach (DataQualityFindingKind kind in Enum.GetValues<DataQualityFindingKind>())
        {
            Assert.Equal(report.Totals.Count(kind), rows.Count(r => r["kind"] == kind.ToString()));
            foreach (string instance in SampleData.Instances)
            {
                Assert.Equal(report.ByInstance[instance].Count(kind), rows.Count(r => r["kind"] == kind.ToString() && r["instance"] == instance));
            }

            // The console's table row: kind, total, then each instance.
            string line = $"{kind} {Count(report.Totals.Count(kind))} {string.Join(" ", SampleData.Instances.Select(i => Count(report.ByInstance[i].Count(kind))))}";
            Assert.Contains(line, Squeezed(console), StringComparison.Ordinal);
        }

        Assert.Equal(report.Totals.ContactsWithFindings, rows.Select(r => (r["instance"], r["contact_id"])).Distinct().Count());
        Assert.Contains($"{Count(report.Totals.Contacts)} contacts checked, {Count(report.Totals.ContactsWithFindings)} with findings, {Count(report.Totals.Findings)} findings.", console, StringComparison.Ordinal);
        Assert.Equal(run.Seed!.Stored.Values.Sum(), report.Totals.Contacts);

        // The samples the report kept are rows of the file, value for value.
        foreach (DataQualityFinding sample in report.Samples)
        {
            Assert.Contains(rows, r => r["instance"] == sample.Instance && r["contact_id"] == sample.ContactId && r["kind"] == sample.Kind.ToString()
                && r["field"] == sample.Field.ToString() && Unescaped(r["value"]) == (sample.Value ?? "") && r["reason"] == sample.Reason && r["suggestion"] == (sample.Suggestion ?? ""));
        }

        // Every kind the seeding plants is found, on the planted record (in-memory stand-ins stamp every write, so no
        // contact lacks UpdatedAt).
        foreach (DataQualityFindingKind kind in Enum.GetValues<DataQualityFindingKind>().Where(k => k != DataQualityFindingKind.MissingUpdatedAt))
        {
            Assert.True(report.Totals.Count(kind) > 0, $"no {kind} finding");
        }

        foreach (PlantedRecord planted in SampleData.Planted.Where(p => !p.Shows.StartsWith("a duplicate", StringComparison.Ordinal)))
        {
            string kind = planted.Shows.Split(':')[0];
            Assert.Contains(rows, r => r["kind"] == kind && r["instance"] == planted.Instance && r["email"] == planted.Contact.Email!.Value.Value);
        }
    }

    [Fact]
    public async Task Run_DuplicatesAndPreviewCsvs_HoldTheClustersAndEveryPlannedChangeAndOpenDecision()
    {
        (DataQualityRun run, string console) = await RunAsync("run");
        DuplicateDetectionResult found = run.Duplicates!;
        List<CsvRow> duplicates = await ReadAsync(run.Files!.Duplicates, SampleCsv.DuplicateHeaders);
        List<CsvRow> preview = await ReadAsync(run.Files.Preview, SampleCsv.PreviewHeaders);

        // The estimate is printed before the comparison, with each rule's pairs and largest block.
        int estimateAt = console.IndexOf("Blocking estimate, before any pair is compared", StringComparison.Ordinal);
        Assert.InRange(estimateAt, 0, console.IndexOf("Compared ", StringComparison.Ordinal));
        foreach (DuplicateRuleEstimate rule in run.Estimate!.Rules)
        {
            Assert.Contains($"{rule.Rule} {Count(rule.RecordsWithKey)} {Count(rule.Blocks)} {Count(rule.Pairs)} {Count(rule.LargestBlock)}", Squeezed(console), StringComparison.Ordinal);
        }

        Assert.Contains($"matched {Count(found.MatchedPairs)}: {Count(found.Clusters.Count)} clusters holding {Count(found.DuplicateRecords)} records", console, StringComparison.Ordinal);
        Assert.Equal(found.DuplicateRecords, duplicates.Count);
        Assert.True(found.Clusters.Count > 100, $"{found.Clusters.Count} clusters");
        foreach (ClusterProposal cluster in run.Clusters)
        {
            List<CsvRow> mine = [.. duplicates.Where(r => r["cluster"] == cluster.Id)];
            Assert.Equal(cluster.Cluster.Records.Select(r => (r.Instance, r.Contact.Id)), mine.Select(r => (r["instance"]!, r["contact_id"])));
            Assert.All(mine, r => Assert.True(double.Parse(r["best_score"]!, CultureInfo.InvariantCulture) >= 0.85, r["best_score"]));
        }

        // Ready merges: one row per field change, with the new value; open ones: one row per tie, nothing planned.
        var ready = run.Clusters.Where(c => c.Proposal.IsReady).ToList();
        var open = run.Clusters.Where(c => !c.Proposal.IsReady).ToList();
        Assert.NotEmpty(ready);
        Assert.NotEmpty(open);
        List<MergeFieldChange> changes = [.. ready.SelectMany(c => c.Proposal.Preview().Updates.SelectMany(p => p.Changes))];
        Assert.Equal(changes.Count, preview.Count(r => r["status"] == SampleCsv.Ready && r["field"] is { Length: > 0 }));
        Assert.Equal(open.Sum(c => c.Proposal.OpenDecisions.Count), preview.Count(r => r["status"] == SampleCsv.NeedsDecision));
        Assert.Equal(run.PreviewRows, preview.Count);
        Assert.Contains($"{Count(ready.Count)} merges ready", console, StringComparison.Ordinal);
        Assert.Contains($"{Count(open.Count)} need a decision", console, StringComparison.Ordinal);

        // The planted pair ties on the first name (both written at the same instant), so it is listed, never resolved.
        CsvRow grace = Assert.Single(preview, r => r["field"] == "FirstName" && r["status"] == SampleCsv.NeedsDecision && r["candidates"]!.Contains("'Gracie'", StringComparison.Ordinal));
        Assert.Contains("'Grace'", grace["candidates"], StringComparison.Ordinal);
        Assert.StartsWith("tie:", grace["reason"], StringComparison.Ordinal);
        Assert.Contains($"{grace["cluster"]}: tie: HubSpot", console, StringComparison.Ordinal);

        // A preview writes nothing: no audit log, no undo files.
        Assert.Contains("Nothing was written to HubSpot or Pipedrive", console, StringComparison.Ordinal);
        Assert.False(File.Exists(run.Files.Audit));
        Assert.False(Directory.Exists(run.Files.UndoFolder));
    }

    [Fact]
    public async Task Run_Twice_WritesTheSameCsvsByteForByte()
    {
        (DataQualityRun first, _) = await RunAsync("first");
        (DataQualityRun second, _) = await RunAsync("second");

        foreach (string file in new[] { DataQualityApp.FindingsFile, DataQualityApp.DuplicatesFile, DataQualityApp.PreviewFile })
        {
            byte[] a = await File.ReadAllBytesAsync(Path.Combine(first.Files!.Folder, file));
            byte[] b = await File.ReadAllBytesAsync(Path.Combine(second.Files!.Folder, file));
            Assert.True(a.Length > 1_000, $"{file}: {a.Length} bytes");
            Assert.True(a.AsSpan().SequenceEqual(b), $"{file} differs between two runs");
        }
    }

    [Fact]
    public async Task Apply_WritesTheReadyMerges_AndUndo_GivesBackTheSeededRecords()
    {
        await using SampleEnvironment environment = await SampleEnvironment.CreateAsync(SampleEnvironment.Configuration(SampleFolder), CancellationToken.None);
        Dictionary<(string, string), Contact> seeded = Snapshot(environment);
        string outFolder = Path.Combine(_folder, "apply");
        using var console = new StringWriter();

        DataQualityRun applied = await DataQualityApp.RunAsync(["--apply", "--out", outFolder], console, SampleFolder, environment, CancellationToken.None);

        Assert.True(applied.ExitCode == 0, console.ToString());
        var ready = applied.Clusters.Where(c => c.Proposal.IsReady).ToList();
        Assert.Equal(ready.Count, applied.Applied.Count);
        Assert.All(applied.Applied, r => Assert.True(r.Succeeded, string.Join("; ", r.Failures.Select(f => f.Error))));
        Assert.Equal(ready.Count, Directory.GetFiles(Path.Combine(outFolder, DataQualityApp.UndoFolder), "*.undo.json").Length);

        // Each planned update is in the store, field for field; records of merges that need a decision are untouched.
        Dictionary<(string, string), Contact> merged = Snapshot(environment);
        List<MergeRecordPlan> updates = [.. ready.SelectMany(c => c.Proposal.Preview().Updates)];
        Assert.True(updates.Count > 100, $"{updates.Count} updates");
        foreach (MergeRecordPlan plan in updates)
        {
            Contact now = merged[(plan.Instance, plan.ContactId)];
            Assert.All(plan.Changes, change => Assert.Equal(change.NewValue, change.Field.GetText(now)));
        }

        var touched = updates.Select(p => (p.Instance, p.ContactId)).ToHashSet();
        Assert.Equal(seeded.Keys.Order(), merged.Keys.Order());
        Assert.All(seeded.Where(s => !touched.Contains(s.Key)), s => Assert.Equal(Describe(s.Value), Describe(merged[s.Key])));
        // One audit line per record of each applied merge (updated, or already holding the merged values).
        int recordsInMerges = ready.Sum(c => c.Proposal.Preview().Records.Count);
        Assert.Equal(recordsInMerges, File.ReadLines(Path.Combine(outFolder, DataQualityApp.AuditFile)).Count());
        Assert.Contains($"To undo: dotnet run --project samples/DataQuality -- --undo {Path.Combine(outFolder, DataQualityApp.UndoFolder)}", console.ToString(), StringComparison.Ordinal);

        using var undoConsole = new StringWriter();
        DataQualityRun undone = await DataQualityApp.RunAsync(["--undo", Path.Combine(outFolder, DataQualityApp.UndoFolder)], undoConsole, SampleFolder, environment, CancellationToken.None);

        // Every field the merge changed has its seeded value back, except a blank the merge filled in a field the
        // contacts API cannot clear (email, phone, stage, consent): the preview said so (Reversible false), and the
        // undo reports exactly those records as Partial.
        Assert.True(undone.ExitCode == 0, undoConsole.ToString());
        Dictionary<(string, string), Contact> restored = Snapshot(environment);
        var irreversible = updates.Where(p => p.Changes.Any(c => !c.Reversible)).ToDictionary(p => (p.Instance, p.ContactId));
        Assert.NotEmpty(irreversible);
        foreach (((string, string) key, Contact before) in seeded)
        {
            Contact expected = before;
            if (irreversible.TryGetValue(key, out MergeRecordPlan? plan))
            {
                foreach (MergeFieldChange change in plan.Changes.Where(c => !c.Reversible))
                {
                    expected = change.Field.CopyValue(plan.After!, expected);
                }
            }

            Assert.Equal(Describe(expected), Describe(restored[key]));
        }

        List<MergeRecordOutcome> outcomes = [.. undone.Undone.SelectMany(u => u.Records)];
        Assert.Equal(updates.Count, outcomes.Count);
        Assert.Equal(irreversible.Keys.Order(), outcomes.Where(o => o.Status == MergeOutcomeStatus.Partial).Select(o => (o.Instance, o.ContactId)).Order());
        Assert.All(outcomes, o => Assert.True(o.Status is MergeOutcomeStatus.Succeeded or MergeOutcomeStatus.Partial, $"{o.Instance} {o.ContactId}: {o.Status} {o.Error}"));
        Assert.Equal(recordsInMerges + updates.Count, File.ReadLines(Path.Combine(outFolder, DataQualityApp.AuditFile)).Count());
    }

    [Fact]
    public async Task Arguments_ThatAreWrong_StopWithExitCode2_AndAnApplyNeverOverwritesUndoFiles()
    {
        using var output = new StringWriter();
        Assert.Equal(DataQualityApp.InputError, (await DataQualityApp.RunAsync(["--bogus"], output, SampleFolder, null, CancellationToken.None)).ExitCode);
        Assert.Equal(DataQualityApp.InputError, (await DataQualityApp.RunAsync(["--apply", "--undo", "x"], output, SampleFolder, null, CancellationToken.None)).ExitCode);
        Assert.Equal(DataQualityApp.InputError, (await DataQualityApp.RunAsync(["--undo", Path.Combine(_folder, "none")], output, SampleFolder, null, CancellationToken.None)).ExitCode);

        string undo = Path.Combine(_folder, "out", DataQualityApp.UndoFolder);
        Directory.CreateDirectory(undo);
        await File.WriteAllTextAsync(Path.Combine(undo, "D001.undo.json"), "{}");
        DataQualityRun refused = await DataQualityApp.RunAsync(["--apply", "--out", Path.Combine(_folder, "out")], output, SampleFolder, null, CancellationToken.None);

        Assert.Equal(DataQualityApp.InputError, refused.ExitCode);
        Assert.Equal("{}", await File.ReadAllTextAsync(Path.Combine(undo, "D001.undo.json")));
        Assert.Contains("unknown argument '--bogus'", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("already holds undo files of an earlier --apply", output.ToString(), StringComparison.Ordinal);
    }

    private async Task<(DataQualityRun Run, string Console)> RunAsync(string name)
    {
        using var output = new StringWriter();
        DataQualityRun run = await DataQualityApp.RunAsync(["--out", Path.Combine(_folder, name)], output, SampleFolder, null, CancellationToken.None);
        Assert.True(run.ExitCode == 0, output.ToString());
        return (run, output.ToString());
    }

    /// <summary>Reads a CSV back with <see cref="CsvTable.ReadAsync"/>: every row must parse and have the headers.</summary>
    private static async Task<List<CsvRow>> ReadAsync(string path, IReadOnlyList<string> headers)
    {
        var rows = new List<CsvRow>();
        await using FileStream file = File.OpenRead(path);
        await foreach (CsvRow row in CsvTable.ReadAsync(file))
        {
            Assert.True(row.IsValid, $"{Path.GetFileName(path)} row {row.RowNumber}: {string.Join("; ", row.Errors.Select(e => e.Reason))}");
            Assert.Equal(headers, row.Headers);
            rows.Add(row);
        }

        return rows;
    }

    // The files escape values a spreadsheet would run as formulas with a leading ' (CsvWriteOptions.EscapeFormulas).
    private static string Unescaped(string? value) =>
        value is ['\'', '=' or '+' or '-' or '@' or '\t' or '\r', ..] ? value[1..] : value ?? "";

    private static Dictionary<(string, string), Contact> Snapshot(SampleEnvironment environment) =>
        SampleData.Instances.SelectMany(i => environment.Store(i)!.Contacts.Select(c => (Key: (i, c.Id!), Contact: c))).ToDictionary(x => x.Key, x => x.Contact);

    // Every field a merge or an undo can touch, and the id and creation time; not UpdatedAt, which each write stamps.
    private static string Describe(Contact c)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{c.Id}|{c.Email}|{c.Phone}|{c.FirstName}|{c.LastName}|{c.Company}|{c.JobTitle}|{c.LifecycleStage}|{c.OwnerId}|{c.CreatedAt:O}");
        text.Append(CultureInfo.InvariantCulture, $"|{c.EmailConsent?.Status}/{c.EmailConsent?.Source}/{c.EmailConsent?.UpdatedAt:O}|{c.SmsConsent?.Status}/{c.SmsConsent?.Source}/{c.SmsConsent?.UpdatedAt:O}");
        foreach (string key in c.CustomFields.Keys.Order(StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"|{key}={c.CustomFields[key].GetRawText()}");
        }

        return text.ToString();
    }

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    // The console's tables pad with spaces: one space between cells makes a row easy to look for.
    private static string Squeezed(string text) => System.Text.RegularExpressions.Regex.Replace(text, " {2,}", " ");

    private static string SampleFolder { get; } = FindSampleFolder();

    private static string FindSampleFolder()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Martech.Sdk.sln")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir?.FullName ?? throw new DirectoryNotFoundException("The repository root was not found."), "samples", "DataQuality");
    }
}
