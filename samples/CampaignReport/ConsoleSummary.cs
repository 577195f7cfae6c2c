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
            output.WriteLine($"Input {input.File}: {ReportText.Count(f.Lines)} events, {ReportText.Count(f.Duplicates)} redeliveries dropped, {ReportText.Count(f.OutOfOrder)} out of order, {ReportText.Count(f.MachineOpens)} machine opens, {ReportText.Count(f.MachineClicks)} machine clicks.");
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
            var rows = campaign.Months.Where(m => m.HasActivity).Select(m => new[]
            {
                ReportText.Month(m.Month),
                ReportText.Count(m.Stats.UniqueRecipients),
                ReportText.Count(m.Stats.Delivered),
                ReportText.Count(m.Stats.UniqueOpens),
                ReportText.Count(m.Stats.UniqueClicks),
                ReportText.Rate(m.ClickThroughRate),
                ReportText.Rate(m.Stats.OpenRate),
            }).ToList();
            WriteTable(output, ["Month", "Recipients", "Delivered", "Unique opens", "Unique clicks", "CTR (clicks ÷ recipients)", "Open rate (opens ÷ recipients)"], rows);
        }

        output.WriteLine();
        if (model.Goals.Count == 0)
        {
            output.WriteLine("Goals: none set.");
        }

        foreach (GoalView goal in model.Goals)
        {
            output.WriteLine($"Goal {goal.Name}: {goal.Status}, {ReportText.Percent(goal.ProgressPercent)} of the way from {ReportText.Number(goal.Baseline)} to {ReportText.Number(goal.Target)} (now {ReportText.Number(goal.Current)}, due {goal.Deadline:yyyy-MM-dd}): {goal.Reason}");
        }
    }

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
