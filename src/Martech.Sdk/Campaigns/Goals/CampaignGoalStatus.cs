namespace Martech.Sdk;

/// <summary>Where a <see cref="CampaignGoal"/> stands (<see cref="CampaignGoalEvaluation.Status"/>, with the reason in
/// <see cref="CampaignGoalEvaluation.Reason"/>).</summary>
public enum CampaignGoalStatus
{
    /// <summary>Before the deadline, and the forecast meets the target.</summary>
    OnTrack,

    /// <summary>Before the deadline, and the forecast falls short of the target (or there is no data to forecast from).</summary>
    AtRisk,

    /// <summary>The target is met: a <see cref="CampaignGoalMeasure.Total"/> goal as soon as its total reaches it, a
    /// <see cref="CampaignGoalMeasure.Monthly"/> goal when the deadline's month has closed at or beyond it.</summary>
    Achieved,

    /// <summary>The deadline has passed and the target was not met.</summary>
    Missed,
}
