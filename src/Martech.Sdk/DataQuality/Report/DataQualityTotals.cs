namespace Martech.Sdk;

/// <summary>Counts of a <see cref="DataQualityReport"/>: of the whole run, or of one provider instance.</summary>
public sealed record DataQualityTotals
{
    /// <summary>The contacts checked.</summary>
    public required long Contacts { get; init; }

    /// <summary>The contacts with at least one finding.</summary>
    public required long ContactsWithFindings { get; init; }

    /// <summary>The findings, all kinds together.</summary>
    public required long Findings { get; init; }

    /// <summary>The findings of each kind (every kind is present, 0 when none was found).</summary>
    public required IReadOnlyDictionary<DataQualityFindingKind, long> ByKind { get; init; }

    /// <summary>The number of findings of one kind.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The number, 0 when none.</returns>
    public long Count(DataQualityFindingKind kind) => ByKind.TryGetValue(kind, out long count) ? count : 0;
}
