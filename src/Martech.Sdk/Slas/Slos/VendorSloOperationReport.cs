namespace Martech.Sdk;

/// <summary>One operation of a provider instance in a <see cref="VendorSloReport"/>.</summary>
public sealed record VendorSloOperationReport
{
    /// <summary>The operation, as the transport tags it (<c>mail.send</c>), or <c>(other)</c> for operations beyond
    /// <see cref="VendorSloOptions.MaxOperationsPerInstance"/>.</summary>
    public required string Operation { get; init; }

    /// <summary>What was measured over the operation's window.</summary>
    public required VendorSloMeasurements Measurements { get; init; }

    /// <summary>The operation's own objectives.</summary>
    public IReadOnlyList<VendorSloObjectiveResult> Objectives { get; init; } = [];
}
