using BenchmarkDotNet.Attributes;
namespace Martech.Sdk.Benchmarks;

/// <summary>
/// One monitor pass's worth of clock evaluation: 100,000 open "first touch within 4 business hours" clocks (leads
/// created over the past two weeks, a third of them touched, some with an owner change), each replayed from its history
/// by <see cref="SlaEvaluator.Evaluate"/>. The baseline is the same policy in wall-clock time, so the difference is what
/// business-time arithmetic in a <see cref="BusinessCalendar"/> (London, weekdays 09:00-17:30, Christmas) costs. Target: well under a second for the pass on this 2-core machine.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class SlaEvaluationBenchmarks
{
    private static readonly int Count = Smoke.IsOn ? 1_000 : 100_000; // 1,000 in the smoke run: the set-up is heavy.
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 15, 0, 0, TimeSpan.Zero);
    private readonly BusinessCalendar _calendar = BusinessCalendar.Create("office", Office());
    private readonly SlaPolicy _business = new() { Name = "first-touch", Metric = SlaMetric.TimeToFirstTouch, Target = TimeSpan.FromHours(4), Calendar = "office", WarnBefore = TimeSpan.FromHours(1) };
    private readonly SlaPolicy _wallClock = new() { Name = "first-touch", Metric = SlaMetric.TimeToFirstTouch, Target = TimeSpan.FromHours(4), WarnBefore = TimeSpan.FromHours(1) };
    private SlaItem[] _items = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _items = new SlaItem[Count];
        for (int i = 0; i < Count; i++)
        {
            DateTimeOffset created = Now - TimeSpan.FromMinutes(random.Next(0, 14 * 24 * 60));
            var history = new List<SlaItemEvent> { new() { Type = SlaItemEventType.Created, OccurredAt = created, Status = "new", OwnerId = "rep-" + (i % 20) } };
            if (i % 5 == 0)
            {
                history.Add(new SlaItemEvent { Type = SlaItemEventType.OwnerChanged, OccurredAt = created.AddMinutes(20), OwnerId = "rep-" + (i % 7) });
            }

            if (i % 3 == 0)
            {
                history.Add(new SlaItemEvent { Type = SlaItemEventType.StatusChanged, OccurredAt = created.AddMinutes(random.Next(5, 600)), Status = "working" });
            }

            _items[i] = new SlaItem(SlaItemKind.Lead, "lead-" + i, history);
        }
    }

    [Benchmark(Baseline = true, Description = "100k clocks, wall-clock target (baseline)")]
    public int WallClock() => Pass(_wallClock, null);

    [Benchmark(Description = "100k clocks, 4 business hours in a calendar")]
    public int BusinessTime() => Pass(_business, _calendar);

    private static BusinessCalendarOptions Office()
    {
        var options = new BusinessCalendarOptions { TimeZone = "Europe/London" };
        options.Hours["Weekdays"] = "09:00-17:30";
        options.Holidays.Add("12-25 observed");
        options.Holidays.Add("12-26 observed");
        return options;
    }

    private int Pass(SlaPolicy policy, IBusinessCalendar? calendar)
    {
        int breached = 0;
        foreach (SlaItem item in _items)
        {
            if (SlaEvaluator.Evaluate(policy, calendar, item, Now) is { Status: SlaClockStatus.Breached })
            {
                breached++;
            }
        }

        return breached;
    }
}
