using Martech.Sdk;

namespace CampaignReportSample;

/// <summary>The report in a terminal: per campaign, its funnel and each month's CTR with the counts it divides.</summary>
internal static class ConsoleSummary
{
    public static void Write(CampaignReportModel model, TextWriter output)
    {
        output.WriteLine(model.Title);
        output.WriteLine($"Numbers from {model.Source}; CTR = unique clicks ÷ unique recipients × 100 per month.");
        if (model.Input is { } input)
        {
            EventFileFacts f = input.Facts;
            output.WriteLine($"Input {input.File}: {ReportText.Count(f.Lines)} events, of which {ReportText.Count(f.Duplicates)} redeliveries, {ReportText.Count(f.OutOfOrder)} out of order, {ReportText.Count(f.MachineOpens)} machine opens, {ReportText.Count(f.MachineClicks)} machine clicks.");
            if (input.Ingested is { } ingested)
            {
                output.WriteLine($"Counted by the analytics: {ReportText.Count(ingested.Counted)} events, {ReportText.Count(ingested.Duplicates)} dropped as duplicates (redeliveries and facts already counted), {ReportText.Count(ingested.Ignored)} ignored; as of {ReportText.Instant(input.AsOf)} (the last event).");
            }
        }

        if (model.Campaigns.Any(c => !c.MachineEngagementApart))
        {
            output.WriteLine("This source does not count machine opens and clicks apart: opens and clicks include them.");
        }

        foreach (CampaignView campaign in model.Campaigns)
        {
            output.WriteLine();
            output.WriteLine($"{campaign.Name} ({campaign.Id})");
            output.WriteLine("  Funnel: " + string.Join(" -> ", campaign.Funnel.Select(s =>
                $"{s.Label.ToLowerInvariant()} {(s.Reported ? ReportText.Count(s.Value) : "n/a")}{(s.FromPrevious is { } r ? $" ({ReportText.Rate(r)})" : "")}")));
            bool machines = campaign.MachineEngagementApart;
            if (machines)
            {
                output.WriteLine($"  Not in the funnel: {ReportText.Count(campaign.MachineOpens)} machine opens, {ReportText.Count(campaign.MachineClicks)} machine clicks.");
            }

            var rows = campaign.Months.Where(m => m.HasActivity).Select(m => new[]
            {
                ReportText.Month(m.Month),
                Cell(m.Stats, CampaignMetric.Sent, m.Stats.Sent),
                ReportText.Count(m.Stats.UniqueRecipients),
                ReportText.Count(m.Stats.Delivered),
                ReportText.Count(m.Stats.UniqueOpens),
                machines ? ReportText.Count(m.Stats.MachineOpens) : null,
                ReportText.Count(m.Stats.UniqueClicks),
                machines ? ReportText.Count(m.Stats.MachineClicks) : null,
                ReportText.Rate(m.ClickThroughRate),
                ReportText.Rate(m.Stats.OpenRate),
            }).Select(r => r.OfType<string>().ToArray()).ToList();
            string?[] header = ["Month", "Sent", "Recipients", "Delivered", "Unique opens", machines ? "Machine opens" : null, "Unique clicks", machines ? "Machine clicks" : null, "CTR (clicks ÷ recipients)", "Open rate (opens ÷ recipients)"];
            WriteTable(output, [.. header.OfType<string>()], rows);
        }

        output.WriteLine();
        if (model.Goals.Count == 0)
        {
            output.WriteLine("Goals: none set.");
        }

        foreach (GoalView goal in model.Goals)
        {
            output.WriteLine($"Goal {goal.Name}");
            output.WriteLine($"  {goal.Status}: {goal.Reason}");
            output.WriteLine($"  Progress: {goal.Progress} (baseline {ReportText.Number(goal.Baseline)}, now {(goal.Current is { } current ? ReportText.Number(current) : "no value yet")}).");
            output.WriteLine($"  Needed from now: {goal.RequiredRunRate ?? "nothing more"}. Forecast: {goal.Forecast ?? "none"}.");
        }
    }

    private static string Cell(CampaignStats stats, CampaignMetric metric, long value) =>
        (stats.Reported & metric) != 0 ? ReportText.Count(value) : "n/a";

    private static void WriteTable(TextWriter output, string[] header, List<string[]> rows)
    {
        int[] widths = [.. header.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max())];
        string Line(string[] cells) => "  " + string.Join("  ", cells.Select((c, i) => i == 0 ? c.PadRight(widths[i]) : c.PadLeft(widths[i])));
        output.WriteLine(Line(header));
        output.WriteLine(Line([.. widths.Select(w => new string('-', w))]));
        foreach (string[] row in rows)
        {
            output.WriteLine(Line(row));
        }
    }
}
