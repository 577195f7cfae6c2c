namespace Martech.Sdk;

/// <summary>The instances supplying one or more capabilities, most reliable first, measured over the same window.</summary>
/// <remarks>An instance is measured over all its requests, not per capability, so capabilities supplied by exactly the
/// same instances (SendGrid and Mailgun both send email and keep suppression lists) share one ranking that names them
/// all.</remarks>
/// <param name="Capabilities">The capabilities' configuration names, such as <c>Email</c> and <c>Suppressions</c>.</param>
/// <param name="Window">The window all entries are measured over.</param>
/// <param name="Entries">The instances: highest availability first, then lowest p95, then most requests; instances
/// without eligible requests last.</param>
public sealed record VendorSloRanking(IReadOnlyList<string> Capabilities, TimeSpan Window, IReadOnlyList<VendorSloRankingEntry> Entries);
