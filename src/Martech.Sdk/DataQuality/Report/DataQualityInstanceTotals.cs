namespace Martech.Sdk;

/// <summary>The totals of one provider instance in a <see cref="DataQualityReport"/>.</summary>
public sealed record DataQualityInstanceTotals
{
    /// <summary>The instance's name.</summary>
    public required string Instance { get; init; }

    /// <summary>The instance's contacts checked.</summary>
    public required long Contacts { get; init; }

    /// <summary>The instance's contacts with at least one finding.</summary>
    public required long ContactsWithFindings { get; init; }

    /// <summary>The instance's findings, all kinds together.</summary>
    public required long Findings { get; init; }

    /// <summary>The instance's findings of each kind (every kind is present, 0 when none was found).</summary>
    public required IReadOnlyDictionary<DataQualityFindingKind, long> ByKind { get; init; }

    /// <summary>The number of the instance's findings of one kind.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The number, 0 when none.</returns>
    public long Count(DataQualityFindingKind kind) => ByKind.TryGetValue(kind, out long count) ? count : 0;
}
