namespace Martech.Sdk;

/// <summary>One problem found in one contact.</summary>
/// <param name="Instance">The provider instance the contact lives in (<see cref="SourcedContact.Instance"/>).</param>
/// <param name="ContactId">The contact's id at that instance.</param>
/// <param name="Email">The contact's email address as text (the unparsed text when it does not parse).</param>
/// <param name="Kind">What the finding is about.</param>
/// <param name="Field">The field the finding is about.</param>
/// <param name="Value">The field's value as text, <see langword="null"/> when it is empty.</param>
/// <param name="Reason">Why it is a problem, in a sentence.</param>
/// <param name="Suggestion">A fix, when one can be told (a corrected address, what to record).</param>
public sealed record DataQualityFinding(
    string Instance,
    string? ContactId,
    string? Email,
    DataQualityFindingKind Kind,
    RecordField Field,
    string? Value,
    string Reason,
    string? Suggestion = null);
