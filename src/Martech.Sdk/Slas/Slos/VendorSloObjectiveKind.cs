namespace Martech.Sdk;

/// <summary>What an objective is about.</summary>
public enum VendorSloObjectiveKind
{
    /// <summary>Successes ÷ eligible requests.</summary>
    Availability,

    /// <summary>The share of successful requests answered within a threshold (a percentile objective).</summary>
    Latency,
}
