using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;

namespace Martech.Sdk.Benchmarks;

/// <summary>The configuration every benchmark class shares: allocations are measured alongside time.</summary>
public sealed class BenchmarkConfig : ManualConfig
{
    public BenchmarkConfig()
    {
        AddDiagnoser(MemoryDiagnoser.Default);
    }
}
