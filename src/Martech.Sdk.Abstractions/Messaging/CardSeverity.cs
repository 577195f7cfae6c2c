namespace Martech.Sdk;

/// <summary>The tone of a card, rendered as a colour or accent where the vendor has one.</summary>
public enum CardSeverity
{
    /// <summary>Neutral information.</summary>
    Info,

    /// <summary>Good news.</summary>
    Success,

    /// <summary>Needs attention soon, such as an SLA at risk.</summary>
    Warning,

    /// <summary>Needs attention now, such as an SLA breach.</summary>
    Critical,
}
