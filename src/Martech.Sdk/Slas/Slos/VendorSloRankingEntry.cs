namespace Martech.Sdk;

/// <summary>One instance in a <see cref="VendorSloRanking"/>.</summary>
/// <param name="Rank">1 for the most reliable.</param>
/// <param name="Instance">The instance name.</param>
/// <param name="ProviderType">The vendor.</param>
/// <param name="Measurements">What was measured over the ranking's window.</param>
public sealed record VendorSloRankingEntry(int Rank, string Instance, string ProviderType, VendorSloMeasurements Measurements);
