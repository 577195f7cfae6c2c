namespace Martech.Sdk;

/// <summary>The period a <see cref="ScoringFrequencyCap"/> counts in, by the event's <see cref="MartechEvent.OccurredAt"/>
/// in UTC.</summary>
public enum ScoringPeriod
{
    /// <summary>A UTC calendar day.</summary>
    Day,

    /// <summary>A UTC week, Monday 00:00 to Monday 00:00.</summary>
    Week,

    /// <summary>All time.</summary>
    AllTime,
}
