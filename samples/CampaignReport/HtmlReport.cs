using System.Globalization;
using System.Text;
using Martech.Sdk;

namespace CampaignReportSample;

/// <summary>Writes the report as one self-contained HTML page: inline CSS and SVG, no script, no image, font or style
/// sheet from anywhere (the page's Content-Security-Policy forbids loading any), so it opens the same offline, from a
/// mail attachment or a file share.</summary>
internal static class HtmlReport
{
    private const string Style = """
        body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1f2937; margin: 2rem auto; max-width: 72rem; padding: 0 1rem; }
        h1 { font-size: 1.6rem; margin-bottom: .2rem; }
        h2 { font-size: 1.25rem; margin-top: 2.2rem; border-bottom: 1px solid #e5e7eb; padding-bottom: .3rem; }
        h3 { font-size: 1.05rem; margin-bottom: .3rem; }
        .muted { color: #6b7280; }
        table { border-collapse: collapse; margin: .6rem 0 1rem; font-size: .88rem; }
        th, td { border-bottom: 1px solid #e5e7eb; padding: .25rem .6rem; text-align: right; white-space: nowrap; }
        th:first-child, td:first-child { text-align: left; }
        thead th { background: #f9fafb; }
        svg { display: block; max-width: 100%; height: auto; }
        svg text { font: 12px system-ui, -apple-system, "Segoe UI", sans-serif; fill: #374151; }
        .axis { stroke: #9ca3af; }
        .grid { stroke: #e5e7eb; }
        .legend { display: flex; gap: 1.2rem; flex-wrap: wrap; margin: .4rem 0; font-size: .9rem; }
        .swatch { display: inline-block; width: .8rem; height: .8rem; border-radius: 50%; margin-right: .35rem; vertical-align: -1px; }
        .note { background: #fffbeb; border-left: 3px solid #f59e0b; padding: .4rem .7rem; font-size: .9rem; }
        .goal-status { font-weight: 600; }
        .goal td { white-space: normal; text-align: left; }
        .scroll { overflow-x: auto; }
        """;

    private static readonly string[] Colors = ["#2563eb", "#d97706", "#059669", "#7c3aed", "#dc2626", "#0891b2"];

    public static string Render(CampaignReportModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var html = new StringBuilder(64 * 1024);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(E(model.Title)).Append("</title>\n<style>\n").Append(Style).Append("</style>\n</head>\n<body>\n");

        html.Append("<header>\n<h1>").Append(E(model.Title)).Append("</h1>\n<p class=\"muted\">")
            .Append(E($"{model.From:yyyy-MM-dd} to {model.To:yyyy-MM-dd} (exclusive), UTC months. Numbers from {model.Source}."))
            .Append("</p>\n<p>Click-through rate (CTR) = unique clicks ÷ unique recipients × 100, per month: the people who clicked at least once in the month, divided by the people sent to in the month. Every rate below shows the two counts it divides.</p>\n");
        Input(html, model);
        html.Append("</header>\n");

        CtrSection(html, model);
        FunnelSection(html, model);
        GoalSection(html, model);
        MonthlyTables(html, model);

        html.Append("<footer class=\"muted\"><p>Written by the CampaignReport sample of Martech.Sdk.</p></footer>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void Input(StringBuilder html, CampaignReportModel model)
    {
        if (model.Input is { } input)
        {
            EventFileFacts f = input.Facts;
            html.Append("<p id=\"input\">").Append(E($"Fed from {input.File}: {ReportText.Count(f.Lines)} recorded events, of which {ReportText.Count(f.Duplicates)} are redeliveries (same provider and event id); {ReportText.Count(f.OutOfOrder)} arrived after an event that happened later; {ReportText.Count(f.MachineOpens)} opens and {ReportText.Count(f.MachineClicks)} clicks were made by machines (Apple Mail Privacy Protection, link scanners)."));
            if (input.Ingested is { } ingested)
            {
                html.Append(' ').Append(E($"The analytics counted {ReportText.Count(ingested.Counted)} of them, dropped {ReportText.Count(ingested.Duplicates)} as duplicates (redeliveries, and facts such as a delivery already counted) and ignored {ReportText.Count(ingested.Ignored)}. As of {ReportText.Instant(input.AsOf)}, the last event."));
            }

            html.Append("</p>\n");
        }

        if (model.Campaigns.Any(c => !c.MachineEngagementApart))
        {
            html.Append("<p class=\"note\" id=\"machine-note\">This source does not count machine opens and clicks apart: the opens and clicks below include them, so open rates and CTR read higher than people's.</p>\n");
        }
    }

    private static void CtrSection(StringBuilder html, CampaignReportModel model)
    {
        html.Append("<section id=\"ctr\">\n<h2>Click-through rate by month</h2>\n");
        Legend(html, model);
        CtrChart(html, model);

        html.Append("<table id=\"ctr-table\">\n<thead><tr><th>Month</th>");
        foreach (CampaignView campaign in model.Campaigns)
        {
            html.Append("<th>").Append(E(campaign.Name)).Append("</th>");
        }

        html.Append("</tr></thead>\n<tbody>\n");
        for (int i = 0; i < model.Months.Count; i++)
        {
            html.Append("<tr><td>").Append(ReportText.Month(model.Months[i])).Append("</td>");
            foreach (CampaignView campaign in model.Campaigns)
            {
                CampaignRate ctr = campaign.Months[i].ClickThroughRate;
                html.Append("<td title=\"").Append(E(ReportText.Definition(ctr))).Append("\">")
                    .Append(campaign.Months[i].HasActivity ? E(ReportText.Rate(ctr)) : "—").Append("</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</tbody>\n</table>\n</section>\n");
    }

    private static void Legend(StringBuilder html, CampaignReportModel model)
    {
        html.Append("<div class=\"legend\">");
        for (int c = 0; c < model.Campaigns.Count; c++)
        {
            html.Append("<span><span class=\"swatch\" style=\"background:").Append(Color(c)).Append("\"></span>")
                .Append(E(model.Campaigns[c].Name)).Append("</span>");
        }

        html.Append("</div>\n");
    }

    private static void CtrChart(StringBuilder html, CampaignReportModel model)
    {
        const double width = 760, height = 320, left = 56, right = 16, top = 16, bottom = 44;
        double plotWidth = width - left - right, plotHeight = height - top - bottom;
        double max = model.Campaigns.SelectMany(c => c.Months).Select(m => m.ClickThroughRate.Percent ?? 0).DefaultIfEmpty(0).Max();
        double yMax = Math.Max(5, Math.Ceiling(max / 5) * 5);
        int n = Math.Max(1, model.Months.Count);
        double X(int i) => left + ((i + 0.5) * plotWidth / n);
        double Y(double percent) => top + plotHeight - (percent / yMax * plotHeight);

        html.Append(CultureInfo.InvariantCulture, $"<svg id=\"ctr-chart\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-labelledby=\"ctr-chart-title\">\n")
            .Append("<title id=\"ctr-chart-title\">Click-through rate by month, one point per campaign and month with sends</title>\n");
        for (int g = 0; g <= 5; g++)
        {
            double value = yMax * g / 5, y = Y(value);
            html.Append(CultureInfo.InvariantCulture, $"<line class=\"grid\" x1=\"{left}\" x2=\"{width - right}\" y1=\"{F(y)}\" y2=\"{F(y)}\"/>")
                .Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 8}\" y=\"{F(y + 4)}\" text-anchor=\"end\">{ReportText.Number(value)} %</text>\n");
        }

        html.Append(CultureInfo.InvariantCulture, $"<line class=\"axis\" x1=\"{left}\" x2=\"{width - right}\" y1=\"{F(top + plotHeight)}\" y2=\"{F(top + plotHeight)}\"/>\n");
        for (int i = 0; i < model.Months.Count; i++)
        {
            html.Append(CultureInfo.InvariantCulture, $"<text class=\"month-label\" x=\"{F(X(i))}\" y=\"{F(top + plotHeight + 18)}\" text-anchor=\"middle\">{ReportText.MonthName(model.Months[i])}</text>\n");
        }

        html.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(left + (plotWidth / 2))}\" y=\"{height - 4}\" text-anchor=\"middle\">{model.Months[0]:yyyy}</text>\n");

        for (int c = 0; c < model.Campaigns.Count; c++)
        {
            CampaignView campaign = model.Campaigns[c];
            string color = Color(c);

            // A line through consecutive months with a CTR; a month without sends breaks it.
            var run = new List<string>();
            void Flush()
            {
                if (run.Count > 1)
                {
                    html.Append("<polyline class=\"ctr-line\" fill=\"none\" stroke=\"").Append(color).Append("\" stroke-width=\"2\" points=\"")
                        .Append(string.Join(' ', run)).Append("\"/>\n");
                }

                run.Clear();
            }

            for (int i = 0; i < campaign.Months.Count; i++)
            {
                if (campaign.Months[i].ClickThroughRate.Percent is { } p)
                {
                    run.Add($"{F(X(i))},{F(Y(p))}");
                }
                else
                {
                    Flush();
                }
            }

            Flush();
            for (int i = 0; i < campaign.Months.Count; i++)
            {
                CampaignRate ctr = campaign.Months[i].ClickThroughRate;
                if (ctr.Percent is not { } p)
                {
                    continue;
                }

                html.Append(CultureInfo.InvariantCulture, $"<circle class=\"ctr-point\" cx=\"{F(X(i))}\" cy=\"{F(Y(p))}\" r=\"4\" fill=\"{color}\" ")
                    .Append(CultureInfo.InvariantCulture, $"data-campaign=\"{E(campaign.Id)}\" data-month=\"{ReportText.Month(campaign.Months[i].Month)}\" data-percent=\"{p.ToString("0.####", CultureInfo.InvariantCulture)}\" data-numerator=\"{ctr.NumeratorValue}\" data-denominator=\"{ctr.DenominatorValue}\">")
                    .Append("<title>").Append(E($"{campaign.Name}, {ReportText.Month(campaign.Months[i].Month)}: CTR {ReportText.Percent(p)} = {ReportText.Definition(ctr)}")).Append("</title></circle>\n");
            }
        }

        html.Append("</svg>\n");
    }

    private static void FunnelSection(StringBuilder html, CampaignReportModel model)
    {
        html.Append("<section id=\"funnels\">\n<h2>Funnel: sent → delivered → opened → clicked</h2>\n")
            .Append("<p class=\"muted\">Each step is the sum of its monthly counts (unique opens and clicks count a person once a month), and each rate divides a step by the one before it.</p>\n");
        for (int c = 0; c < model.Campaigns.Count; c++)
        {
            CampaignView campaign = model.Campaigns[c];
            html.Append("<h3>").Append(E(campaign.Name)).Append("</h3>\n");
            const double width = 900, barLeft = 110, barMax = 300, rowHeight = 34;
            double height = (campaign.Funnel.Count * rowHeight) + 8;
            long first = Math.Max(1, campaign.Funnel.Count > 0 ? campaign.Funnel[0].Value : 1);
            html.Append(CultureInfo.InvariantCulture, $"<svg class=\"funnel\" data-campaign=\"{E(campaign.Id)}\" viewBox=\"0 0 {width} {F(height)}\" width=\"{width}\" height=\"{F(height)}\" role=\"img\" aria-label=\"{E(campaign.Name)} funnel\">\n");
            for (int s = 0; s < campaign.Funnel.Count; s++)
            {
                FunnelStage stage = campaign.Funnel[s];
                double y = 4 + (s * rowHeight);
                double barWidth = Math.Max(1, barMax * stage.Value / (double)first);
                string label = stage.Reported ? ReportText.Count(stage.Value) : "not reported";
                string rate = stage.FromPrevious is { } r ? $"{ReportText.Rate(r)} {r.Name}" : "";
                html.Append(CultureInfo.InvariantCulture, $"<g class=\"funnel-stage\" data-metric=\"{stage.Metric}\" data-value=\"{stage.Value}\">")
                    .Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"{F(y + 20)}\">{E(stage.Label)}</text>")
                    .Append(CultureInfo.InvariantCulture, $"<rect x=\"{barLeft}\" y=\"{F(y + 4)}\" width=\"{F(barWidth)}\" height=\"{rowHeight - 10}\" rx=\"3\" fill=\"{Color(c)}\" opacity=\"{F(1 - (s * 0.17))}\"/>")
                    .Append(CultureInfo.InvariantCulture, $"<text x=\"{F(barLeft + barWidth + 8)}\" y=\"{F(y + 20)}\">{E(label)}</text>")
                    .Append(CultureInfo.InvariantCulture, $"<text x=\"{barLeft + barMax + 70}\" y=\"{F(y + 20)}\">{E(rate)}")
                    .Append(stage.FromPrevious is { } d ? $"<title>{E(ReportText.Definition(d))}</title>" : "").Append("</text></g>\n");
            }

            html.Append("</svg>\n");
            if (campaign.MachineEngagementApart)
            {
                html.Append("<p class=\"muted\">").Append(E($"Not in the funnel: {ReportText.Count(campaign.MachineOpens)} machine opens and {ReportText.Count(campaign.MachineClicks)} machine clicks.")).Append("</p>\n");
            }
        }

        html.Append("</section>\n");
    }

    private static void GoalSection(StringBuilder html, CampaignReportModel model)
    {
        html.Append("<section id=\"goals\">\n<h2>Goal progress</h2>\n");
        if (model.Goals.Count == 0)
        {
            html.Append("<p class=\"muted\" id=\"no-goals\">No goals are set for these campaigns.</p>\n</section>\n");
            return;
        }

        const double width = 760, barWidth = 480, rowHeight = 30;
        foreach (GoalView goal in model.Goals)
        {
            double done = Math.Clamp(goal.ProgressPercent ?? 0, 0, 100);
            html.Append("<div class=\"goal\">\n<h3>").Append(E(goal.Name)).Append("</h3>\n")
                .Append(CultureInfo.InvariantCulture, $"<svg class=\"goal-progress\" data-progress=\"{goal.ProgressPercent?.ToString("0.##", CultureInfo.InvariantCulture)}\" viewBox=\"0 0 {width} {rowHeight}\" width=\"{width}\" height=\"{rowHeight}\" role=\"img\" aria-label=\"{E(goal.Name)}: {ReportText.Percent(goal.ProgressPercent)} of the way\">")
                .Append(CultureInfo.InvariantCulture, $"<rect x=\"0\" y=\"6\" width=\"{barWidth}\" height=\"18\" rx=\"4\" fill=\"#e5e7eb\"/>")
                .Append(CultureInfo.InvariantCulture, $"<rect x=\"0\" y=\"6\" width=\"{F(barWidth * done / 100)}\" height=\"18\" rx=\"4\" fill=\"{GoalColor(goal.Status)}\"/>")
                .Append(CultureInfo.InvariantCulture, $"<text x=\"{barWidth + 10}\" y=\"20\">{E(goal.Progress)}</text></svg>\n")
                .Append("<p><span class=\"goal-status\">").Append(E(goal.Status)).Append("</span>: ").Append(E(goal.Reason)).Append("</p>\n<table><tbody>\n");
            Row(html, "Metric", goal.Metric);
            Row(html, "Baseline → target", $"{ReportText.Number(goal.Baseline)} → {ReportText.Number(goal.Target)}");
            Row(html, "Now", goal.Current is { } current ? ReportText.Number(current) : "no value yet");
            Row(html, "Deadline", goal.Deadline.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            if (goal.RequiredRunRate is { } runRate)
            {
                Row(html, "Needed from now", runRate);
            }

            if (goal.Forecast is { } forecast)
            {
                Row(html, "Forecast", forecast);
            }

            html.Append("</tbody></table>\n</div>\n");
        }

        html.Append("</section>\n");
    }

    private static void MonthlyTables(StringBuilder html, CampaignReportModel model)
    {
        html.Append("<section id=\"months\">\n<h2>Month by month</h2>\n");
        foreach (CampaignView campaign in model.Campaigns)
        {
            html.Append("<h3>").Append(E(campaign.Name)).Append("</h3>\n<div class=\"scroll\"><table class=\"month-table\" data-campaign=\"").Append(E(campaign.Id)).Append("\">\n<thead><tr>")
                .Append("<th>Month</th><th>Sent</th><th>Recipients</th><th>Delivered</th><th>Bounces</th><th>Unique opens</th>")
                .Append(campaign.MachineEngagementApart ? "<th>Machine opens</th>" : "")
                .Append("<th>Unique clicks</th>")
                .Append(campaign.MachineEngagementApart ? "<th>Machine clicks</th>" : "")
                .Append("<th>CTR</th><th>Open rate</th><th>Click-to-open</th><th>Delivery rate</th></tr></thead>\n<tbody>\n");
            foreach (MonthView month in campaign.Months.Where(m => m.HasActivity))
            {
                CampaignStats s = month.Stats;
                html.Append("<tr><td>").Append(ReportText.Month(month.Month)).Append("</td>");
                Cell(html, s, CampaignMetric.Sent, s.Sent);
                Cell(html, s, CampaignMetric.UniqueRecipients, s.UniqueRecipients);
                Cell(html, s, CampaignMetric.Delivered, s.Delivered);
                Cell(html, s, CampaignMetric.Bounces, s.Bounces);
                Cell(html, s, CampaignMetric.UniqueOpens, s.UniqueOpens);
                Machine(html, campaign, s.MachineOpens);
                Cell(html, s, CampaignMetric.UniqueClicks, s.UniqueClicks);
                Machine(html, campaign, s.MachineClicks);

                foreach (CampaignRate rate in new[] { s.ClickThroughRate, s.OpenRate, s.ClickToOpenRate, s.DeliveryRate })
                {
                    html.Append("<td title=\"").Append(E(ReportText.Definition(rate))).Append("\">").Append(E(ReportText.Rate(rate))).Append("</td>");
                }

                html.Append("</tr>\n");
            }

            html.Append("</tbody>\n</table></div>\n");
        }

        html.Append("</section>\n");
    }

    private static void Cell(StringBuilder html, CampaignStats stats, CampaignMetric metric, long value) =>
        html.Append("<td>").Append((stats.Reported & metric) != 0 ? ReportText.Count(value) : "not reported").Append("</td>");

    private static void Machine(StringBuilder html, CampaignView campaign, long value)
    {
        if (campaign.MachineEngagementApart)
        {
            html.Append("<td class=\"machine\">").Append(ReportText.Count(value)).Append("</td>");
        }
    }

    private static void Row(StringBuilder html, string name, string value) =>
        html.Append("<tr><th>").Append(E(name)).Append("</th><td>").Append(E(value)).Append("</td></tr>\n");

    private static string GoalColor(string status) => status.ToUpperInvariant() switch
    {
        "ACHIEVED" => "#059669",
        "ON TRACK" or "ON-TRACK" => "#2563eb",
        "AT RISK" or "AT-RISK" => "#d97706",
        _ => "#dc2626",
    };

    private static string Color(int index) => Colors[index % Colors.Length];

    private static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    // Only the five characters HTML gives meaning to: the page is UTF-8, so "÷" and "→" stay readable in the source.
    private static string E(string text) => text
        .Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal)
        .Replace("\"", "&quot;", StringComparison.Ordinal)
        .Replace("'", "&#39;", StringComparison.Ordinal);
}
