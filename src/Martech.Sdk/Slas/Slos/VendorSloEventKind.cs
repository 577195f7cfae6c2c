namespace Martech.Sdk;

/// <summary>The transition a <see cref="VendorSloEvent"/> reports.</summary>
public enum VendorSloEventKind
{
    /// <summary>The objective went from met (or not yet judged) to missed.</summary>
    Breached,

    /// <summary>The objective went from missed to met.</summary>
    Recovered,
}
