using System.Globalization;

namespace Martech.Sdk;

/// <summary>The arithmetic of goal evaluation: a pure function of the goal, its monthly values, the baseline and the
/// instant, so every number can be checked by hand (docs/campaigns.md states each formula).</summary>
internal static class CampaignGoalCalculator
{
    /// <summary>The period to read for an evaluation at <paramref name="now"/>: the goal's months up to the end of today
    /// (UTC), and before the deadline also the <see cref="CampaignGoal.ForecastMonths"/> complete months before the current
    /// one.</summary>
    public static (DateTimeOffset From, DateTimeOffset To) ReadRange(CampaignGoal goal, DateTimeOffset now)
    {
        DateTimeOffset goalStart = Utc(goal.Start);
        DateTimeOffset goalEnd = Utc(goal.Deadline.AddDays(1));
        if (now >= goalEnd)
        {
            return (goalStart, goalEnd);
        }

        // Up to the end of today (UTC), not to the instant: sources that count by whole days (the email vendors) take only
        // midnights, and nothing has happened after now; which months are complete is still judged by now.
        DateTimeOffset history = Utc(MonthOf(now).AddMonths(-goal.ForecastMonths));
        DateTimeOffset endOfToday = Utc(DateOnly.FromDateTime(now.UtcDateTime).AddDays(1));
        return (history < goalStart ? history : goalStart, endOfToday < goalEnd ? endOfToday : goalEnd);
    }

    /// <summary>The baseline measured over its period's months: their sum for a Total goal, the mean of the months with a
    /// value for a Monthly one.</summary>
    public static double MeasureBaseline(CampaignGoal goal, IReadOnlyList<CampaignGoalMonth> months, string provider)
    {
        if (goal.Measure == CampaignGoalMeasure.Total)
        {
            return months.Sum(m => m.Value ?? 0);
        }

        var values = months.Where(m => m.Value is not null).Select(m => m.Value!.Value).ToList();
        return values.Count > 0
            ? values.Average()
            : throw new InvalidOperationException($"Goal '{goal.Name}': {goal.Metric.Name} has no value in any month of the baseline period {goal.Baseline} (provider instance '{provider}': every month's denominator is 0). Give {nameof(CampaignGoal.Baseline)} a Value, or measure it over months with data.");
    }

    /// <summary>Evaluates the goal at <paramref name="now"/> from the months read over <see cref="ReadRange"/>.</summary>
    public static CampaignGoalEvaluation Evaluate(CampaignGoal goal, string provider, IReadOnlyList<CampaignGoalMonth> months, double baseline, DateTimeOffset now)
    {
        double target = goal.Target.Resolve(baseline);
        if (goal.Measure == CampaignGoalMeasure.Total && target <= 0)
        {
            throw new InvalidOperationException($"Goal '{goal.Name}': the target {goal.Target} of a baseline of {Format(goal, baseline)} is {Format(goal, target)}, so there is nothing to reach. Give the goal an absolute {nameof(CampaignGoal.Target)}, or measure the baseline over months with data.");
        }

        return goal.Measure == CampaignGoalMeasure.Total
            ? EvaluateTotal(goal, provider, months, baseline, target, now)
            : EvaluateMonthly(goal, provider, months, baseline, target, now);
    }

    private static CampaignGoalEvaluation EvaluateTotal(CampaignGoal goal, string provider, IReadOnlyList<CampaignGoalMonth> months, double baseline, double target, DateTimeOffset now)
    {
        DateTimeOffset goalStart = Utc(goal.Start);
        DateTimeOffset goalEnd = Utc(goal.Deadline.AddDays(1));
        double current = months.Where(m => m.Month >= goal.Start && m.Month <= goal.Deadline).Sum(m => m.Value ?? 0);
        double remaining = AtLeast(current, target) ? 0 : target - current;
        DateTimeOffset from = now > goalStart ? now : goalStart;
        double daysLeft = now >= goalEnd ? 0 : (goalEnd - from).TotalDays;
        double monthsLeft = now >= goalEnd ? 0 : MonthsLeft(from, goalEnd);
        bool open = now < goalEnd && remaining > 0;

        double forecast = current;
        string method = "the deadline has passed: the forecast is the final total";
        if (now < goalEnd)
        {
            // Every complete month of a count has a value (a month without data is 0), so the line always has points.
            (Func<int, double> line, method, _, bool trend) = Line(goal, months, now);
            int last = Index(goal.Deadline);
            for (int m = Index(MonthOf(from)); m <= last; m++)
            {
                forecast += Share(m, from, goalEnd) * Math.Max(0, line(m));
            }

            method += $", {(trend ? "extended" : "held")} over the {Format(monthsLeft)} months left and added to the total so far";
        }

        (CampaignGoalStatus status, string reason) = AtLeast(current, target)
            ? (CampaignGoalStatus.Achieved, $"the total {Format(goal, current)} reached the target {Format(goal, target)}{(now < goalEnd ? " before the deadline " + CampaignGoal.Text(goal.Deadline) : string.Empty)}")
            : now >= goalEnd
                ? (CampaignGoalStatus.Missed, $"the total {Format(goal, current)} at the deadline {CampaignGoal.Text(goal.Deadline)} fell short of the target {Format(goal, target)} by {Format(goal, target - current)}")
                : AtLeast(forecast, target)
                    ? (CampaignGoalStatus.OnTrack, $"the forecast {Format(goal, forecast)} meets the target {Format(goal, target)}; {Format(goal, remaining)} to go, {Format(goal, remaining / monthsLeft)} a month")
                    : (CampaignGoalStatus.AtRisk, $"the forecast {Format(goal, forecast)} falls short of the target {Format(goal, target)} by {Format(goal, target - forecast)}; {Format(goal, remaining / monthsLeft)} a month is needed for the {Format(monthsLeft)} months left");

        return new CampaignGoalEvaluation
        {
            Goal = goal,
            Provider = provider,
            EvaluatedAt = now,
            Baseline = baseline,
            Target = target,
            Current = current,
            Progress = current / target,
            RequiredPerMonth = open && monthsLeft > 0 ? remaining / monthsLeft : null,
            RequiredPerDay = open && daysLeft > 0 ? remaining / daysLeft : null,
            Forecast = forecast,
            ForecastMethod = method,
            Status = status,
            Reason = reason,
            Months = months,
        };
    }

    private static CampaignGoalEvaluation EvaluateMonthly(CampaignGoal goal, string provider, IReadOnlyList<CampaignGoalMonth> months, double baseline, double target, DateTimeOffset now)
    {
        DateTimeOffset goalEnd = Utc(goal.Deadline.AddDays(1));
        bool closed = now >= goalEnd;
        bool atLeast = target >= baseline;
        bool Meets(double value) => atLeast ? AtLeast(value, target) : AtLeast(target, value);
        DateOnly deadlineMonth = MonthOf(goal.Deadline);

        // The value now: the deadline month's once it has closed, else the latest complete month that has one.
        CampaignGoalMonth? latest = closed
            ? months.FirstOrDefault(m => m.Month == deadlineMonth && m.Value is not null)
            : months.LastOrDefault(m => m.IsComplete && m.Value is not null);
        double? current = latest?.Value;

        double? progress = current is not { } c ? null : target == baseline ? (Meets(c) ? 1 : 0) : (c - baseline) / (target - baseline);
        int steps = latest is null ? 0 : Index(deadlineMonth) - Index(latest.Month);
        double? required = !closed && current is { } cur && steps > 0 && !Meets(cur) ? (target - cur) / steps : null;

        double? forecast = current;
        string method = "the deadline has passed: the forecast is the deadline month's value";
        if (!closed)
        {
            (Func<int, double> line, method, int points, bool trend) = Line(goal, months, now);
            forecast = points == 0 ? null : Clamp(goal, line(Index(deadlineMonth)));
            method += points == 0 ? string.Empty : $", {(trend ? "extended" : "held")} to {Month(deadlineMonth)}";
        }

        string at = latest is null ? string.Empty : $" ({Month(latest.Month)})";
        (CampaignGoalStatus status, string reason) = closed
            ? current is not { } final
                ? (CampaignGoalStatus.Missed, $"{goal.Metric.Name} has no value for the deadline's month {Month(deadlineMonth)} (no denominator)")
                : Meets(final)
                    ? (CampaignGoalStatus.Achieved, $"{Month(deadlineMonth)} closed at {Format(goal, final)}, {(atLeast ? "at or above" : "at or below")} the target {Format(goal, target)}")
                    : (CampaignGoalStatus.Missed, $"{Month(deadlineMonth)} closed at {Format(goal, final)}, short of the target {Format(goal, target)} by {Change(goal, Math.Abs(target - final))}")
            : forecast is not { } f
                ? (CampaignGoalStatus.AtRisk, $"no month in the last {goal.ForecastMonths} complete months has a value of {goal.Metric.Name} to forecast from")
                : Meets(f)
                    ? (CampaignGoalStatus.OnTrack, $"the forecast {Format(goal, f)} for {Month(deadlineMonth)} meets the target {Format(goal, target)}{(current is { } now1 && Meets(now1) ? $"; the latest month{at} is already there at {Format(goal, now1)}, and it counts when {Month(deadlineMonth)} closes" : string.Empty)}")
                    : (CampaignGoalStatus.AtRisk, $"the forecast {Format(goal, f)} for {Month(deadlineMonth)} misses the target {Format(goal, target)} by {Change(goal, Math.Abs(target - f))}{(required is { } r ? $"; from {Format(goal, current!.Value)}{at} it needs {(r >= 0 ? "+" : string.Empty)}{Change(goal, r)} a month" : string.Empty)}");

        return new CampaignGoalEvaluation
        {
            Goal = goal,
            Provider = provider,
            EvaluatedAt = now,
            Baseline = baseline,
            Target = target,
            Current = current,
            CurrentMonth = latest?.Month,
            Progress = progress,
            RequiredPerMonth = required,
            RequiredPerDay = null,
            Forecast = forecast,
            ForecastMethod = method,
            Status = status,
            Reason = reason,
            Months = months,
        };
    }

    // Fits the forecast over the complete months in the window [current month − N, current month) that have a value.
    // Trend says whether the line slopes (extended) or is flat (held), for the caller's wording.
    private static (Func<int, double> Line, string Method, int Points, bool Trend) Line(CampaignGoal goal, IReadOnlyList<CampaignGoalMonth> months, DateTimeOffset now)
    {
        DateOnly current = MonthOf(now);
        int n = goal.ForecastMonths;
        DateOnly first = current.AddMonths(-n);
        var points = months.Where(m => m.IsComplete && m.Month >= first && m.Month < current && m.Value is not null)
            .Select(m => (X: (double)Index(m.Month), Y: m.Value!.Value))
            .ToList();
        string window = n == 1 ? $"the complete month {Month(first)}" : $"the {n} complete months {Month(first)} to {Month(current.AddMonths(-1))}";
        if (points.Count == 0)
        {
            return (_ => 0, $"no value in {window} to forecast from", 0, false);
        }

        string used = points.Count == n ? window : $"the {points.Count} month{(points.Count == 1 ? string.Empty : "s")} with a value among {window}";
        double meanY = points.Average(p => p.Y);
        if (goal.Forecast == CampaignGoalForecastMethod.RecentRunRate)
        {
            return (_ => meanY, $"recent run rate: the mean of {used} ({Format(goal, meanY)} a month)", points.Count, false);
        }

        if (points.Count == 1)
        {
            return (_ => meanY, $"linear trend over {used}: one value, so flat at {Format(goal, meanY)}", 1, false);
        }

        // Least squares: slope = Σ(x − x̄)(y − ȳ) ÷ Σ(x − x̄)², and the line passes through (x̄, ȳ).
        double meanX = points.Average(p => p.X);
        double sxy = points.Sum(p => (p.X - meanX) * (p.Y - meanY));
        double sxx = points.Sum(p => (p.X - meanX) * (p.X - meanX));
        double slope = sxy / sxx;
        return (x => meanY + (slope * (x - meanX)), $"linear trend: least squares through {used} (slope {(slope >= 0 ? "+" : string.Empty)}{Change(goal, slope)} a month)", points.Count, true);
    }

    // a ≥ b, allowing for the rounding of a relative target (3.0 × 0.8 is 2.4000000000000004).
    private static bool AtLeast(double a, double b) => a >= b - (1e-9 * Math.Max(1, Math.Abs(b)));

    private static double Clamp(CampaignGoal goal, double value) => Math.Clamp(value, 0, goal.Metric.IsRate ? 100 : double.MaxValue);

    // The months left from `from` to `end`: the share of from's month that is left, then whole months.
    private static double MonthsLeft(DateTimeOffset from, DateTimeOffset end)
    {
        double total = 0;
        for (int m = Index(MonthOf(from)); Utc(FromIndex(m)) < end; m++)
        {
            total += Share(m, from, end);
        }

        return total;
    }

    // The share of month m inside [from, end).
    private static double Share(int m, DateTimeOffset from, DateTimeOffset end)
    {
        DateTimeOffset start = Utc(FromIndex(m));
        DateTimeOffset next = Utc(FromIndex(m + 1));
        DateTimeOffset a = from > start ? from : start;
        DateTimeOffset b = end < next ? end : next;
        return b <= a ? 0 : (b - a).Ticks / (double)(next - start).Ticks;
    }

    internal static DateTimeOffset Utc(DateOnly date) => new(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    internal static DateOnly MonthOf(DateTimeOffset instant)
    {
        DateTimeOffset utc = instant.ToUniversalTime();
        return new DateOnly(utc.Year, utc.Month, 1);
    }

    internal static DateOnly MonthOf(DateOnly date) => new(date.Year, date.Month, 1);

    internal static int Index(DateOnly month) => (month.Year * 12) + month.Month - 1;

    internal static DateOnly FromIndex(int index) => new(index / 12, (index % 12) + 1, 1);

    internal static string Month(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    internal static string Format(CampaignGoal goal, double value) =>
        goal.Metric.IsRate ? value.ToString("0.##", CultureInfo.InvariantCulture) + " %" : Format(value);

    /// <summary>A difference or a change a month: percentage points for a rate, the count's unit otherwise.</summary>
    internal static string Change(CampaignGoal goal, double value) =>
        goal.Metric.IsRate ? value.ToString(Math.Abs(value) < 0.1 ? "0.####" : "0.##", CultureInfo.InvariantCulture) + " points" : Format(value);

    private static string Format(double value) => value.ToString("#,##0.##", CultureInfo.InvariantCulture);
}
