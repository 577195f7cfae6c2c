using BenchmarkDotNet.Attributes;
using Martech.Sdk.Testing;

namespace Martech.Sdk.Benchmarks;

/// <summary>
/// Duplicate detection over 1,000,000 messy contacts in three instances (target: under a minute on this 2-core
/// machine), generated as they are read by <see cref="MessyContacts.Stream"/> (seed 42, 20 % of people with copies), so
/// nothing but the detector's own memory grows with the count. Mean is one whole run: the read, the blocking estimate,
/// the comparisons, the clusters and the second read that returns the clustered records. The baseline is the same read
/// with no detection (generating and normalising the contacts), so the difference is the detection's own cost. The set-up
/// writes the figures of one run to the log (<c>// run</c>): records, pairs per rule, compared and matched pairs, clusters,
/// bytes per record, the heap growth during the run (peak managed memory sampled every 10 ms, garbage included) and the
/// process's peak working set so far (an upper bound: the generator's and BenchmarkDotNet's memory are in it).
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class DuplicateDetectionBenchmarks
{
    private static readonly string[] Instances = ["HubSpot", "Pipedrive", "Salesforce"];

    /// <summary>Contacts read per run.</summary>
    [ParamsSource(nameof(Counts))]
    public int Contacts { get; set; }

    public static IEnumerable<int> Counts() => Smoke.Sizes(100_000, 1_000_000);

    [GlobalSetup]
    public void Setup()
    {
        GC.Collect();
        long before = GC.GetTotalMemory(forceFullCollection: true);
        long peak = before;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: false));
                await Task.Delay(10).ConfigureAwait(false);
            }
        });
        var clock = System.Diagnostics.Stopwatch.StartNew();
        DuplicateDetectionResult result = Detect().GetAwaiter().GetResult();
        clock.Stop();
        sampling.Cancel();
        sampler.GetAwaiter().GetResult();
        Console.WriteLine(
            $"// run: {Contacts:N0} contacts in {clock.Elapsed.TotalSeconds:F1} s; {result.Estimate.TotalPairs:N0} candidate pairs " +
            $"({string.Join(", ", result.Estimate.Rules.Select(r => $"{r.Rule} {r.Pairs:N0}, largest block {r.LargestBlock}"))}); " +
            $"{result.ComparedPairs:N0} compared, {result.MatchedPairs:N0} matched; {result.Clusters.Count:N0} clusters of {result.DuplicateRecords:N0} records; " +
            $"{result.Estimate.BytesPerRecord:F1} bytes kept per record; peak heap growth {(peak - before) / 1024.0 / 1024.0:F0} MB; " +
            $"process peak working set so far {System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64 / 1024.0 / 1024.0:F0} MB");
    }

    [Benchmark(Baseline = true, Description = "read the stream only (baseline)")]
    public async Task<int> ReadOnly()
    {
        int count = 0;
        await foreach (SourcedContact record in Source().ConfigureAwait(false))
        {
            count += record.Contact.Email is null ? 0 : 1;
        }

        return count;
    }

    [Benchmark(Description = "DuplicateDetector.FindAsync")]
    public async Task<int> Detect_() => (await Detect().ConfigureAwait(false)).Clusters.Count;

    private Task<DuplicateDetectionResult> Detect() => new DuplicateDetector().FindAsync(Source());

    private IAsyncEnumerable<SourcedContact> Source() =>
        MessyContacts.Stream(42, Contacts, 0.2, Instances).Select(c => c.Record).ToAsyncEnumerable();
}
