namespace Martech.Sdk;

/// <summary>A goal's metric in one calendar month (UTC), added up over the goal's campaigns.</summary>
/// <param name="Month">The first day of the month.</param>
/// <param name="Value">The count, or the rate in percent; <see langword="null"/> for a rate whose denominator is 0.</param>
/// <param name="Numerator">The count, or the rate's numerator.</param>
/// <param name="Denominator">The rate's denominator; 0 for a count.</param>
/// <param name="IsComplete">Whether the month had ended when it was read (otherwise it holds the month so far).</param>
public sealed record CampaignGoalMonth(DateOnly Month, double? Value, long Numerator, long Denominator, bool IsComplete);
