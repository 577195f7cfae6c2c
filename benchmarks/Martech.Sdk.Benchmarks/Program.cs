using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Martech.Sdk.Benchmarks;

/// <summary>Runs the benchmarks chosen on the command line, such as <c>--filter '*' --job short</c>, or every benchmark
/// once with <c>--smoke</c>.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (!args.Contains(Smoke.Switch, StringComparer.Ordinal))
        {
            BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
            return 0;
        }

        // Smoke mode: every benchmark (or those a --filter picks) runs once, in this process, with the smallest size it
        // declares, so CI proves none throws or has rotted without paying for measurements. Works from a Debug build.
        Smoke.IsOn = true;
        Environment.SetEnvironmentVariable(Smoke.EnvironmentVariable, "1");
        string[] rest = [.. args.Where(a => a != Smoke.Switch)];
        if (!rest.Contains("--filter", StringComparer.Ordinal))
        {
            rest = [.. rest, "--filter", "*"];
        }

        IConfig config = DefaultConfig.Instance
            .AddJob(Job.Dry.WithToolchain(InProcessEmitToolchain.Instance).WithId("smoke"))
            .WithOptions(ConfigOptions.DisableOptimizationsValidator | ConfigOptions.DisableLogFile);
        IEnumerable<Summary> summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(rest, config);
        int ran = 0;
        var failed = new List<string>();
        foreach (Summary summary in summaries)
        {
            if (summary.HasCriticalValidationErrors)
            {
                failed.Add($"{summary.Title}: {string.Join("; ", summary.ValidationErrors.Select(e => e.Message))}");
            }

            foreach (BenchmarkReport report in summary.Reports)
            {
                ran++;
                if (!report.Success || report.ExecuteResults.Any(r => !r.IsSuccess))
                {
                    failed.Add($"{report.BenchmarkCase.Descriptor.Type.Name}.{report.BenchmarkCase.Descriptor.WorkloadMethod.Name}({report.BenchmarkCase.Parameters.DisplayInfo})");
                }
            }
        }

        Console.WriteLine(failed.Count == 0 && ran > 0
            ? $"benchmark smoke: {ran} benchmarks ran once, none failed"
            : $"benchmark smoke: {failed.Count} failed of {ran}: {string.Join(" | ", failed)}");
        return failed.Count == 0 && ran > 0 ? 0 : 1;
    }
}
