namespace Martech.Sdk;

/// <summary>How a <see cref="CampaignGoal"/>'s value at the deadline is forecast from the last complete months
/// (<see cref="CampaignGoal.ForecastMonths"/>).</summary>
public enum CampaignGoalForecastMethod
{
    /// <summary>A least-squares line through the last complete months' values, extended to the deadline: for a
    /// <see cref="CampaignGoalMeasure.Total"/> goal the total so far plus the line's value for each month left (the current
    /// month's share that is left, then whole months; a negative value counts as 0), for a
    /// <see cref="CampaignGoalMeasure.Monthly"/> goal the line's value in the deadline's month (never below 0, a rate never
    /// above 100). One month of data gives a flat line at its value.</summary>
    LinearTrend,

    /// <summary>The mean of the last complete months' values held to the deadline: the total so far plus the mean for
    /// each month left, or the mean itself for a <see cref="CampaignGoalMeasure.Monthly"/> goal.</summary>
    RecentRunRate,
}
