using BenchmarkDotNet.Attributes;

namespace Martech.Sdk.Benchmarks;

/// <summary>
/// Evaluating 100,000 SLA clocks against a business calendar: the due time of each ("4 business hours from now",
/// <see cref="BusinessCalendar.AddBusinessTime"/>) and the business time each has run
/// (<see cref="BusinessCalendar.GetBusinessTime"/>), on a London support desk with split shifts, Saturday mornings,
/// recurring and observed holidays and the GB bank holidays, starts spread over two years. Baseline: the same
/// 100,000 targets on the wall clock (<c>start + target</c>), the floor any calendar arithmetic is measured against.
/// One invocation is all 100,000 clocks.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class BusinessCalendarBenchmarks
{
    private const int Clocks = 100_000;
    private readonly DateTimeOffset[] _starts = new DateTimeOffset[Clocks];
    private readonly DateTimeOffset[] _ends = new DateTimeOffset[Clocks];
    private readonly TimeSpan[] _targets = new TimeSpan[Clocks];
    private BusinessCalendar _calendar = null!;

    [GlobalSetup]
    public void Setup()
    {
        _calendar = CreateCalendar();
        var random = new Random(42);
        var origin = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (int i = 0; i < Clocks; i++)
        {
            _starts[i] = origin.AddMinutes(random.Next(0, 2 * 365 * 1440));
            _targets[i] = TimeSpan.FromMinutes(random.Next(15, 5 * 8 * 60)); // 15 minutes to a working week
            _ends[i] = _starts[i].AddMinutes(random.Next(0, 14 * 1440));
        }

        // Warm the year cache, as a long-running monitor's calendar is.
        _calendar.AddBusinessTime(_starts[0], _targets[0]);
    }

    [Benchmark(Baseline = true, Description = "wall clock: start + target (baseline)")]
    public long WallClock()
    {
        long sum = 0;
        for (int i = 0; i < Clocks; i++)
        {
            sum += (_starts[i] + _targets[i]).UtcTicks;
        }

        return sum;
    }

    [Benchmark(Description = "AddBusinessTime × 100,000")]
    public long AddBusinessTime()
    {
        long sum = 0;
        for (int i = 0; i < Clocks; i++)
        {
            sum += _calendar.AddBusinessTime(_starts[i], _targets[i]).UtcTicks;
        }

        return sum;
    }

    [Benchmark(Description = "GetBusinessTime × 100,000")]
    public long GetBusinessTime()
    {
        long sum = 0;
        for (int i = 0; i < Clocks; i++)
        {
            sum += _calendar.GetBusinessTime(_starts[i], _ends[i]).Ticks;
        }

        return sum;
    }

    [Benchmark(Description = "AddBusinessTime × 100,000, new calendar (years built)")]
    public long AddBusinessTimeCold()
    {
        BusinessCalendar calendar = CreateCalendar();
        long sum = 0;
        for (int i = 0; i < Clocks; i++)
        {
            sum += calendar.AddBusinessTime(_starts[i], _targets[i]).UtcTicks;
        }

        return sum;
    }

    private static BusinessCalendar CreateCalendar()
    {
        var options = new BusinessCalendarOptions { TimeZone = "Europe/London", HolidayCountry = "GB" };
        options.Hours["Weekdays"] = "09:00-12:00,13:00-17:30";
        options.Hours["Saturday"] = "10:00-13:00";
        options.Holidays.Add("12-24 09:00-13:00");
        options.Holidays.Add("12-31 observed");
        options.Shifts.Add("2026-12-19 10:00-14:00");
        return BusinessCalendar.Create("Support", options, new PublicHolidaySource());
    }
}
