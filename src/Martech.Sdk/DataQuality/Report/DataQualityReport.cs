namespace Martech.Sdk;

/// <summary>The totals of a data-quality run (<see cref="ContactQualityChecker.ReportAsync"/>) and a bounded sample of
/// its findings; every finding went to the run's sink.</summary>
public sealed record DataQualityReport
{
    /// <summary>The instant the run judged staleness against (from the checker's <see cref="TimeProvider"/> when the run
    /// started).</summary>
    public required DateTimeOffset CheckedAt { get; init; }

    /// <summary>The contacts checked.</summary>
    public required long Contacts { get; init; }

    /// <summary>The contacts with at least one finding.</summary>
    public required long ContactsWithFindings { get; init; }

    /// <summary>The findings, all kinds together.</summary>
    public required long Findings { get; init; }

    /// <summary>The findings of each kind (every kind is present, 0 when none was found).</summary>
    public required IReadOnlyDictionary<DataQualityFindingKind, long> ByKind { get; init; }

    /// <summary>The totals of each provider instance, by instance name.</summary>
    public required IReadOnlyDictionary<string, DataQualityInstanceTotals> ByInstance { get; init; }

    /// <summary>The first findings of each kind, at most <see cref="DataQualityReportOptions.SamplesPerKind"/> of each,
    /// in the order they were found.</summary>
    public required IReadOnlyList<DataQualityFinding> Samples { get; init; }

    /// <summary>The number of findings of one kind.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The number, 0 when none.</returns>
    public long Count(DataQualityFindingKind kind) => ByKind.TryGetValue(kind, out long count) ? count : 0;
}
