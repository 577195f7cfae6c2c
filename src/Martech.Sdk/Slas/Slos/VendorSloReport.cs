namespace Martech.Sdk;

/// <summary>Vendor SLOs at one moment: every instance, its operations and objectives, and the capability rankings.</summary>
public sealed record VendorSloReport
{
    /// <summary>When the report was made.</summary>
    public required DateTimeOffset GeneratedAt { get; init; }

    /// <summary>The one window asked for, or <see langword="null"/> when each row uses its configured window.</summary>
    public TimeSpan? Window { get; init; }

    /// <summary>The instances, in registration order.</summary>
    public IReadOnlyList<VendorSloInstanceReport> Instances { get; init; } = [];

    /// <summary>For each capability supplied by two or more reported instances, those instances side by side.</summary>
    public IReadOnlyList<VendorSloRanking> Rankings { get; init; } = [];

    /// <summary>Every objective of the report: each instance's, then its operations'.</summary>
    public IEnumerable<VendorSloObjectiveResult> Objectives =>
        Instances.SelectMany(i => i.Objectives.Concat(i.Operations.SelectMany(o => o.Objectives)));

    /// <summary>
    /// Renders the report as plain-text tables for a console or a log: the measurements per instance and operation, the
    /// objectives with their status, error budget and burn rates, and the rankings. Numbers use the invariant culture.
    /// </summary>
    /// <returns>The text, lines separated by <c>\n</c>.</returns>
    public string ToTable() => VendorSloTable.Render(this);

    /// <summary>Renders <see cref="ToTable"/>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => ToTable();
}
