using System.Diagnostics.CodeAnalysis;
using Xunit;
using Xunit.Abstractions;

namespace Martech.Sdk.Testing.Conformance;

/// <summary>
/// What every conformance suite shares: the xunit lifecycle (the provider under test is created in
/// <see cref="InitializeAsync"/> before each test and released in <see cref="DisposeAsync"/>) and a place to record
/// that a test does not apply to the provider.
/// </summary>
[SuppressMessage("Reliability", "CA2007:Consider calling ConfigureAwait on the awaited task", Justification = "Test methods run under xunit, which forbids ConfigureAwait(false) in tests (xUnit1030).")]
public abstract class ConformanceSuite : IAsyncLifetime
{
    private readonly ITestOutputHelper? _output;

    /// <summary>Creates the suite.</summary>
    /// <param name="output">Where tests that do not apply to the provider record why; optional.</param>
    protected ConformanceSuite(ITestOutputHelper? output = null) => _output = output;

    /// <summary>Creates what this test runs against; called once before each test.</summary>
    /// <returns>A task that completes when the provider under test is ready.</returns>
    public abstract Task InitializeAsync();

    /// <summary>Releases what the test created; override to dispose the provider, then call the base.</summary>
    /// <returns>A completed task.</returns>
    public virtual Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Records in the test output that a test does not apply to this provider.</summary>
    /// <param name="reason">Why.</param>
    protected void NotApplicable(string reason) => _output?.WriteLine($"Not applicable to this provider: {reason}");
}
