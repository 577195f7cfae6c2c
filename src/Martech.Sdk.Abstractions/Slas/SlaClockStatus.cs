namespace Martech.Sdk;

/// <summary>Where an SLA clock stands.</summary>
public enum SlaClockStatus
{
    /// <summary>Running, with more time left than the warning threshold.</summary>
    Pending,

    /// <summary>Running, inside the warning threshold, not yet due.</summary>
    AtRisk,

    /// <summary>Paused before its due time: paused time does not count.</summary>
    Paused,

    /// <summary>Stopped by its due time.</summary>
    Met,

    /// <summary>Past its due time: still running (or paused), or stopped late.</summary>
    Breached,

    /// <summary>Ended by a cancel condition: neither met nor breached.</summary>
    Cancelled,
}
