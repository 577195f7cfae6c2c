namespace Martech.Sdk;

/// <summary>One problem found in a link's UTM parameters.</summary>
/// <param name="Kind">What is wrong.</param>
/// <param name="Parameter">The parameter, by its lower-case name (<see cref="UtmParameterNames"/>).</param>
/// <param name="Value">The value as the link carries it (percent-encoded as found), or <see langword="null"/> for a
/// missing parameter.</param>
/// <param name="Message">What is wrong and how to fix it, in a sentence.</param>
public sealed record UtmIssue(UtmIssueKind Kind, string Parameter, string? Value, string Message);
