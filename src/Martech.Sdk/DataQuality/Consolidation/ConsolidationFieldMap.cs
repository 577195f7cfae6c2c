namespace Martech.Sdk;

/// <summary>One field mapping of a consolidation: a source field's value written to a target field, optionally
/// transformed.</summary>
/// <param name="Source">The field read from the source record.</param>
/// <param name="Target">The field written on the target record.</param>
/// <param name="Transform">Turns the source value (as text, see <see cref="RecordField"/>) into the target value; its
/// result is parsed as the target field's type. <see langword="null"/> copies the value as it is (typed, when source
/// and target are the same field: consent keeps its source and time, a custom field its raw JSON).</param>
public sealed record ConsolidationFieldMap(RecordField Source, RecordField Target, Func<string?, string?>? Transform = null);
