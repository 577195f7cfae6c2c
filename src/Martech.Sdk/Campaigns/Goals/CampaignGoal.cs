using System.Globalization;

namespace Martech.Sdk;

/// <summary>
/// A SMART campaign goal: a metric (<see cref="Metric"/>) of some campaigns (<see cref="Campaigns"/>) read from a stats
/// source (<see cref="Provider"/>), from a baseline to a target by a deadline, such as "+25 % total email clicks in 2027
/// over 2026". Goals are measured in calendar months (UTC), so <see cref="Start"/> is the first day of a month and
/// <see cref="Deadline"/> the last day of one.
/// </summary>
/// <remarks>Configured in <c>Martech:Campaigns:Goals:&lt;name&gt;</c> or added in code with <c>AddGoal</c>; evaluated by
/// <see cref="CampaignGoals"/>.</remarks>
public sealed record CampaignGoal
{
    /// <summary>The goal's name (configuration: <c>Martech:Campaigns:Goals:&lt;name&gt;</c>).</summary>
    public required string Name { get; init; }

    /// <summary>The provider instance whose <see cref="ICampaignStatsClient"/> the values are read from (the event
    /// analytics, a vendor such as <c>SendGrid</c>); <see langword="null"/> for the default one
    /// (<c>Martech:Defaults:CampaignStats</c>, else the first registered).</summary>
    public string? Provider { get; init; }

    /// <summary>The campaigns (campaign ids, categories or tags, as the provider names them) whose values are added up
    /// month by month; a rate divides the added-up counts.</summary>
    public required IReadOnlyList<string> Campaigns { get; init; }

    /// <summary>What is measured: a count or a rate.</summary>
    public required CampaignGoalMetric Metric { get; init; }

    /// <summary>Whether the target is a total over the goal's months or a value in the deadline's month.</summary>
    /// <value>The default value is <see cref="CampaignGoalMeasure.Total"/> (counts only; a rate needs
    /// <see cref="CampaignGoalMeasure.Monthly"/>).</value>
    public CampaignGoalMeasure Measure { get; init; } = CampaignGoalMeasure.Total;

    /// <summary>Where the goal starts from.</summary>
    public required CampaignGoalBaseline Baseline { get; init; }

    /// <summary>Where it should get to: an absolute value or a change relative to the baseline.</summary>
    public required CampaignGoalTarget Target { get; init; }

    /// <summary>The first day of the goal (the first of a month, UTC).</summary>
    public required DateOnly Start { get; init; }

    /// <summary>The last day of the goal, included (the last of a month, UTC), such as 2027-12-31.</summary>
    public required DateOnly Deadline { get; init; }

    /// <summary>How the value at the deadline is forecast.</summary>
    /// <value>The default value is <see cref="CampaignGoalForecastMethod.LinearTrend"/>.</value>
    public CampaignGoalForecastMethod Forecast { get; init; } = CampaignGoalForecastMethod.LinearTrend;

    /// <summary>How many complete months before the current one the forecast uses (they may precede <see cref="Start"/>).</summary>
    /// <value>The default value is 6.</value>
    public int ForecastMonths { get; init; } = 6;

    /// <summary>Describes what is wrong, each problem named by its path.</summary>
    /// <param name="path">Where the goal is, such as <c>Martech:Campaigns:Goals:email-clicks</c>.</param>
    /// <returns>One message per problem.</returns>
    public IEnumerable<string> Validate(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string p = path;
        if (string.IsNullOrWhiteSpace(Name))
        {
            yield return $"{p}:{nameof(Name)} is required.";
        }

        if (Provider is not null && string.IsNullOrWhiteSpace(Provider))
        {
            yield return $"{p}:{nameof(Provider)} must name a provider instance (such as SendGrid), or be left out for the default one.";
        }

        if (Campaigns is null || Campaigns.Count == 0 || Campaigns.Any(string.IsNullOrWhiteSpace))
        {
            yield return $"{p}:{nameof(Campaigns)} must list at least one campaign id (or tag), without empty values, such as [\"newsletter\"].";
        }

        if (Metric is null)
        {
            yield return $"{p}:{nameof(Metric)} is required: a count such as TotalClicks, a rate such as ClickThroughRate, or a count over a count such as UniqueClicks/Delivered.";
        }

        if (!Enum.IsDefined(Measure))
        {
            yield return $"{p}:{nameof(Measure)} must be Total or Monthly (was {(int)Measure}).";
        }
        else if (Measure == CampaignGoalMeasure.Total && Metric is { IsRate: true })
        {
            yield return $"{p}:{nameof(Measure)} is Total, but {Metric.Name} is a rate, which does not add up over months: set {p}:{nameof(Measure)} to Monthly.";
        }

        bool startOk = Start.Day == 1;
        bool deadlineOk = Deadline.AddDays(1).Day == 1;
        if (!startOk)
        {
            yield return $"{p}:{nameof(Start)} ({Text(Start)}) must be the first day of a month, such as {Text(new DateOnly(Start.Year, Start.Month, 1))}: goals are measured in calendar months (UTC).";
        }

        if (!deadlineOk)
        {
            yield return $"{p}:{nameof(Deadline)} ({Text(Deadline)}) must be the last day of a month, such as {Text(LastDay(Deadline))}: goals are measured in calendar months (UTC).";
        }

        if (Deadline < Start)
        {
            yield return $"{p}:{nameof(Deadline)} ({Text(Deadline)}) must be after {p}:{nameof(Start)} ({Text(Start)}).";
        }

        foreach (string problem in BaselineProblems(p, startOk && deadlineOk && Deadline >= Start))
        {
            yield return problem;
        }

        foreach (string problem in TargetProblems(p))
        {
            yield return problem;
        }

        if (!Enum.IsDefined(Forecast))
        {
            yield return $"{p}:{nameof(Forecast)} must be LinearTrend or RecentRunRate (was {(int)Forecast}).";
        }

        if (ForecastMonths is < 1 or > 60)
        {
            yield return $"{p}:{nameof(ForecastMonths)} must be between 1 and 60 (was {ForecastMonths}); 2 or more for a trend.";
        }
    }

    /// <summary>Throws when <see cref="Validate"/> finds a problem.</summary>
    internal void ThrowIfInvalid(string parameterName)
    {
        var problems = Validate($"CampaignGoal '{Name}'").ToList();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), parameterName);
        }
    }

    /// <summary>The number of calendar months from <paramref name="from"/>'s to <paramref name="to"/>'s, both included.</summary>
    internal static int MonthsIncluding(DateOnly from, DateOnly to) => ((to.Year - from.Year) * 12) + to.Month - from.Month + 1;

    internal static string Text(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly LastDay(DateOnly date) => new(date.Year, date.Month, DateTime.DaysInMonth(date.Year, date.Month));

    private IEnumerable<string> BaselineProblems(string p, bool goalPeriodOk)
    {
        string b = $"{p}:{nameof(Baseline)}";
        if (Baseline is null)
        {
            yield return $"{b} is required: a Value, or a From and To to measure it over (such as 2026-01-01 to 2026-12-31).";
            yield break;
        }

        if (Baseline.Value is { } value)
        {
            if (Baseline.From is not null || Baseline.To is not null)
            {
                yield return $"{b} has a Value and a period: set either {b}:Value or {b}:From and {b}:To.";
            }

            if (!double.IsFinite(value) || value < 0 || (Metric is { IsRate: true } && value > 100))
            {
                yield return $"{b}:Value must be zero or more{(Metric is { IsRate: true } ? " and at most 100 (a rate in percent)" : string.Empty)} (was {value.ToString(CultureInfo.InvariantCulture)}).";
            }

            yield break;
        }

        if (Baseline.From is not { } from || Baseline.To is not { } to)
        {
            yield return $"{b} needs a Value, or both From and To (the period to measure it over, such as 2026-01-01 to 2026-12-31).";
            yield break;
        }

        if (from.Day != 1)
        {
            yield return $"{b}:From ({Text(from)}) must be the first day of a month.";
        }

        if (to.AddDays(1).Day != 1)
        {
            yield return $"{b}:To ({Text(to)}) must be the last day of a month.";
        }

        if (to < from)
        {
            yield return $"{b}:To ({Text(to)}) must be after {b}:From ({Text(from)}).";
        }
        else if (to >= Start)
        {
            yield return $"{b}:To ({Text(to)}) must be before the goal's {nameof(Start)} ({Text(Start)}): the baseline is measured before the goal starts.";
        }
        else if (Measure == CampaignGoalMeasure.Total && goalPeriodOk && MonthsIncluding(from, to) != MonthsIncluding(Start, Deadline))
        {
            yield return $"{b} covers {MonthsIncluding(from, to)} months but the goal {MonthsIncluding(Start, Deadline)}: a Total goal compares totals, so measure the baseline over as many months (such as {Text(Start.AddMonths(-MonthsIncluding(Start, Deadline)))} to {Text(Start.AddDays(-1))}).";
        }
    }

    private IEnumerable<string> TargetProblems(string p)
    {
        string t = $"{p}:{nameof(Target)}";
        double v = Target.Value;
        if (!double.IsFinite(v))
        {
            yield return $"{t} must be a number (was {Target}).";
            yield break;
        }

        if (Target.IsRelative && v <= -100)
        {
            yield return $"{t} ({Target}) must be above -100 %: a value cannot fall below zero.";
        }
        else if (!Target.IsRelative && v < 0)
        {
            yield return $"{t} ({Target}) must be zero or more.";
        }
        else if (!Target.IsRelative && Metric is { IsRate: true } && v > 100)
        {
            yield return $"{t} ({Target}) must be at most 100: {Metric.Name} is a rate in percent (2.5 for 2.5 %).";
        }

        if (Measure == CampaignGoalMeasure.Total && ((Target.IsRelative && v <= 0) || (!Target.IsRelative && v <= (Baseline?.Value ?? 0))))
        {
            yield return $"{t} ({Target}) must be above the baseline ({Baseline?.Value?.ToString(CultureInfo.InvariantCulture) ?? "0"}) for a Total goal: a total only grows. To lower a count (unsubscribes, bounces), set {p}:{nameof(Measure)} to Monthly.";
        }
    }
}
