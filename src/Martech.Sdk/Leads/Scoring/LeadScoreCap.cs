namespace Martech.Sdk;

/// <summary>A group cap or a dimension cap that cut a score: the sum before and the limit it was cut to.</summary>
public sealed record LeadScoreCap
{
    /// <summary>Fit or engagement.</summary>
    public required LeadScoreDimension Dimension { get; init; }

    /// <summary>The group capped; <see langword="null"/> for the dimension's own cap
    /// (<see cref="LeadScoringOptions.FitCap"/>, <see cref="LeadScoringOptions.EngagementCap"/>).</summary>
    public string? Group { get; init; }

    /// <summary>The cap.</summary>
    public required int Limit { get; init; }

    /// <summary>The points before the cut.</summary>
    public required double Before { get; init; }

    /// <summary>The points cut: <see cref="Before"/> − <see cref="Limit"/>.</summary>
    public double Cut => Before - Limit;
}
