namespace Martech.Sdk;

/// <summary>The two halves of a lead score: who the person is (fit) and what they did (engagement).</summary>
public enum LeadScoreDimension
{
    /// <summary>Points from the record's fields (<see cref="FitScoringRule"/>).</summary>
    Fit,

    /// <summary>Points from events (<see cref="EngagementScoringRule"/>).</summary>
    Engagement,
}
