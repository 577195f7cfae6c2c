using System.Globalization;
using System.Runtime.CompilerServices;
using Martech.Sdk;

namespace DataQualitySample;

/// <summary>The three CSV files, written with <c>CsvTable.WriteAsync</c>:
/// UTF-8 with a byte-order mark (so a spreadsheet opens it as UTF-8), and values that a spreadsheet would run as a
/// formula (<c>=</c>, <c>+</c>, <c>-</c>, <c>@</c> first, such as a phone number <c>+1…</c>) written with a leading
/// <c>'</c>, since the values come from outside.</summary>
internal static class SampleCsv
{
    public static readonly CsvWriteOptions Options = new() { EscapeFormulas = true, WriteByteOrderMark = true };

    public static readonly string[] FindingHeaders = ["instance", "contact_id", "email", "kind", "field", "value", "reason", "suggestion"];

    public static readonly string[] DuplicateHeaders =
        ["cluster", "records", "across_instances", "instance", "contact_id", "first_name", "last_name", "email", "phone", "company", "updated_at", "best_score", "matched_with", "matched_by", "agreed_fields"];

    public static readonly string[] PreviewHeaders =
        ["cluster", "status", "instance", "contact_id", "action", "field", "old_value", "new_value", "undo_can_clear", "rule", "reason", "candidates"];

    /// <summary>The status of a cluster whose merge can be applied.</summary>
    public const string Ready = "ready";

    /// <summary>The status of a cluster with a tie: no value (or no survivor) was picked.</summary>
    public const string NeedsDecision = "needs a decision";

    public static async Task<long> WriteFindingsAsync(string path, IAsyncEnumerable<DataQualityFinding> findings, CancellationToken cancellationToken)
    {
        await using FileStream file = File.Create(path);
        return await CsvTable.WriteAsync(file, FindingHeaders, FindingRows(findings, cancellationToken), Options, cancellationToken);
    }

    public static async Task<long> WriteDuplicatesAsync(string path, IReadOnlyList<ClusterProposal> clusters, CancellationToken cancellationToken)
    {
        await using FileStream file = File.Create(path);
        return await CsvTable.WriteAsync(file, DuplicateHeaders, DuplicateRows(clusters), Options, cancellationToken);
    }

    public static async Task<long> WritePreviewAsync(string path, IReadOnlyList<ClusterProposal> clusters, CancellationToken cancellationToken)
    {
        await using FileStream file = File.Create(path);
        return await CsvTable.WriteAsync(file, PreviewHeaders, PreviewRows(clusters), Options, cancellationToken);
    }

    private static async IAsyncEnumerable<IReadOnlyList<string?>> FindingRows(IAsyncEnumerable<DataQualityFinding> findings, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (DataQualityFinding f in findings.WithCancellation(cancellationToken))
        {
            yield return [f.Instance, f.ContactId, f.Email, f.Kind.ToString(), f.Field.ToString(), f.Value, f.Reason, f.Suggestion];
        }
    }

    private static IEnumerable<IReadOnlyList<string?>> DuplicateRows(IReadOnlyList<ClusterProposal> clusters)
    {
        foreach (ClusterProposal cluster in clusters)
        {
            IReadOnlyList<SourcedContact> records = cluster.Cluster.Records;
            for (int i = 0; i < records.Count; i++)
            {
                Contact c = records[i].Contact;
                DuplicateMatch? best = BestMatch(cluster.Cluster, i);
                SourcedContact? other = best is null ? null : records[best.First == i ? best.Second : best.First];
                yield return
                [
                    cluster.Id,
                    Number(records.Count),
                    cluster.Cluster.IsCrossInstance ? "yes" : "no",
                    records[i].Instance,
                    c.Id,
                    c.FirstName,
                    c.LastName,
                    c.Email?.Value,
                    c.Phone?.Value,
                    c.Company,
                    c.UpdatedAt?.ToString("O", CultureInfo.InvariantCulture),
                    best?.Score.ToString("0.000", CultureInfo.InvariantCulture),
                    other is null ? null : $"{other.Instance} {other.Contact.Id}",
                    best?.Rule.ToString(),
                    best is null ? null : string.Join(" ", best.AgreedFields.Select(f => f.ToString())),
                ];
            }
        }
    }

    private static IEnumerable<IReadOnlyList<string?>> PreviewRows(IReadOnlyList<ClusterProposal> clusters)
    {
        foreach (ClusterProposal cluster in clusters)
        {
            MergeProposal proposal = cluster.Proposal;
            if (!proposal.IsReady)
            {
                foreach (MergeSurvivor survivor in proposal.Survivors.Where(s => s.NeedsDecision))
                {
                    yield return [cluster.Id, NeedsDecision, survivor.Instance, null, "ChooseSurvivor", null, null, null, null, "Survivor", survivor.Reason, string.Join(" | ", survivor.Records.Select(r => $"{r.Instance} {r.Contact.Id}"))];
                }

                foreach (MergeFieldDecision decision in proposal.Fields.Where(f => f.NeedsDecision))
                {
                    yield return [cluster.Id, NeedsDecision, null, null, "Decide", decision.Field.ToString(), null, null, null, decision.Rule, decision.Reason, Candidates(decision)];
                }

                continue;
            }

            foreach (MergeRecordPlan plan in proposal.Preview().Records)
            {
                if (plan.Changes.Count == 0)
                {
                    yield return [cluster.Id, Ready, plan.Instance, plan.ContactId, plan.Action.ToString(), null, null, null, null, null, null, null];
                    continue;
                }

                foreach (MergeFieldChange change in plan.Changes)
                {
                    MergeFieldDecision decision = proposal[change.Field];
                    yield return [cluster.Id, Ready, plan.Instance, plan.ContactId, plan.Action.ToString(), change.Field.ToString(), change.OldValue, change.NewValue, change.Reversible ? "yes" : "no", decision.Rule, decision.Reason, Candidates(decision)];
                }
            }
        }
    }

    /// <summary>The match that gives a record its best evidence: the highest-scoring pair it is in.</summary>
    public static DuplicateMatch? BestMatch(DuplicateCluster cluster, int record) =>
        cluster.Matches.Where(m => m.First == record || m.Second == record).MaxBy(m => m.Score);

    public static string Candidates(MergeFieldDecision decision) => string.Join(" | ", decision.Candidates.Select(c => c.ToString()));

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
