using Martech.Sdk;

namespace CampaignReportSample;

/// <summary>Everything the HTML report and the console summary show, and nothing else: the renderers read this and
/// no SDK client, so the numbers can come from any <see cref="ICampaignStatsClient"/> and the goals from anywhere.</summary>
/// <param name="Title">The report's title.</param>
/// <param name="From">The start of the period (inclusive).</param>
/// <param name="To">The end of the period (exclusive).</param>
/// <param name="Source">Where the numbers come from, in words.</param>
/// <param name="Months">The first instant of each month of the period, in order: the CTR chart's x axis.</param>
/// <param name="Campaigns">Each campaign's months and funnel.</param>
/// <param name="Goals">Goal progress; empty when no goal is set.</param>
/// <param name="Input">What the recorded-events file held; <see langword="null"/> when the numbers came from elsewhere.</param>
internal sealed record CampaignReportModel(
    string Title,
    DateTimeOffset From,
    DateTimeOffset To,
    string Source,
    IReadOnlyList<DateTimeOffset> Months,
    IReadOnlyList<CampaignView> Campaigns,
    IReadOnlyList<GoalView> Goals,
    InputView? Input)
{
    /// <summary>The points of the CTR chart: one per campaign and month whose CTR has a denominator.</summary>
    public int CtrPoints => Campaigns.Sum(c => c.Months.Count(m => m.ClickThroughRate.Percent is not null));
}

/// <summary>One campaign: its stats per month and its funnel.</summary>
/// <param name="Id">The campaign id.</param>
/// <param name="Name">Its name.</param>
/// <param name="Months">One entry per month of the report (the stats the source returned for that month).</param>
/// <param name="Funnel">Sent → delivered → opened → clicked, each step's counts summed over the months.</param>
internal sealed record CampaignView(string Id, string Name, IReadOnlyList<MonthView> Months, IReadOnlyList<FunnelStage> Funnel)
{
    /// <summary>Whether the source counts machine opens and clicks apart from people's; when not, the opens and clicks
    /// include them.</summary>
    public bool MachineEngagementApart => Months.Count > 0 && (Months[0].Stats.Reported & CampaignMetric.MachineEngagement) != 0;

    /// <summary>Machine opens summed over the months (0 when not counted apart).</summary>
    public long MachineOpens => Months.Sum(m => (long)m.Stats.MachineOpens);

    /// <summary>Machine clicks summed over the months (0 when not counted apart).</summary>
    public long MachineClicks => Months.Sum(m => (long)m.Stats.MachineClicks);
}

/// <summary>A campaign's month.</summary>
/// <param name="Month">The first instant of the month (UTC).</param>
/// <param name="Stats">The stats the source returned for [month, next month).</param>
internal sealed record MonthView(DateTimeOffset Month, CampaignStats Stats)
{
    /// <summary>Unique clicks ÷ unique recipients × 100, with both counts.</summary>
    public CampaignRate ClickThroughRate => Stats.ClickThroughRate;

    /// <summary>Whether anything happened in the month (a send or any engagement).</summary>
    public bool HasActivity =>
        Stats.Sent + Stats.UniqueRecipients + Stats.Delivered + Stats.Bounces + Stats.TotalOpens + Stats.UniqueOpens
        + Stats.TotalClicks + Stats.UniqueClicks + Stats.MachineOpens + Stats.MachineClicks + Stats.Unsubscribes + Stats.SpamReports > 0;
}

/// <summary>One step of a funnel.</summary>
/// <param name="Label">What the step counts, such as "Delivered".</param>
/// <param name="Metric">The count.</param>
/// <param name="Value">Its value.</param>
/// <param name="Reported">Whether the source reports the count.</param>
/// <param name="FromPrevious">This step ÷ the one before (<see langword="null"/> for the first).</param>
internal sealed record FunnelStage(string Label, CampaignMetric Metric, long Value, bool Reported, CampaignRate? FromPrevious);

/// <summary>A goal's progress, as a goal evaluation gives it.</summary>
/// <param name="Name">The goal, such as "newsletter-ctr: ClickThroughRate 20 % by 2026-12-31".</param>
/// <param name="Metric">What it measures, in words.</param>
/// <param name="Baseline">The value it started from.</param>
/// <param name="Target">The value it aims at.</param>
/// <param name="Current">The value now; <see langword="null"/> when there is none yet.</param>
/// <param name="ProgressPercent">The share of the way to the target, in percent (may be below 0 or above 100);
/// <see langword="null"/> when there is no current value.</param>
/// <param name="Progress">The progress in words, saying what it is a share of.</param>
/// <param name="Deadline">When the target is due.</param>
/// <param name="Status">On track, at risk, achieved or missed.</param>
/// <param name="Reason">Why that status.</param>
/// <param name="Forecast">The value expected at the deadline, with its method; <see langword="null"/> when none.</param>
/// <param name="RequiredRunRate">What it takes from now on, such as "+12 a month"; <see langword="null"/> when the target
/// is met or no time is left.</param>
internal sealed record GoalView(
    string Name,
    string Metric,
    double Baseline,
    double Target,
    double? Current,
    double? ProgressPercent,
    string Progress,
    DateOnly Deadline,
    string Status,
    string Reason,
    string? Forecast,
    string? RequiredRunRate)
{
    /// <summary>The view of a goal evaluation (<see cref="CampaignGoals"/>): its numbers as the evaluation gives them,
    /// only put into words.</summary>
    public static GoalView From(CampaignGoalEvaluation evaluation)
    {
        CampaignGoal goal = evaluation.Goal;
        string unit = goal.Metric.IsRate ? " %" : "";
        string Value(double value) => ReportText.Number(value) + unit;
        string Change(double value) => (value >= 0 ? "+" : "") + ReportText.Number(value) + (goal.Metric.IsRate ? " points" : "");
        string measure = goal.Measure == CampaignGoalMeasure.Monthly
            ? $"its value in the deadline's month (now: the latest complete month{(evaluation.CurrentMonth is { } m ? $", {m:yyyy-MM}" : "")})"
            : $"added up over {goal.Start:yyyy-MM} to {goal.Deadline:yyyy-MM}";
        string progress = goal.Measure == CampaignGoalMeasure.Monthly
            ? $"{ReportText.Percent(evaluation.Progress * 100)} of the way from {Value(evaluation.Baseline)} to {Value(evaluation.Target)}"
            : $"{ReportText.Percent(evaluation.Progress * 100)} of the target {Value(evaluation.Target)}";
        string? required = evaluation.RequiredPerMonth is { } perMonth
            ? $"{Change(perMonth)} a month" + (evaluation.RequiredPerDay is { } perDay ? $" ({Change(perDay)} a day)" : "")
            : null;
        return new GoalView(
            $"{goal.Name}: {goal.Metric} {goal.Target}{(goal.Target.IsRelative ? "" : unit)} by {goal.Deadline:yyyy-MM-dd}",
            $"{goal.Metric} of {string.Join(", ", goal.Campaigns)}, {measure}; baseline {goal.Baseline}; read from {evaluation.Provider} at {ReportText.Instant(evaluation.EvaluatedAt)}",
            evaluation.Baseline,
            evaluation.Target,
            evaluation.Current,
            evaluation.Progress * 100,
            progress,
            goal.Deadline,
            StatusText(evaluation.Status),
            evaluation.Reason,
            evaluation.Forecast is { } forecast ? $"{Value(forecast)} ({evaluation.ForecastMethod})" : null,
            required);
    }

    /// <summary>"on track", "at risk", "achieved", "missed".</summary>
    public static string StatusText(CampaignGoalStatus status) => status switch
    {
        CampaignGoalStatus.OnTrack => "on track",
        CampaignGoalStatus.AtRisk => "at risk",
        CampaignGoalStatus.Achieved => "achieved",
        CampaignGoalStatus.Missed => "missed",
        _ => status.ToString(),
    };
}

/// <summary>The recorded-events file the numbers were fed from.</summary>
/// <param name="File">Its name.</param>
/// <param name="Facts">What it held.</param>
/// <param name="Ingested">What the stats source did with its events (counted, duplicates, ignored);
/// <see langword="null"/> when the source does not say.</param>
/// <param name="AsOf">The report's "now": the last recorded event's time.</param>
internal sealed record InputView(string File, EventFileFacts Facts, CampaignAnalyticsIngestResult? Ingested, DateTimeOffset AsOf);
