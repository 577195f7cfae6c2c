using static Martech.Sdk.Tests.Slas.Calendars.CalendarTestKit;

namespace Martech.Sdk.Tests.Slas.Calendars;

/// <summary>Recurring, observed, dated, shorter-day and generated holidays.</summary>
public class BusinessCalendarHolidayTests
{
    private const string London = "Europe/London";

    [Fact]
    public void RecurringHoliday_ClosesTheDayEveryYear()
    {
        BusinessCalendar calendar = Weekdays(London, more: o => o.Holidays.Add("12-25"));

        Assert.False(calendar.IsWorkingTime(Local(calendar, 2026, 12, 25, 10)));
        Assert.False(calendar.IsWorkingTime(Local(calendar, 2030, 12, 25, 10)));
        // Thursday 2026-12-24 16:00 + 2 h: one hour on Thursday, the next on Monday the 28th.
        Assert.Equal(Local(calendar, 2026, 12, 28, 10), calendar.AddBusinessTime(Local(calendar, 2026, 12, 24, 16), TimeSpan.FromHours(2)));
    }

    [Fact]
    public void ObservedHolidays_OnAWeekend_CloseTheNextFreeWeekdays()
    {
        // 2027-12-25 is a Saturday and 12-26 a Sunday: Monday 27 and Tuesday 28 are off.
        BusinessCalendar calendar = Weekdays(London, more: o =>
        {
            o.Holidays.Add("12-25 observed");
            o.Holidays.Add("12-26 observed");
        });

        Assert.Equal(TimeSpan.Zero, calendar.GetBusinessTime(Local(calendar, 2027, 12, 25, 0), Local(calendar, 2027, 12, 29, 0)));
        Assert.Equal(Local(calendar, 2027, 12, 29, 9), calendar.NextWorkingTime(Local(calendar, 2027, 12, 24, 18)));
        // 2026-12-25 is a Friday (no substitute) and 12-26 a Saturday: Monday 28 is off for it, Tuesday 29 works.
        Assert.False(calendar.IsWorkingTime(Local(calendar, 2026, 12, 28, 9)));
        Assert.True(calendar.IsWorkingTime(Local(calendar, 2026, 12, 29, 9)));
    }

    [Fact]
    public void ObservedHoliday_OnSundayBeforeAFixedMondayHoliday_MovesToTuesday()
    {
        // 2022-12-25 is a Sunday and 12-26 (not observed) a Monday.
        BusinessCalendar calendar = Weekdays(London, more: o =>
        {
            o.Holidays.Add("12-25 observed");
            o.Holidays.Add("12-26");
        });

        Assert.False(calendar.IsWorkingTime(Local(calendar, 2022, 12, 27, 10)));
        Assert.True(calendar.IsWorkingTime(Local(calendar, 2022, 12, 28, 10)));
    }

    [Fact]
    public void ObservedHoliday_OnDecember31_MovesIntoTheNextYear()
    {
        // 2022-12-31 is a Saturday: Monday 2023-01-02 is off.
        BusinessCalendar calendar = Weekdays(London, more: o => o.Holidays.Add("12-31 observed"));

        Assert.False(calendar.IsWorkingTime(Local(calendar, 2023, 1, 2, 10)));
        Assert.True(calendar.IsWorkingTime(Local(calendar, 2023, 1, 3, 10)));
    }

    [Fact]
    public void ObservedHolidays_AcrossTheYearEnd_CloseTwoDays()
    {
        // 2022-12-31 is a Saturday and 2023-01-01 a Sunday: their substitutes are Monday 2 and Tuesday 3 January.
        BusinessCalendar calendar = Weekdays("Europe/London", more: o =>
        {
            o.Holidays.Add("12-31 observed");
            o.Holidays.Add("01-01 observed");
        });

        Assert.False(calendar.IsWorkingTime(Local(calendar, 2023, 1, 2, 10)));
        Assert.False(calendar.IsWorkingTime(Local(calendar, 2023, 1, 3, 10)));
        Assert.True(calendar.IsWorkingTime(Local(calendar, 2023, 1, 4, 10)));
    }

    [Fact]
    public void ObservedSubstitute_SkipsADatedHoliday()
    {
        // 2028-01-01 is a Saturday: Monday 3 January is already a dated holiday, so the substitute is Tuesday 4.
        BusinessCalendar dated = Weekdays("Europe/London", more: o =>
        {
            o.Holidays.Add("01-01 observed");
            o.Holidays.Add("2028-01-03");
        });

        Assert.False(dated.IsWorkingTime(Local(dated, 2028, 1, 3, 10)));
        Assert.False(dated.IsWorkingTime(Local(dated, 2028, 1, 4, 10)));
        Assert.True(dated.IsWorkingTime(Local(dated, 2028, 1, 5, 10)));
    }

    [Fact]
    public void DatedHoliday_ClosesThatDateOnly()
    {
        BusinessCalendar calendar = Weekdays(London, more: o => o.Holidays.Add("2026-06-10"));

        Assert.False(calendar.IsWorkingTime(Local(calendar, 2026, 6, 10, 10)));
        Assert.True(calendar.IsWorkingTime(Local(calendar, 2027, 6, 10, 10)));
        Assert.Equal(TimeSpan.FromHours(32), calendar.GetBusinessTime(Local(calendar, 2026, 6, 8, 0), Local(calendar, 2026, 6, 13, 0)));
    }

    [Fact]
    public void HalfDay_ReplacesTheHours_DatedAndRecurring()
    {
        BusinessCalendar calendar = Weekdays(London, more: o =>
        {
            o.Holidays.Add("2026-12-24 09:00-13:00");
            o.Holidays.Add("12-31 09:00-12:00");
        });

        Assert.Equal(TimeSpan.FromHours(4), calendar.GetBusinessTime(Local(calendar, 2026, 12, 24, 0), Local(calendar, 2026, 12, 25, 0)));
        Assert.Equal(TimeSpan.FromHours(3), calendar.GetBusinessTime(Local(calendar, 2026, 12, 31, 0), Local(calendar, 2027, 1, 1, 0)));
        Assert.Equal(TimeSpan.FromHours(8), calendar.GetBusinessTime(Local(calendar, 2025, 12, 24, 0), Local(calendar, 2025, 12, 25, 0)));
    }

    [Fact]
    public void February29_RecursInLeapYearsOnly()
    {
        BusinessCalendar calendar = Weekdays(London, more: o => o.Holidays.Add("02-29"));

        Assert.False(calendar.IsWorkingTime(Local(calendar, 2028, 2, 29, 10)));
        Assert.True(calendar.IsWorkingTime(Local(calendar, 2027, 3, 1, 10)));
    }

    [Fact]
    public void GeneratedHolidays_FromTheSource_AreClosed_AndAskedOncePerYear()
    {
        var source = new FixedHolidaySource("GB", new DateOnly(2026, 8, 31), new DateOnly(2027, 8, 30));
        BusinessCalendar calendar = Calendar(London, o =>
        {
            o.Hours["Weekdays"] = "09:00-17:00";
            o.HolidayCountry = "GB";
        }, source);

        Assert.False(calendar.IsWorkingTime(Local(calendar, 2026, 8, 31, 10)));
        Assert.False(calendar.IsWorkingTime(Local(calendar, 2027, 8, 30, 10)));
        Assert.Equal(Local(calendar, 2026, 9, 1, 10), calendar.AddBusinessTime(Local(calendar, 2026, 8, 28, 16), TimeSpan.FromHours(2)));
        for (int i = 0; i < 100; i++)
        {
            calendar.IsWorkingTime(Local(calendar, 2026, 8, 31, 10).AddMinutes(i));
        }

        Assert.True(source.YearsAsked.Count <= 6, $"asked {source.YearsAsked.Count} times: {string.Join(",", source.YearsAsked)}");
    }

    [Fact]
    public void Shift_OnAGeneratedHoliday_OpensIt()
    {
        var source = new FixedHolidaySource("GB", new DateOnly(2026, 8, 31));
        BusinessCalendar calendar = Calendar(London, o =>
        {
            o.Hours["Weekdays"] = "09:00-17:00";
            o.HolidayCountry = "GB";
            o.Shifts.Add("2026-08-31 10:00-12:00");
        }, source);

        Assert.Equal(TimeSpan.FromHours(2), calendar.GetBusinessTime(Local(calendar, 2026, 8, 31, 0), Local(calendar, 2026, 9, 1, 0)));
    }

    [Fact]
    public void HolidaySource_Failure_NamesTheCalendarAndYear()
    {
        BusinessCalendar calendar = Calendar(London, o =>
        {
            o.Hours["Weekdays"] = "09:00-17:00";
            o.HolidayCountry = "GB";
        }, new ThrowingSource());

        var error = Assert.Throws<InvalidOperationException>(() => calendar.IsWorkingTime(Utc(2026, 6, 1, 12)));

        Assert.Contains("'Test'", error.Message, StringComparison.Ordinal);
        Assert.Contains("GB in 2025", error.Message, StringComparison.Ordinal);
    }

    private sealed class ThrowingSource : IHolidaySource
    {
        public string? Validate(string country, string? region) => null;

        public IReadOnlyList<ObservedHoliday> GetHolidays(string country, string? region, int year) => throw new InvalidDataException("table missing");
    }
}
