namespace LeadFlow;

/// <summary>A CSV row that was not imported, and why.</summary>
public sealed record Rejection(int Line, string Value, string Reason);
