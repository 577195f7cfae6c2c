namespace LeadFlow;

/// <summary>The outcome of validation: the distinct leads to import, and every row that was not taken as is.</summary>
public sealed record NormalizedLeads(
    IReadOnlyList<LeadCandidate> Leads,
    IReadOnlyList<Rejection> Rejected,
    IReadOnlyList<Rejection> Warnings,
    int DuplicatesMerged);
