namespace Martech.Sdk;

/// <summary>The period a volume SLA is measured over, in its time zone.</summary>
public enum SlaPeriod
{
    /// <summary>A calendar month, from local midnight of the 1st.</summary>
    Month,

    /// <summary>A week, from local midnight on Monday.</summary>
    Week,

    /// <summary>A day, from local midnight.</summary>
    Day,
}
