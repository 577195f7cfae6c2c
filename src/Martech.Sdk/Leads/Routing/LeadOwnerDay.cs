namespace Martech.Sdk;

/// <summary>How many leads an owner got on one day (in the owner's calendar's time zone, or UTC).</summary>
/// <param name="Day">The day.</param>
/// <param name="Count">The leads assigned on it.</param>
public sealed record LeadOwnerDay(DateOnly Day, int Count);
