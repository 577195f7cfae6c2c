namespace Martech.Sdk.Benchmarks;

/// <summary>
/// The benchmark smoke mode (<c>--smoke</c>): every benchmark runs once so CI catches one that throws or no longer
/// compiles against the SDK. A class whose setup is heavy reads <see cref="IsOn"/> (or the environment variable
/// <see cref="EnvironmentVariable"/>) or takes its sizes from <see cref="Sizes"/>, so the smoke run stays small.
/// </summary>
public static class Smoke
{
    /// <summary>The command-line switch.</summary>
    public const string Switch = "--smoke";

    /// <summary>Set to <c>1</c> in smoke mode, for code that cannot see <see cref="IsOn"/> (another process).</summary>
    public const string EnvironmentVariable = "MARTECH_BENCHMARK_SMOKE";

    /// <summary>Whether this run is the smoke run.</summary>
    public static bool IsOn { get; set; } = Environment.GetEnvironmentVariable(EnvironmentVariable) == "1";

    /// <summary>The sizes a benchmark runs at: all of them normally, only the smallest in smoke mode. Use it with
    /// <c>[ParamsSource]</c> instead of <c>[Params]</c> in a class whose larger sizes take long to set up.</summary>
    /// <param name="sizes">Every size, as <c>[Params]</c> would list them.</param>
    /// <returns>The sizes to run.</returns>
    public static IEnumerable<int> Sizes(params int[] sizes) => IsOn ? [sizes.Min()] : sizes;
}
