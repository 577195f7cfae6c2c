using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using Martech.Sdk.Testing;

namespace Martech.Sdk.Benchmarks;

/// <summary>
/// A bulk upsert through HubSpot, Salesforce and Pipedrive at the SDK's default settings against their emulators
/// enforcing the vendors' published limits (<see cref="EmulatorRig.PublishedLimit"/>): how close the defaults come to
/// the ceiling the limit sets.
/// </summary>
/// <remarks>
/// <para>Each run sends enough contacts to need the permits of about 30 to 40 seconds at the SDK's request pattern
/// (<see cref="ContactsFor"/>): HubSpot 5 windows of 10 seconds at 100 contacts a <c>batch/upsert</c>; Salesforce 30
/// windows of 1 second at about 67 contacts a request (a collection of 200 and two SOQL look-ups of 100 addresses);
/// Pipedrive 15 windows of 2 seconds at half a contact a request (a search and a create per person). In smoke mode, a
/// fifth of a window's worth. A fixed window admits its permits at once, so the last window's requests go as soon as it
/// opens: the ideal run takes (windows − 1) × window.</para>
/// <para>After each run a line <c>THROUGHPUT …</c> in the log gives contacts/s, the requests the emulator admitted and
/// refused (429), and the share of the ceiling: the ideal time for the admitted requests, (⌈admitted ÷ permits⌉ − 1) ×
/// window, over the time taken. Run with
/// <c>dotnet run -c Release --project benchmarks/Martech.Sdk.Benchmarks -- --filter '*EmulatorThroughput*'</c>.</para>
/// </remarks>
[Config(typeof(EmulatorScaleConfig))]
public class EmulatorThroughputBenchmarks
{
    private EmulatorRig? _rig;
    private Contact[] _contacts = [];
    private int _run;
    private long _elapsedTicks;
    private BulkResult<Contact>? _result;


    /// <summary>Gets the vendors: all three, or those <c>MARTECH_BENCHMARK_VENDORS</c> names.</summary>
    public static IEnumerable<CrmVendor> Vendors => EmulatorRig.Vendors;

    [ParamsSource(nameof(Vendors))]
    public CrmVendor Vendor { get; set; }

    /// <summary>The contacts a run sends: the permits of HubSpot's 5 windows, Salesforce's 30 or Pipedrive's 15 (a fifth of
    /// one window in smoke mode) times the contacts a request carries at the SDK's request pattern.</summary>
    public static int ContactsFor(CrmVendor vendor)
    {
        EmulatorRateLimit limit = EmulatorRig.PublishedLimit(vendor);
        int windows = vendor switch
        {
            CrmVendor.HubSpot => 5,
            CrmVendor.Salesforce => 30,
            _ => 15,
        };
        int requests = EmulatorRig.Smoke ? limit.PermitLimit / 5 : limit.PermitLimit * windows;
        return vendor switch
        {
            CrmVendor.HubSpot => requests * 100,
            CrmVendor.Salesforce => requests * 200 / 3,
            _ => requests / 2,
        };
    }

    [IterationSetup]
    public void StartEmulator()
    {
        _rig = EmulatorRig.StartAtPublishedLimitAsync(Vendor).GetAwaiter().GetResult();
        _rig.Emulator.RequestLog.Capacity = 100_000;
        _contacts = EmulatorRig.NewContacts(ContactsFor(Vendor), "run" + (++_run).ToString(CultureInfo.InvariantCulture));
    }

    [IterationCleanup]
    public void Report()
    {
        EmulatorRig rig = _rig!;
        EmulatorRateLimit limit = rig.Emulator.RateLimit!;
        // Only the requests the limit counts (Salesforce's OAuth token request is not an API request).
        var requests = rig.Emulator.RequestLog.Requests.Where(static r => r.CountedByRateLimit).ToList();
        int refused = requests.Count(r => r.RateLimited);
        int admitted = requests.Count - refused;
        double seconds = TimeSpan.FromTicks(_elapsedTicks).TotalSeconds;
        double ideal = (Math.Ceiling(admitted / (double)limit.PermitLimit) - 1) * limit.Window.TotalSeconds;
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"THROUGHPUT {Vendor}: {_result!.CreatedCount} of {_contacts.Length} contacts created ({_result.FailedCount} failed) in {seconds:F1} s = {_result.CreatedCount / seconds:F1} contacts/s; limit {limit.PermitLimit} per {limit.Window.TotalSeconds:0.#} s; {admitted} requests admitted, {refused} refused (429); ideal {ideal:F1} s = {100 * ideal / seconds:F0} % of the ceiling"));
        rig.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Description = "UpsertManyAsync at the defaults, published limit")]
    public async Task<int> BulkUpsertAtPublishedLimit()
    {
        long started = Stopwatch.GetTimestamp();
        _result = await _rig!.Contacts.UpsertManyAsync(_contacts).ConfigureAwait(false);
        _elapsedTicks = Stopwatch.GetElapsedTime(started).Ticks;
        return _result.CreatedCount;
    }
}
