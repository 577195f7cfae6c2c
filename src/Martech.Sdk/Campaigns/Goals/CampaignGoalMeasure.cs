namespace Martech.Sdk;

/// <summary>What value of a <see cref="CampaignGoal"/>'s metric is compared with its target.</summary>
public enum CampaignGoalMeasure
{
    /// <summary>The metric added up over the goal's months, such as "7,500 clicks in 2027": the monthly values summed (a
    /// unique count then counts a recipient once per month). Counts only; the target must be above the baseline, since a
    /// total only grows. Achieved as soon as the total reaches the target.</summary>
    Total,

    /// <summary>The metric's value in one calendar month, such as "a click-through rate of 2.5 % by December 2027": judged
    /// on the deadline's month. Counts or rates; a target below the baseline means lower is better (a bounce rate).</summary>
    Monthly,
}
