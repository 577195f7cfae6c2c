namespace Martech.Sdk;

/// <summary>The outcome of one send.</summary>
public enum SendStatus
{
    /// <summary>The vendor accepted the message (for some or all recipients; see the withheld list).</summary>
    Accepted,

    /// <summary>Nothing was sent: every recipient was withheld, for consent or suppression.</summary>
    Withheld,
}
