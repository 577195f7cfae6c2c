namespace Martech.Sdk;

/// <summary>The totals of a data-quality run (<see cref="ContactQualityChecker.ReportAsync"/>) and a bounded sample of
/// its findings; every finding went to the run's sink.</summary>
public sealed record DataQualityReport
{
    /// <summary>The instant the run judged staleness against (from the checker's <see cref="TimeProvider"/> when the run
    /// started).</summary>
    public required DateTimeOffset CheckedAt { get; init; }

    /// <summary>The counts of the whole run.</summary>
    public required DataQualityTotals Totals { get; init; }

    /// <summary>The counts of each provider instance, by instance name.</summary>
    public required IReadOnlyDictionary<string, DataQualityTotals> ByInstance { get; init; }

    /// <summary>The first findings of each kind, at most <see cref="DataQualityReportOptions.SamplesPerKind"/> of each,
    /// grouped by kind in the order of <see cref="DataQualityFindingKind"/>, each group in the order found.</summary>
    public required IReadOnlyList<DataQualityFinding> Samples { get; init; }
}
