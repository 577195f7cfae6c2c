namespace Martech.Sdk;

/// <summary>One provider instance in a <see cref="VendorSloReport"/>.</summary>
public sealed record VendorSloInstanceReport
{
    /// <summary>The instance name, as registered.</summary>
    public required string Instance { get; init; }

    /// <summary>The vendor, such as <c>SendGrid</c>.</summary>
    public required string ProviderType { get; init; }

    /// <summary>The capabilities it supplies, by their configuration names (<c>Email</c>, <c>Contacts</c>, …).</summary>
    public IReadOnlyList<string> Capabilities { get; init; } = [];

    /// <summary>What was measured over all its requests in its window.</summary>
    public required VendorSloMeasurements Measurements { get; init; }

    /// <summary>Its objectives over all its requests.</summary>
    public IReadOnlyList<VendorSloObjectiveResult> Objectives { get; init; } = [];

    /// <summary>Its operations: those with requests in the window and those with objectives.</summary>
    public IReadOnlyList<VendorSloOperationReport> Operations { get; init; } = [];
}
