namespace Martech.Sdk;

/// <summary>Where a <see cref="CampaignGoal"/> stands at one instant: progress, the run rate still needed, a forecast, and
/// a status with its reason.</summary>
/// <remarks>Values are counts, or rates in percent, as the goal's <see cref="CampaignGoal.Metric"/>. For a
/// <see cref="CampaignGoalMeasure.Total"/> goal <see cref="Current"/> is the total so far (the current month included); for
/// a <see cref="CampaignGoalMeasure.Monthly"/> goal it is the latest complete month's value (<see cref="CurrentMonth"/>), or
/// the deadline month's once it has closed.</remarks>
public sealed record CampaignGoalEvaluation
{
    /// <summary>The goal.</summary>
    public required CampaignGoal Goal { get; init; }

    /// <summary>The provider instance the values were read from.</summary>
    public required string Provider { get; init; }

    /// <summary>The instant of the evaluation (from the <see cref="TimeProvider"/>).</summary>
    public required DateTimeOffset EvaluatedAt { get; init; }

    /// <summary>The baseline value: the configured value, or the one measured over the baseline period.</summary>
    public required double Baseline { get; init; }

    /// <summary>The target value (a relative target applied to <see cref="Baseline"/>).</summary>
    public required double Target { get; init; }

    /// <summary>The value now; <see langword="null"/> when a monthly rate has no month with a denominator yet.</summary>
    public double? Current { get; init; }

    /// <summary>For a <see cref="CampaignGoalMeasure.Monthly"/> goal, the month (its first day) <see cref="Current"/> is from.</summary>
    public DateOnly? CurrentMonth { get; init; }

    /// <summary>The share of the way to the target, 1 when there: <see cref="Current"/> ÷ <see cref="Target"/> for a
    /// <see cref="CampaignGoalMeasure.Total"/> goal, (<see cref="Current"/> − <see cref="Baseline"/>) ÷ (<see cref="Target"/> −
    /// <see cref="Baseline"/>) for a <see cref="CampaignGoalMeasure.Monthly"/> one (below 0 when it moved the wrong way).</summary>
    public double? Progress { get; init; }

    /// <summary>What is still needed per month to reach the target by the deadline: for a Total goal the remainder ÷ the
    /// months left (the current month's share that is left, then whole months); for a Monthly goal the change per month
    /// from <see cref="CurrentMonth"/> to the deadline's month (negative when the value must fall).
    /// <see langword="null"/> when the target is met or no time is left.</summary>
    public double? RequiredPerMonth { get; init; }

    /// <summary>For a Total goal, the remainder ÷ the days left; <see langword="null"/> for a Monthly goal, or when the target
    /// is met or no time is left.</summary>
    public double? RequiredPerDay { get; init; }

    /// <summary>The forecast value at the deadline (the final value once the deadline has passed);
    /// <see langword="null"/> when there is nothing to forecast from.</summary>
    public double? Forecast { get; init; }

    /// <summary>How <see cref="Forecast"/> was made, with the months and numbers it used.</summary>
    public required string ForecastMethod { get; init; }

    /// <summary>Where the goal stands.</summary>
    public required CampaignGoalStatus Status { get; init; }

    /// <summary>Why, with the numbers, such as <c>forecast 7,120 falls short of the target 7,500 by 380</c>.</summary>
    public required string Reason { get; init; }

    /// <summary>The months read, in order: those the forecast used and the goal's months so far.</summary>
    public required IReadOnlyList<CampaignGoalMonth> Months { get; init; }

    /// <summary>Writes the goal's name, status and reason.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Goal.Name}: {Status}, {Reason}";
}
