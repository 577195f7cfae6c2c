namespace Martech.Sdk.Tests.Slas.Calendars;

/// <summary>
/// <see cref="BusinessCalendar"/> against <see cref="WallClockReference"/> (minute stepping) on many random inputs with
/// a fixed seed, in three zones, over a calendar with split shifts, a range past midnight clipped by the next day's
/// shift, night ranges on clock-change nights, dated, recurring, observed and shorter-day holidays, and one-off shifts.
/// </summary>
public class BusinessCalendarReferenceTests
{
    private static readonly DateOnly WindowStart = new(2026, 2, 20);
    private const int WindowDays = 314; // to 2026-12-31

    public static TheoryData<string, string> Zones() => new()
    {
        { "America/New_York", "2026-03-08,2026-11-01" },
        { "Australia/Sydney", "2026-04-05,2026-10-04" },
        { "Europe/London", "2026-03-29,2026-10-25" },
    };

    [Theory]
    [MemberData(nameof(Zones))]
    public void Arithmetic_MatchesMinuteStepping(string zoneId, string transitions)
    {
        TimeZoneInfo zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        BusinessCalendar calendar = BusinessCalendar.Create("Reference", Options(zoneId));
        var reference = new WallClockReference(zone, WindowStart, WindowDays, RangesOf);
        DateTimeOffset[] changes = [.. transitions.Split(',').Select(d => new DateTimeOffset(DateOnly.Parse(d, System.Globalization.CultureInfo.InvariantCulture).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero))];
        var random = new Random(20261207 ^ zoneId.Length);
        int margin = 20 * 1440;

        for (int n = 0; n < 1500; n++)
        {
            // Half the starts fall within three days of a clock change.
            DateTimeOffset start = n % 2 == 0
                ? Minute(changes[n % changes.Length].AddMinutes(random.Next(-3 * 1440, 3 * 1440)))
                : reference.WindowStart.AddMinutes(random.Next(3 * 1440, reference.WindowMinutes - margin));
            int minutes = random.Next(0, 40 * 60);

            DateTimeOffset expected = reference.AddBusinessMinutes(start, minutes) ?? throw new InvalidOperationException("window too short");
            DateTimeOffset actual = calendar.AddBusinessTime(start, TimeSpan.FromMinutes(minutes));
            Assert.True(expected == actual, $"{zoneId}: {start:O} + {minutes} min: expected {expected:O}, got {actual:O}");

            DateTimeOffset to = start.AddMinutes(random.Next(0, 15 * 1440));
            int between = reference.BusinessMinutesBetween(start, to);
            Assert.True(TimeSpan.FromMinutes(between) == calendar.GetBusinessTime(start, to), $"{zoneId}: business time {start:O} to {to:O}: expected {between} min, got {calendar.GetBusinessTime(start, to).TotalMinutes}");

            Assert.True(reference.IsWorking(start) == calendar.IsWorkingTime(start), $"{zoneId}: IsWorkingTime({start:O})");
            Assert.Equal(reference.NextWorking(start), calendar.NextWorkingTime(start));
        }
    }

    [Fact]
    public void Reference_SeesTheClockChanges()
    {
        // The reference is only worth something if it differs from a naive one: the Sunday night ranges are 2 h on a
        // normal Sunday and 1.5 h (London, spring) on the night the clocks go forward, 01:30 being skipped.
        TimeZoneInfo zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        var reference = new WallClockReference(zone, WindowStart, WindowDays, RangesOf);

        Assert.Equal(120, reference.BusinessMinutesBetween(new DateTimeOffset(2026, 3, 22, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 22, 6, 0, 0, TimeSpan.Zero)));
        Assert.Equal(90, reference.BusinessMinutesBetween(new DateTimeOffset(2026, 3, 29, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 29, 6, 0, 0, TimeSpan.Zero)));
    }

    private static BusinessCalendarOptions Options(string zoneId)
    {
        var o = new BusinessCalendarOptions { TimeZone = zoneId };
        o.Hours["Weekdays"] = "08:00-12:00,13:00-17:30";
        o.Hours["Friday"] = "08:00-12:00,13:00-16:00,22:00-02:30+1";
        o.Hours["Saturday"] = "03:00-04:00,10:00-14:00";
        o.Hours["Sunday"] = "00:30-01:30,02:30-03:30"; // ends and starts inside the skipped and repeated hours
        o.Holidays.Add("07-04");
        o.Holidays.Add("10-10 observed");
        o.Holidays.Add("2026-05-25");
        o.Holidays.Add("2026-11-26 09:00-12:00");
        o.Shifts.Add("2026-03-14 00:30-03:00");
        o.Shifts.Add("2026-04-05 01:30-02:30,02:45-04:00");
        o.Shifts.Add("2026-10-04 01:30-02:30");
        o.Shifts.Add("2026-10-31 +20:00-23:00");
        return o;
    }

    // The same calendar, written out by hand: precedence shift, dated holiday, recurring holiday, weekday.
    private static (int Start, int End)[] RangesOf(DateOnly date) => date switch
    {
        { Year: 2026, Month: 3, Day: 14 } => [(30, 180)],
        { Year: 2026, Month: 4, Day: 5 } => [(90, 150), (165, 240)],
        { Year: 2026, Month: 10, Day: 4 } => [(90, 150)],
        { Year: 2026, Month: 5, Day: 25 } => [],
        { Year: 2026, Month: 11, Day: 26 } => [(540, 720)],
        { Month: 7, Day: 4 } => [],
        { Year: 2026, Month: 10, Day: 10 } => [], // a Saturday, observed
        { Year: 2026, Month: 10, Day: 12 } => [], // so the Monday after is off
        { Year: 2026, Month: 10, Day: 31 } => [(180, 240), (600, 840), (1200, 1380)],
        _ => date.DayOfWeek switch
        {
            DayOfWeek.Friday => [(480, 720), (780, 960), (1320, 1440 + 150)],
            DayOfWeek.Saturday => [(180, 240), (600, 840)],
            DayOfWeek.Sunday => [(30, 90), (150, 210)],
            _ => [(480, 720), (780, 1050)],
        },
    };

    private static DateTimeOffset Minute(DateTimeOffset instant) => new(instant.UtcTicks - (instant.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero);
}
