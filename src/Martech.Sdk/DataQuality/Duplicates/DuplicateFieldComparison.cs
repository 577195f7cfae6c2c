namespace Martech.Sdk;

/// <summary>How one field of a pair compared.</summary>
/// <param name="Field">The field (<see cref="RecordField.Email"/>, <see cref="RecordField.Phone"/>,
/// <see cref="RecordField.FirstName"/>, <see cref="RecordField.LastName"/> or <see cref="RecordField.Company"/>).</param>
/// <param name="Similarity">From 0 to 1: 1 or 0 for email and phone, Jaro-Winkler for names, the soft token Jaccard for
/// companies.</param>
/// <param name="Weight">The field's weight in the score.</param>
/// <param name="Agreed">Whether the field agreed: a similarity of at least 0.9.</param>
public sealed record DuplicateFieldComparison(RecordField Field, double Similarity, double Weight, bool Agreed);
