namespace Martech.Sdk;

/// <summary>
/// An objective's error budget over its window: how many eligible requests may fail (or be slow, for a latency
/// objective) while the objective still holds, how many did, and what is left.
/// </summary>
/// <param name="Allowed">(1 − objective) × eligible requests, such as 0.1 % of 995 = 0.995.</param>
/// <param name="Consumed">The failed (or slow) requests.</param>
/// <param name="Remaining"><paramref name="Allowed"/> − <paramref name="Consumed"/>; negative once overspent.</param>
/// <param name="RemainingPercent"><paramref name="Remaining"/> ÷ <paramref name="Allowed"/> × 100, or
/// <see langword="null"/> without eligible requests.</param>
public sealed record VendorSloErrorBudget(double Allowed, long Consumed, double Remaining, double? RemainingPercent);
