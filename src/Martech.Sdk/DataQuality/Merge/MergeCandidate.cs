namespace Martech.Sdk;

/// <summary>One record's value of a field, a candidate for the merged value.</summary>
/// <param name="Record">The record.</param>
/// <param name="Value">The value as text (<see cref="RecordField.GetText(Contact)"/>), never blank.</param>
/// <param name="Timestamp">When the value was last changed, as far as known: a consent's own time, otherwise the
/// record's <see cref="Contact.UpdatedAt"/>.</param>
public sealed record MergeCandidate(SourcedContact Record, string Value, DateTimeOffset? Timestamp)
{
    /// <summary>The instance the record lives in.</summary>
    public string Instance => Record.Instance;

    /// <summary>The record's id in its instance.</summary>
    public string? ContactId => Record.Contact.Id;

    /// <summary>The candidate as reasons print it: <c>HubSpot c1 'William'</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Instance} {ContactId} '{Value}'";
}
