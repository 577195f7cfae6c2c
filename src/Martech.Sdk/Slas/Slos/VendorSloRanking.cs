namespace Martech.Sdk;

/// <summary>The instances supplying one capability, most reliable first, measured over the same window.</summary>
/// <param name="Capability">The capability's configuration name, such as <c>Email</c>.</param>
/// <param name="Window">The window all entries are measured over.</param>
/// <param name="Entries">The instances: highest availability first, then lowest p95, then most requests; instances
/// without eligible requests last.</param>
public sealed record VendorSloRanking(string Capability, TimeSpan Window, IReadOnlyList<VendorSloRankingEntry> Entries);
