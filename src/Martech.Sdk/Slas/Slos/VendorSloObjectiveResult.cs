namespace Martech.Sdk;

/// <summary>One objective judged over its window, with its error budget and burn rates.</summary>
public sealed record VendorSloObjectiveResult
{
    /// <summary>The provider instance.</summary>
    public required string Instance { get; init; }

    /// <summary>The operation, or <see langword="null"/> for an objective over all the instance's requests.</summary>
    public string? Operation { get; init; }

    /// <summary>Availability or latency.</summary>
    public required VendorSloObjectiveKind Kind { get; init; }

    /// <summary>The objective in percent of eligible requests that must be good: the availability (99.9) or the latency
    /// percentile (95 for "p95 ≤ 1.5 s").</summary>
    public required double Target { get; init; }

    /// <summary>The latency threshold, or <see langword="null"/> for availability.</summary>
    public TimeSpan? Threshold { get; init; }

    /// <summary>The window it is judged over.</summary>
    public required TimeSpan Window { get; init; }

    /// <summary>A short description, such as <c>availability ≥ 99.9 %</c> or <c>p95 ≤ 1.5 s</c>.</summary>
    public required string Description { get; init; }

    /// <summary>The requests it is judged on: eligible requests for availability, successful ones for latency.</summary>
    public long Eligible { get; init; }

    /// <summary>The good ones: successes, or successes within the threshold.</summary>
    public long Good { get; init; }

    /// <summary>The measured share of good requests in percent, or <see langword="null"/> without requests.</summary>
    public double? Actual { get; init; }

    /// <summary>For latency: the measured percentile (within 1 %); otherwise <see langword="null"/>.</summary>
    public TimeSpan? ActualLatency { get; init; }

    /// <summary>Met, missed, or not judged for want of requests.</summary>
    public required VendorSloStatus Status { get; init; }

    /// <summary>The error budget over <see cref="Window"/>.</summary>
    public required VendorSloErrorBudget ErrorBudget { get; init; }

    /// <summary>The short burn-rate window (<see cref="VendorSloOptions.ShortWindow"/>).</summary>
    public required TimeSpan ShortWindow { get; init; }

    /// <summary>The error rate over <see cref="ShortWindow"/> ÷ (1 − objective): 1 spends the budget exactly over the
    /// window, 14.4 spends 2 % of a 30-day budget in an hour. <see langword="null"/> without requests in that window.</summary>
    public double? ShortBurnRate { get; init; }

    /// <summary>The long burn-rate window (<see cref="VendorSloOptions.LongWindow"/>).</summary>
    public required TimeSpan LongWindow { get; init; }

    /// <summary>The error rate over <see cref="LongWindow"/> ÷ (1 − objective), or <see langword="null"/> without
    /// requests in that window.</summary>
    public double? LongBurnRate { get; init; }
}
