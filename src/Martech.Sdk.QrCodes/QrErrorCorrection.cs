namespace Martech.Sdk;

/// <summary>How much of a QR code can be damaged or covered and still read; more correction makes a denser code for the
/// same link.</summary>
public enum QrErrorCorrection
{
    /// <summary>Level L: about 7 % of the code can be restored.</summary>
    Low,

    /// <summary>Level M: about 15 %. Fits clean print and screens.</summary>
    Medium,

    /// <summary>Level Q: about 25 %. For direct mail that gets folded, scuffed or stamped.</summary>
    Quartile,

    /// <summary>Level H: about 30 %.</summary>
    High,
}
