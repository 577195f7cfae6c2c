namespace Martech.Sdk;

/// <summary>A target for the items a match selects, such as "high priority: 1 hour". A policy's rules are tried in
/// order; the first that matches wins, and the policy's <see cref="SlaPolicy.Target"/> is the default.</summary>
public sealed record SlaTargetRule
{
    /// <summary>Which items the rule is for.</summary>
    public required SlaMatch When { get; init; }

    /// <summary>The target: business time in the policy's calendar, or wall-clock time when it has none.</summary>
    public required TimeSpan Target { get; init; }
}
