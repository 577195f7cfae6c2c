namespace Martech.Sdk;

/// <summary>An objective crossed between met and missed: raised once per transition, not on every evaluation.</summary>
/// <param name="Kind">Breached or recovered.</param>
/// <param name="Objective">The objective as judged at that moment.</param>
/// <param name="OccurredAt">When the evaluation saw it.</param>
public sealed record VendorSloEvent(VendorSloEventKind Kind, VendorSloObjectiveResult Objective, DateTimeOffset OccurredAt);
