namespace Martech.Sdk;

/// <summary>What an SLA clock's transition was.</summary>
public enum SlaTransitionKind
{
    /// <summary>It entered the warning threshold.</summary>
    AtRisk = 1,

    /// <summary>It passed its due time.</summary>
    Breached = 2,

    /// <summary>It was stopped by its due time.</summary>
    Met = 3,
}
