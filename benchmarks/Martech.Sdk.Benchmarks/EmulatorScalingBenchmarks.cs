using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Martech.Sdk.Benchmarks;

/// <summary>
/// A bulk upsert of new contacts through each CRM provider into its emulator over loopback, with no rate limit on either
/// side: the emulator and the SDK at scale. Linear when the time per contact stays the same from 10,000 to 100,000.
/// </summary>
/// <remarks>Each iteration starts an empty emulator. Run with
/// <c>dotnet run -c Release --project benchmarks/Martech.Sdk.Benchmarks -- --filter '*EmulatorBulkUpsertScaling*'</c>;
/// <c>MARTECH_BENCHMARK_SMOKE=1</c> runs 100 and 1,000 contacts instead.</remarks>
[Config(typeof(EmulatorScaleConfig))]
public class EmulatorBulkUpsertScalingBenchmarks
{
    private EmulatorRig? _rig;
    private Contact[] _contacts = [];
    private int _run;

    /// <summary>Gets the sizes: 10,000 and 100,000 contacts (100 and 1,000 in smoke mode).</summary>
    public static IEnumerable<int> Sizes => EmulatorRig.Smoke ? [100, 1_000] : [10_000, 100_000];

    /// <summary>Gets the vendors: all three, or those <c>MARTECH_BENCHMARK_VENDORS</c> names.</summary>
    public static IEnumerable<CrmVendor> Vendors => EmulatorRig.Vendors;

    [ParamsSource(nameof(Vendors))]
    public CrmVendor Vendor { get; set; }

    [ParamsSource(nameof(Sizes))]
    public int Contacts { get; set; }

    [IterationSetup]
    public void StartEmulator()
    {
        _rig = EmulatorRig.StartUnlimitedAsync(Vendor).GetAwaiter().GetResult();
        _contacts = EmulatorRig.NewContacts(Contacts, "run" + (++_run).ToString(CultureInfo.InvariantCulture));
    }

    [IterationCleanup]
    public void StopEmulator() => _rig!.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Description = "UpsertManyAsync, new contacts")]
    public async Task<int> BulkUpsert()
    {
        BulkResult<Contact> result = await _rig!.Contacts.UpsertManyAsync(_contacts).ConfigureAwait(false);
        return result.CreatedCount == Contacts
            ? result.CreatedCount
            : throw new InvalidOperationException($"{Vendor}: only {result.CreatedCount} of {Contacts} contacts were created; {result.FailedCount} failed.");
    }
}

/// <summary>
/// Listing every contact of an emulator seeded with 100,000 or 1,000,000 contacts through each CRM provider, at the
/// vendor's largest page, with no rate limit: linear when the time per contact stays the same between the two sizes.
/// </summary>
/// <remarks>The emulator is seeded once, straight into its store, outside the measurement. Run with
/// <c>dotnet run -c Release --project benchmarks/Martech.Sdk.Benchmarks -- --filter '*EmulatorListingScaling*'</c>;
/// <c>MARTECH_BENCHMARK_SMOKE=1</c> lists 1,000 and 10,000 contacts instead.</remarks>
[Config(typeof(EmulatorListingConfig))]
public class EmulatorListingScalingBenchmarks
{
    private EmulatorRig? _rig;

    /// <summary>Gets the sizes: 100,000 and 1,000,000 contacts (1,000 and 10,000 in smoke mode).</summary>
    public static IEnumerable<int> Sizes => EmulatorRig.Smoke ? [1_000, 10_000] : [100_000, 1_000_000];

    /// <summary>Gets the vendors: all three, or those <c>MARTECH_BENCHMARK_VENDORS</c> names.</summary>
    public static IEnumerable<CrmVendor> Vendors => EmulatorRig.Vendors;

    [ParamsSource(nameof(Vendors))]
    public CrmVendor Vendor { get; set; }

    [ParamsSource(nameof(Sizes))]
    public int Contacts { get; set; }

    [GlobalSetup]
    public void SeedEmulator()
    {
        _rig = EmulatorRig.StartUnlimitedAsync(Vendor).GetAwaiter().GetResult();
        _rig.Seed(Contacts);
    }

    [GlobalCleanup]
    public void StopEmulator() => _rig!.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Description = "ListAsync, every contact")]
    public async Task<int> ListAll()
    {
        int listed = await _rig!.ListAllAsync().ConfigureAwait(false);
        return listed == Contacts ? listed : throw new InvalidOperationException($"{Vendor}: listed {listed} of {Contacts} contacts.");
    }
}

/// <summary>The listing benchmarks' configuration: as <see cref="EmulatorScaleConfig"/> without the warm-up and the
/// memory diagnoser's extra run, as the Salesforce emulator keeps every query cursor's rows and a listing of a million is
/// long enough to need no warm-up.</summary>
public sealed class EmulatorListingConfig() : EmulatorScaleConfig(warmups: 0, memory: false);

/// <summary>
/// The configuration of the emulator benchmarks: runs of seconds each, so one warm-up and one measured iteration, a
/// fresh emulator per iteration where the benchmark needs one, and the time per contact next to the mean. They run in
/// the host process (no generated project to build), which a run of seconds does not need isolating from, with room for
/// a seeding and listing of a million (BenchmarkDotNet's in-process default stops a benchmark after 5 minutes).
/// </summary>
public class EmulatorScaleConfig : ManualConfig
{
    public EmulatorScaleConfig()
        : this(warmups: 1, memory: true)
    {
    }

    protected EmulatorScaleConfig(int warmups, bool memory)
    {
        AddJob(Job.Default
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithWarmupCount(warmups)
            .WithIterationCount(1)
            .WithInvocationCount(1)
            .WithUnrollFactor(1)
            .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(30), logOutput: true))
            .WithId("Emulator"));
        AddColumn(new PerContactColumn());
        if (memory)
        {
            AddDiagnoser(BenchmarkDotNet.Diagnosers.MemoryDiagnoser.Default);
        }
    }

    /// <summary>The mean time divided by the <c>Contacts</c> parameter.</summary>
    private sealed class PerContactColumn : IColumn
    {
        public string Id => nameof(PerContactColumn);

        public string ColumnName => "Time/contact";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Time;

        public string Legend => "Mean time per contact (Mean / Contacts)";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            double? mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
            object? contacts = benchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == "Contacts")?.Value;
            return mean is double nanoseconds && contacts is int count && count > 0
                ? (nanoseconds / count / 1000).ToString("N1", CultureInfo.InvariantCulture) + " μs"
                : "-";
        }

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;
    }
}
