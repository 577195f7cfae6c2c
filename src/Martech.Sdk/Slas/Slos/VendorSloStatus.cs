namespace Martech.Sdk;

/// <summary>Whether an objective holds over its window.</summary>
public enum VendorSloStatus
{
    /// <summary>Fewer eligible requests in the window than <see cref="VendorSloOptions.MinimumRequests"/>: not judged.</summary>
    NoData,

    /// <summary>The objective holds.</summary>
    Met,

    /// <summary>The objective does not hold: the error budget of the window is overspent.</summary>
    Breached,
}
