using System.Globalization;
using Martech.Sdk;

namespace DataQualitySample;

/// <summary>The run in a terminal: the seeding, the report's totals per kind and instance with an example of each kind,
/// the blocking estimate, the largest clusters with their evidence, the merges that need a decision, a few preview diffs
/// and the files.</summary>
internal static class ConsoleSummary
{
    /// <summary>How many clusters are shown with their evidence.</summary>
    public const int TopClusters = 3;

    /// <summary>How many clusters' preview diffs are shown.</summary>
    public const int PreviewClusters = 3;

    public static void Write(DataQualityRun run, string mergeRules, TextWriter output)
    {
        SeedSummary seed = run.Seed!;
        DataQualityReport report = run.Report!;
        output.WriteLine($"DataQuality: {string.Join(" and ", SampleData.Instances)} (in-memory stand-ins), as of {SampleData.AsOf:yyyy-MM-dd HH:mm} UTC");
        output.WriteLine($"Seeded {Count(seed.Stored.Values.Sum())} contacts: {string.Join(", ", seed.Stored.Select(s => $"{s.Key} {Count(s.Value)}"))}. From MessyContacts (seed {SampleData.Seed}, {Count(SampleData.GeneratedCount)} records, {SampleData.DuplicateRate * 100:0} % of people with copies) and {seed.Planted} hand-written records; left out: {Count(seed.NoAddress)} without an email address (the contacts API creates by address) and {Count(seed.SameAddress)} copies whose instance already held the address.");

        // 1. The report.
        output.WriteLine();
        output.WriteLine("1. Quality report (Martech:DataQuality:Report)");
        output.WriteLine($"   {Count(report.Totals.Contacts)} contacts checked, {Count(report.Totals.ContactsWithFindings)} with findings, {Count(report.Totals.Findings)} findings.");
        var rows = Enum.GetValues<DataQualityFindingKind>().Select(kind => (string[])
        [
            kind.ToString(),
            Count(report.Totals.Count(kind)),
            .. SampleData.Instances.Select(i => Count(report.ByInstance.TryGetValue(i, out DataQualityTotals? t) ? t.Count(kind) : 0)),
        ]).ToList();
        rows.Add(["All", Count(report.Totals.Findings), .. SampleData.Instances.Select(i => Count(report.ByInstance.TryGetValue(i, out DataQualityTotals? t) ? t.Findings : 0))]);
        Table(output, ["Kind", "Total", .. SampleData.Instances], rows);
        output.WriteLine("   One example of each kind:");
        foreach (DataQualityFinding f in report.Samples.GroupBy(f => f.Kind).Select(g => g.First()))
        {
            output.WriteLine($"   {f.Kind,-17} {f.Instance} {f.ContactId} {f.Field}: {Text(f.Value)} — {f.Reason}{(f.Suggestion is null ? "" : $" → {f.Suggestion}")}");
        }

        // 2. Duplicates.
        DuplicateBlockingEstimate estimate = run.Estimate!;
        DuplicateDetectionResult found = run.Duplicates!;
        long allPairs = estimate.Records * (estimate.Records - 1) / 2;
        output.WriteLine();
        output.WriteLine("2. Duplicates (Martech:DataQuality:Duplicates)");
        output.WriteLine($"   Blocking estimate, before any pair is compared: {Count(estimate.Records)} records; comparing all would be {Count(allPairs)} pairs.");
        Table(output, ["Rule", "Records with a key", "Blocks", "Pairs", "Largest block"],
            [.. estimate.Rules.Select(r => new[] { r.Rule.ToString(), Count(r.RecordsWithKey), Count(r.Blocks), Count(r.Pairs), Count(r.LargestBlock) })]);
        output.WriteLine($"   Candidate pairs: {Count(estimate.TotalPairs)} ({Percent(estimate.TotalPairs, allPairs)} of all pairs); no block above {Count(estimate.Rules.Max(r => r.LargestBlock))} records; {estimate.OversizedBlocks.Count} oversized.");
        output.WriteLine($"   Compared {Count(found.ComparedPairs)} pairs (a pair shared by several rules once), matched {Count(found.MatchedPairs)}: {Count(found.Clusters.Count)} clusters holding {Count(found.DuplicateRecords)} records, {Count(found.Clusters.Count(c => c.IsCrossInstance))} of them across both instances.");
        output.WriteLine($"   The largest clusters and the closest call, with the evidence:");
        List<ClusterProposal> shown = [.. Ordered(run.Clusters).Take(TopClusters)];
        ClusterProposal? closest = run.Clusters.Except(shown).MinBy(c => c.Cluster.Matches.Min(m => m.Score));
        foreach (ClusterProposal cluster in closest is null ? shown : [.. shown, closest])
        {
            IReadOnlyList<SourcedContact> records = cluster.Cluster.Records;
            string what = ReferenceEquals(cluster, closest) ? "the closest call: its weakest match has the lowest score of any cluster" : $"{records.Count} records";
            output.WriteLine($"   {cluster.Id}: {what}{(cluster.Cluster.IsCrossInstance ? ", across instances" : "")}");
            foreach (SourcedContact r in records)
            {
                Contact c = r.Contact;
                output.WriteLine($"     {r.Instance,-9} {c.Id,-7} {c.FirstName} {c.LastName} <{Text(c.Email?.Value)}> {Text(c.Phone?.Value)}, {Text(c.Company)}, updated {c.UpdatedAt:yyyy-MM-dd}");
            }

            foreach (DuplicateMatch m in cluster.Cluster.Matches)
            {
                output.WriteLine($"     {records[m.First].Contact.Id} ~ {records[m.Second].Contact.Id}: score {m.Score:0.000} by the {m.Rule} rule; agreed on {string.Join(", ", m.AgreedFields)}; " +
                    string.Join(", ", m.Fields.Where(f => !f.Agreed).Select(f => $"{f.Field} {f.Similarity:0.00}")).Trim() switch { "" => "nothing disagreed", var s => "differed: " + s });
            }
        }

        // 3. The merge preview.
        var ready = run.Clusters.Where(c => c.Proposal.IsReady).ToList();
        var open = run.Clusters.Where(c => !c.Proposal.IsReady).ToList();
        var plans = ready.SelectMany(c => c.Proposal.Preview().Updates).ToList();
        int changes = plans.Sum(p => p.Changes.Count);
        output.WriteLine();
        output.WriteLine($"3. Merge preview (Martech:DataQuality:Merge: {mergeRules})");
        output.WriteLine($"   {Count(ready.Count)} merges ready: {Count(plans.Count)} records would be updated, {Count(changes)} field changes ({Count(plans.Sum(p => p.Changes.Count(c => !c.Reversible)))} fill a blank an undo cannot clear again); {Count(open.Count)} need a decision.");
        output.WriteLine("   Needs a decision (a tie picks no winner), by what tied, with the first of each:");
        var ties = open.SelectMany(c => c.Proposal.Survivors.Where(s => s.NeedsDecision).Select(s => (Cluster: c, What: $"the survivor in {s.Instance}", Text: $"{s.Reason}; candidates {string.Join(", ", s.Records.Select(r => r.Contact.Id))}"))
                .Concat(c.Proposal.Fields.Where(f => f.NeedsDecision).Select(f => (Cluster: c, What: f.Field.ToString(), Text: $"{f.Reason}; candidates {SampleCsv.Candidates(f)}"))))
            .GroupBy(t => t.What, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal);
        foreach (var tie in ties)
        {
            var first = tie.First();
            output.WriteLine($"   {tie.Key}: {Count(tie.Count())} {(tie.Count() == 1 ? "merge" : "merges")}, such as {first.Cluster.Id}: {first.Text}");
        }

        output.WriteLine("   Preview, old → new and why:");
        foreach (ClusterProposal cluster in Ordered(ready).Where(c => c.Proposal.Preview().Updates.Any()).Take(PreviewClusters))
        {
            foreach (MergeRecordPlan plan in cluster.Proposal.Preview().Updates)
            {
                output.WriteLine($"   {cluster.Id} {plan.Instance} {plan.ContactId}:");
                foreach (MergeFieldChange change in plan.Changes)
                {
                    output.WriteLine($"     {change.Field}: {Text(change.OldValue)} → {change.NewValue} ({cluster.Proposal[change.Field].Reason})");
                }
            }
        }

        OutputFiles files = run.Files!;
        output.WriteLine();
        output.WriteLine($"Files in {DataQualityApp.Shown(files.Folder)}:");
        output.WriteLine($"   {DataQualityApp.FindingsFile}: {Count(run.FindingRows)} findings");
        output.WriteLine($"   {DataQualityApp.DuplicatesFile}: {Count(run.DuplicateRows)} records in {Count(run.Clusters.Count)} clusters");
        output.WriteLine($"   {DataQualityApp.PreviewFile}: {Count(run.PreviewRows)} rows (each field change, each record left unchanged, each open decision)");
    }

    /// <summary>The clusters by size, largest first, then those across instances, then by id.</summary>
    public static IEnumerable<ClusterProposal> Ordered(IEnumerable<ClusterProposal> clusters) =>
        clusters.OrderByDescending(c => c.Cluster.Records.Count).ThenByDescending(c => c.Cluster.IsCrossInstance).ThenBy(c => c.Id, StringComparer.Ordinal);

    private static string Text(string? value) => string.IsNullOrWhiteSpace(value) ? "(blank)" : value;

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Percent(long part, long whole) => whole == 0 ? "n/a" : (100.0 * part / whole).ToString("0.000", CultureInfo.InvariantCulture) + " %";

    private static void Table(TextWriter output, string[] header, List<string[]> rows)
    {
        int[] widths = [.. header.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max())];
        string Line(string[] cells) => "   " + string.Join("  ", cells.Select((c, i) => i == 0 ? c.PadRight(widths[i]) : c.PadLeft(widths[i])));
        output.WriteLine(Line(header));
        output.WriteLine(Line([.. widths.Select(w => new string('-', w))]));
        foreach (string[] row in rows)
        {
            output.WriteLine(Line(row));
        }
    }
}
