using System.Globalization;

namespace Martech.Sdk;

// The configuration shape of a goal (Martech:Campaigns:Goals:<name>), bound with the binding source generator. Every
// value is read as text here, so a wrong one is reported with its path and an example instead of a binder exception.
internal sealed class CampaignGoalSettings
{
    public string? Provider { get; set; }

    public List<string> Campaigns { get; set; } = [];

    public string? Metric { get; set; }

    public string? Measure { get; set; }

    public CampaignGoalBaselineSettings? Baseline { get; set; }

    public string? Target { get; set; }

    public string? Start { get; set; }

    public string? Deadline { get; set; }

    public string? Forecast { get; set; }

    public string? ForecastMonths { get; set; }

    /// <summary>Builds the goal, or returns the problems (each named by its path) that prevent it.</summary>
    public (CampaignGoal? Goal, List<string> Problems) ToGoal(string name, string path)
    {
        var problems = new List<string>();
        CampaignGoalMetric? metric = null;
        if (string.IsNullOrWhiteSpace(Metric))
        {
            problems.Add($"{path}:Metric is required: a count such as TotalClicks, a rate such as ClickThroughRate, or a count over a count such as UniqueClicks/Delivered.");
        }
        else if (!CampaignGoalMetric.TryParse(Metric, out metric))
        {
            problems.Add($"{path}:Metric: {Message(() => CampaignGoalMetric.Parse(Metric))}");
        }

        CampaignGoalMeasure measure = metric is { IsRate: true } ? CampaignGoalMeasure.Monthly : CampaignGoalMeasure.Total;
        if (Measure is not null && (!Enum.TryParse(Measure, ignoreCase: true, out measure) || !Enum.IsDefined(measure)))
        {
            problems.Add($"{path}:Measure must be Total (the months added up) or Monthly (the deadline month's value) (was '{Measure}').");
        }

        CampaignGoalTarget target = default;
        if (string.IsNullOrWhiteSpace(Target))
        {
            problems.Add($"{path}:Target is required: a change relative to the baseline such as +25 %, or an absolute value such as 7500.");
        }
        else if (!CampaignGoalTarget.TryParse(Target, out target))
        {
            problems.Add($"{path}:Target: {Message(() => CampaignGoalTarget.Parse(Target))}");
        }

        DateOnly start = Date(Start, $"{path}:Start", "2027-01-01", problems);
        DateOnly deadline = Date(Deadline, $"{path}:Deadline", "2027-12-31", problems);
        CampaignGoalBaseline? baseline = Baseline?.ToBaseline($"{path}:Baseline", problems);
        if (Baseline is null)
        {
            problems.Add($"{path}:Baseline is required: {path}:Baseline:Value, or {path}:Baseline:From and {path}:Baseline:To (the months to measure it over, such as 2026-01-01 and 2026-12-31).");
        }

        var forecast = CampaignGoalForecastMethod.LinearTrend;
        if (Forecast is not null && (!Enum.TryParse(Forecast, ignoreCase: true, out forecast) || !Enum.IsDefined(forecast)))
        {
            problems.Add($"{path}:Forecast must be LinearTrend or RecentRunRate (was '{Forecast}').");
        }

        int forecastMonths = 6;
        if (ForecastMonths is not null && !int.TryParse(ForecastMonths, NumberStyles.Integer, CultureInfo.InvariantCulture, out forecastMonths))
        {
            problems.Add($"{path}:ForecastMonths must be a whole number of months, such as 6 (was '{ForecastMonths}').");
        }

        if (problems.Count > 0 || metric is null || baseline is null)
        {
            return (null, problems);
        }

        var goal = new CampaignGoal
        {
            Name = name,
            Provider = Provider,
            Campaigns = [.. Campaigns],
            Metric = metric,
            Measure = measure,
            Baseline = baseline,
            Target = target,
            Start = start,
            Deadline = deadline,
            Forecast = forecast,
            ForecastMonths = forecastMonths,
        };
        problems.AddRange(goal.Validate(path));
        return (problems.Count == 0 ? goal : null, problems);
    }

    internal static DateOnly Date(string? text, string path, string example, List<string> problems)
    {
        if (DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly date))
        {
            return date;
        }

        problems.Add(text is null ? $"{path} is required, as a date such as {example}." : $"{path} ('{text}') is not a date such as {example}.");
        return default;
    }

    private static string Message(Action parse)
    {
        try
        {
            parse();
            return string.Empty;
        }
        catch (ArgumentException ex)
        {
            return ex.Message[..(ex.Message.IndexOf(" (Parameter", StringComparison.Ordinal) is var i and >= 0 ? i : ex.Message.Length)];
        }
    }
}

internal sealed class CampaignGoalBaselineSettings
{
    public string? Value { get; set; }

    public string? From { get; set; }

    public string? To { get; set; }

    public CampaignGoalBaseline? ToBaseline(string path, List<string> problems)
    {
        if (Value is not null)
        {
            if (!double.TryParse(Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
            {
                problems.Add($"{path}:Value ('{Value}') is not a number, such as 6000 or 2.1 (a dot for decimals).");
                return null;
            }

            return new CampaignGoalBaseline { Value = value, From = From is null ? null : CampaignGoalSettings.Date(From, $"{path}:From", "2026-01-01", problems), To = To is null ? null : CampaignGoalSettings.Date(To, $"{path}:To", "2026-12-31", problems) };
        }

        if (From is null && To is null)
        {
            problems.Add($"{path} needs a Value, or From and To (the months to measure it over, such as 2026-01-01 and 2026-12-31).");
            return null;
        }

        return CampaignGoalBaseline.MeasuredOver(
            CampaignGoalSettings.Date(From, $"{path}:From", "2026-01-01", problems),
            CampaignGoalSettings.Date(To, $"{path}:To", "2026-12-31", problems));
    }
}
