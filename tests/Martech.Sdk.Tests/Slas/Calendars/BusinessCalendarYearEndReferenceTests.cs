namespace Martech.Sdk.Tests.Slas.Calendars;

/// <summary>The calendar against minute-by-minute stepping of a wall-clock reference across a year end (observed holidays, a
/// shift past midnight on New Year's Eve) and across the daylight-saving changes of zones with odd rules.</summary>
public class BusinessCalendarYearEndReferenceTests
{
    private static readonly DateOnly WindowStart = new(2026, 11, 15);
    private const int WindowDays = 120;

    [Theory]
    [InlineData("Europe/London")]
    [InlineData("Pacific/Kiritimati")]
    [InlineData("Pacific/Pago_Pago")]
    [InlineData("Australia/Lord_Howe")]
    [InlineData("America/Santiago")]
    public void YearEnd_MatchesMinuteStepping(string zoneId)
    {
        TimeZoneInfo zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var o = new BusinessCalendarOptions { TimeZone = zoneId };
        o.Hours["Weekdays"] = "08:00-12:00,13:00-17:30";
        o.Hours["Friday"] = "08:00-12:00,22:00-02:30+1";
        o.Hours["Saturday"] = "03:00-04:00,10:00-14:00";
        o.Hours["Sunday"] = "00:00-00:30,23:30-24:00";
        o.Holidays.Add("01-01");
        o.Holidays.Add("12-25 observed");
        o.Holidays.Add("12-26 observed");
        o.Shifts.Add("2026-12-31 +22:00-03:00+1");
        BusinessCalendar calendar = BusinessCalendar.Create("Ref", o);
        var reference = new WallClockReference(zone, WindowStart, WindowDays, RangesOf);
        var random = new Random(7 ^ zoneId.Length);
        DateTimeOffset yearEnd = new(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);
        int margin = 20 * 1440;
        var failures = new List<string>();
        for (int n = 0; n < 3000 && failures.Count < 5; n++)
        {
            DateTimeOffset start = n % 2 == 0
                ? Minute(yearEnd.AddMinutes(random.Next(-4 * 1440, 4 * 1440)))
                : reference.WindowStart.AddMinutes(random.Next(3 * 1440, reference.WindowMinutes - margin));
            Compare(calendar, reference, start, random.Next(0, 40 * 60), random.Next(0, 15 * 1440), failures);
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Theory]
    [InlineData("Australia/Lord_Howe", "2026-04-05,2026-10-04")]
    [InlineData("America/Santiago", "2026-04-05,2026-09-06")]
    [InlineData("Asia/Tehran", "2026-03-21,2026-09-21")]
    [InlineData("America/Havana", "2026-03-08,2026-11-01")]
    public void Dst_OddZones_MatchMinuteStepping(string zoneId, string transitions)
    {
        TimeZoneInfo zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var o = new BusinessCalendarOptions { TimeZone = zoneId };
        o.Hours["Weekdays"] = "08:00-12:00,13:00-17:30";
        o.Hours["Friday"] = "08:00-12:00,22:00-02:30+1";
        o.Hours["Saturday"] = "03:00-04:00,10:00-14:00,23:00-24:00";
        o.Hours["Sunday"] = "00:00-00:30,01:30-02:45,23:30-24:00";
        BusinessCalendar calendar = BusinessCalendar.Create("Ref", o);
        var start0 = new DateOnly(2026, 2, 1);
        var reference = new WallClockReference(zone, start0, 320, d => d.DayOfWeek switch
        {
            DayOfWeek.Friday => [(480, 720), (1320, 1440 + 150)],
            DayOfWeek.Saturday => [(180, 240), (600, 840), (1380, 1440)],
            DayOfWeek.Sunday => [(0, 30), (90, 165), (1410, 1440)],
            _ => [(480, 720), (780, 1050)],
        });
        DateTimeOffset[] changes = [.. transitions.Split(',').Select(d => new DateTimeOffset(DateOnly.Parse(d, System.Globalization.CultureInfo.InvariantCulture).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero))];
        var random = new Random(11 ^ zoneId.Length);
        var failures = new List<string>();
        for (int n = 0; n < 3000 && failures.Count < 5; n++)
        {
            DateTimeOffset start = Minute(changes[n % changes.Length].AddMinutes(random.Next(-3 * 1440, 3 * 1440)));
            Compare(calendar, reference, start, random.Next(0, 40 * 60), random.Next(0, 15 * 1440), failures);
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    // The calendar against the reference from one start: adding business time, counting it up to a later instant, and
    // whether the start is working time and the next working time.
    private static void Compare(BusinessCalendar calendar, WallClockReference reference, DateTimeOffset start, int minutes, int span, List<string> failures)
    {
        DateTimeOffset? expected = reference.AddBusinessMinutes(start, minutes);
        DateTimeOffset actual = calendar.AddBusinessTime(start, TimeSpan.FromMinutes(minutes));
        if (expected != actual)
        {
            failures.Add($"add {start:O}+{minutes}: expected {expected:O} got {actual:O}");
        }

        DateTimeOffset to = start.AddMinutes(span);
        int between = reference.BusinessMinutesBetween(start, to);
        if (TimeSpan.FromMinutes(between) != calendar.GetBusinessTime(start, to))
        {
            failures.Add($"between {start:O}..{to:O}: expected {between} got {calendar.GetBusinessTime(start, to).TotalMinutes}");
        }

        if (reference.IsWorking(start) != calendar.IsWorkingTime(start))
        {
            failures.Add($"IsWorking {start:O}: expected {reference.IsWorking(start)}");
        }

        if (reference.NextWorking(start) != calendar.NextWorkingTime(start))
        {
            failures.Add($"Next {start:O}: expected {reference.NextWorking(start):O} got {calendar.NextWorkingTime(start):O}");
        }
    }

    private static (int Start, int End)[] RangesOf(DateOnly date) => date switch
    {
        { Year: 2026, Month: 12, Day: 25 } => [],
        { Year: 2026, Month: 12, Day: 26 } => [],
        { Year: 2026, Month: 12, Day: 28 } => [],
        { Month: 1, Day: 1 } => [],
        { Year: 2026, Month: 12, Day: 31 } => [(480, 720), (780, 1050), (1320, 1620)],
        _ => date.DayOfWeek switch
        {
            DayOfWeek.Friday => [(480, 720), (1320, 1440 + 150)],
            DayOfWeek.Saturday => [(180, 240), (600, 840)],
            DayOfWeek.Sunday => [(0, 30), (1410, 1440)],
            _ => [(480, 720), (780, 1050)],
        },
    };

    private static DateTimeOffset Minute(DateTimeOffset instant) => new(instant.UtcTicks - (instant.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero);
}
