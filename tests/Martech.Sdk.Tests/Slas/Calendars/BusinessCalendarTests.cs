using static Martech.Sdk.Tests.Slas.Calendars.CalendarTestKit;

namespace Martech.Sdk.Tests.Slas.Calendars;

/// <summary>Weekends, split shifts, midnight, one-off shifts, the year end, the search horizon and AlwaysOpen.</summary>
public class BusinessCalendarTests
{
    private const string London = "Europe/London";

    [Fact]
    public void AddBusinessTime_FridayAfternoon_ContinuesOnMonday()
    {
        BusinessCalendar calendar = Weekdays(London);

        DateTimeOffset due = calendar.AddBusinessTime(Local(calendar, 2026, 6, 12, 16), TimeSpan.FromHours(4));

        Assert.Equal(Local(calendar, 2026, 6, 15, 12), due);
        Assert.Equal(TimeSpan.Zero, due.Offset);
    }

    [Fact]
    public void AddBusinessTime_StartOnWeekend_CountsFromMondayOpening()
    {
        BusinessCalendar calendar = Weekdays(London);

        Assert.Equal(Local(calendar, 2026, 6, 15, 13), calendar.AddBusinessTime(Local(calendar, 2026, 6, 13, 11), TimeSpan.FromHours(4)));
    }

    [Fact]
    public void AddBusinessTime_Zero_ReturnsTheStartEvenOutsideHours()
    {
        BusinessCalendar calendar = Weekdays(London);
        DateTimeOffset saturday = Local(calendar, 2026, 6, 13, 11);

        Assert.Equal(saturday, calendar.AddBusinessTime(saturday, TimeSpan.Zero));
    }

    [Fact]
    public void AddBusinessTime_EndsExactlyAtClosing_ReturnsClosingNotNextOpening()
    {
        BusinessCalendar calendar = Weekdays(London);

        Assert.Equal(Local(calendar, 2026, 6, 12, 17), calendar.AddBusinessTime(Local(calendar, 2026, 6, 12, 13), TimeSpan.FromHours(4)));
    }

    [Fact]
    public void AddBusinessTime_Negative_Throws()
    {
        BusinessCalendar calendar = Weekdays(London);

        Assert.Throws<ArgumentOutOfRangeException>(() => calendar.AddBusinessTime(Utc(2026, 6, 12, 12), TimeSpan.FromMinutes(-1)));
    }

    [Fact]
    public void SplitShift_SkipsTheBreak()
    {
        BusinessCalendar calendar = Weekdays(London, "09:00-12:00,13:00-17:30");

        Assert.Equal(Local(calendar, 2026, 6, 10, 14), calendar.AddBusinessTime(Local(calendar, 2026, 6, 10, 11), TimeSpan.FromHours(2)));
        Assert.False(calendar.IsWorkingTime(Local(calendar, 2026, 6, 10, 12, 30)));
        Assert.True(calendar.IsWorkingTime(Local(calendar, 2026, 6, 10, 13)));
        Assert.False(calendar.IsWorkingTime(Local(calendar, 2026, 6, 10, 17, 30)));
        Assert.Equal(Local(calendar, 2026, 6, 10, 13), calendar.NextWorkingTime(Local(calendar, 2026, 6, 10, 12, 15)));
        Assert.Equal(TimeSpan.FromHours(7.5), calendar.GetBusinessTime(Local(calendar, 2026, 6, 10, 0), Local(calendar, 2026, 6, 11, 0)));
    }

    [Fact]
    public void GetBusinessTime_OverAWeek_IsFiveDays_AndZeroWhenReversed()
    {
        BusinessCalendar calendar = Weekdays(London);
        DateTimeOffset monday = Local(calendar, 2026, 6, 8, 0);

        Assert.Equal(TimeSpan.FromHours(40), calendar.GetBusinessTime(monday, monday.AddDays(7)));
        Assert.Equal(TimeSpan.Zero, calendar.GetBusinessTime(monday.AddDays(7), monday));
    }

    [Fact]
    public void GetBusinessTime_AcrossYears_SumsEveryYear()
    {
        BusinessCalendar calendar = Calendar("UTC", o => o.Hours["Everyday"] = "00:00-24:00");

        Assert.Equal(TimeSpan.FromDays(365 + 366 + 365), calendar.GetBusinessTime(Utc(2027, 1, 1, 0), Utc(2030, 1, 1, 0)));
    }

    [Fact]
    public void NextWorkingTime_InsideHours_IsTheInstantItself_InUtc()
    {
        BusinessCalendar calendar = Weekdays("America/New_York");
        DateTimeOffset inside = Local(calendar, 2026, 6, 10, 10);

        DateTimeOffset next = calendar.NextWorkingTime(inside);

        Assert.Equal(inside, next);
        Assert.Equal(TimeSpan.Zero, next.Offset);
    }

    [Fact]
    public void YearEnd_TargetOnDecember31_LandsOnJanuary2()
    {
        // 2027-01-01 is a Friday (a holiday); the desk works Saturdays too.
        BusinessCalendar calendar = Calendar(London, o =>
        {
            o.Hours["Everyday"] = "09:00-17:00";
            o.Holidays.Add("01-01");
        });

        DateTimeOffset due = calendar.AddBusinessTime(Local(calendar, 2026, 12, 31, 16), TimeSpan.FromHours(4));

        Assert.Equal(Local(calendar, 2027, 1, 2, 12), due);
        Assert.Equal(TimeSpan.FromHours(4), calendar.GetBusinessTime(Local(calendar, 2026, 12, 31, 16), due));
    }

    [Fact]
    public void RangePastMidnight_CountsOnTheDayItStarts_AcrossTheYearEnd()
    {
        BusinessCalendar calendar = Calendar("America/New_York", o => o.Hours["Everyday"] = "22:00-06:00+1");

        Assert.True(calendar.IsWorkingTime(Local(calendar, 2027, 1, 1, 3)));
        Assert.False(calendar.IsWorkingTime(Local(calendar, 2027, 1, 1, 6)));
        Assert.True(calendar.IsWorkingTime(Local(calendar, 2026, 12, 31, 22)));
        Assert.Equal(Local(calendar, 2027, 1, 1, 5), calendar.AddBusinessTime(Local(calendar, 2026, 12, 31, 23), TimeSpan.FromHours(6)));
        Assert.Equal(Local(calendar, 2027, 1, 1, 6), calendar.AddBusinessTime(Local(calendar, 2027, 1, 1, 3), TimeSpan.FromHours(3)));
        Assert.Equal(Local(calendar, 2027, 1, 1, 23), calendar.AddBusinessTime(Local(calendar, 2027, 1, 1, 3), TimeSpan.FromHours(4)));
        Assert.Equal(TimeSpan.FromHours(8), calendar.GetBusinessTime(Local(calendar, 2026, 12, 31, 12), Local(calendar, 2027, 1, 1, 12)));
        Assert.Equal(Local(calendar, 2027, 1, 1, 22), calendar.NextWorkingTime(Local(calendar, 2027, 1, 1, 7)));
        Assert.Equal(Local(calendar, 2027, 1, 1, 4), calendar.NextWorkingTime(Local(calendar, 2027, 1, 1, 4)));
    }

    [Fact]
    public void RangePastMidnight_OnFriday_IsWorkedIntoSaturdayOnly()
    {
        BusinessCalendar calendar = Calendar(London, o =>
        {
            o.Hours["Weekdays"] = "09:00-17:00";
            o.Hours["Friday"] = "09:00-17:00,22:00-02:00+1";
        });

        Assert.True(calendar.IsWorkingTime(Local(calendar, 2026, 6, 13, 1)));
        Assert.False(calendar.IsWorkingTime(Local(calendar, 2026, 6, 14, 1)));
        Assert.Equal(TimeSpan.FromHours(12), calendar.GetBusinessTime(Local(calendar, 2026, 6, 12, 0), Local(calendar, 2026, 6, 15, 0)));
    }

    [Fact]
    public void WholeDays_TouchAtMidnight_WithoutAGap()
    {
        BusinessCalendar calendar = Calendar("UTC", o => o.Hours["Everyday"] = "00:00-24:00");

        Assert.True(calendar.IsWorkingTime(Utc(2026, 6, 11, 0)));
        Assert.Equal(Utc(2026, 6, 12, 2), calendar.AddBusinessTime(Utc(2026, 6, 10, 23), TimeSpan.FromHours(27)));
    }

    [Fact]
    public void OneOffShift_OpensASaturday_AndReplacesAWeekday()
    {
        BusinessCalendar calendar = Weekdays(London, more: o =>
        {
            o.Shifts.Add("2026-12-19 10:00-14:00"); // a Saturday
            o.Shifts.Add("2026-12-18 09:00-12:00"); // a Friday, shorter
        });

        Assert.True(calendar.IsWorkingTime(Local(calendar, 2026, 12, 19, 10)));
        Assert.False(calendar.IsWorkingTime(Local(calendar, 2026, 12, 18, 13)));
        Assert.Equal(Local(calendar, 2026, 12, 19, 12), calendar.AddBusinessTime(Local(calendar, 2026, 12, 18, 11), TimeSpan.FromHours(3)));
        Assert.Equal(TimeSpan.FromHours(7), calendar.GetBusinessTime(Local(calendar, 2026, 12, 18, 0), Local(calendar, 2026, 12, 20, 0)));
    }

    [Fact]
    public void ExtraShift_AddsToTheDaysHours()
    {
        BusinessCalendar calendar = Weekdays(London, more: o => o.Shifts.Add("2026-12-21 +18:00-20:00"));

        Assert.Equal(TimeSpan.FromHours(10), calendar.GetBusinessTime(Local(calendar, 2026, 12, 21, 0), Local(calendar, 2026, 12, 22, 0)));
        Assert.Equal(Local(calendar, 2026, 12, 21, 19), calendar.AddBusinessTime(Local(calendar, 2026, 12, 21, 16), TimeSpan.FromHours(2)));
    }

    [Fact]
    public void Shift_OnAHoliday_WinsOverTheHoliday()
    {
        BusinessCalendar calendar = Weekdays(London, more: o =>
        {
            o.Holidays.Add("12-25");
            o.Shifts.Add("2026-12-25 10:00-12:00");
        });

        Assert.Equal(TimeSpan.FromHours(2), calendar.GetBusinessTime(Local(calendar, 2026, 12, 25, 0), Local(calendar, 2026, 12, 26, 0)));
    }

    [Fact]
    public void SearchHorizon_NoWorkingTimeAfterTheLastShift_ThrowsNamingTheCalendar()
    {
        var options = new BusinessCalendarOptions { TimeZone = London, SearchHorizon = TimeSpan.FromDays(30) };
        options.Shifts.Add("2026-12-19 10:00-14:00");
        BusinessCalendar calendar = BusinessCalendar.Create("Pop-up desk", options);

        Assert.Equal(Local(calendar, 2026, 12, 19, 10), calendar.NextWorkingTime(Local(calendar, 2026, 12, 1, 0)));
        var beyond = Assert.Throws<InvalidOperationException>(() => calendar.NextWorkingTime(Local(calendar, 2026, 11, 1, 0)));
        Assert.Contains("'Pop-up desk'", beyond.Message, StringComparison.Ordinal);
        Assert.Contains("search horizon (30 days)", beyond.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => calendar.NextWorkingTime(Local(calendar, 2026, 12, 20, 0)));
        Assert.Throws<InvalidOperationException>(() => calendar.AddBusinessTime(Local(calendar, 2026, 12, 19, 13), TimeSpan.FromHours(2)));
        Assert.False(calendar.IsWorkingTime(Local(calendar, 2030, 1, 1, 12)));
        Assert.Equal(TimeSpan.FromHours(4), calendar.GetBusinessTime(Local(calendar, 2020, 1, 1, 0), Local(calendar, 2030, 1, 1, 0)));
    }

    [Fact]
    public void SearchHorizon_DefaultIsAboutFiveYears()
    {
        BusinessCalendar calendar = Weekdays(London);

        Assert.Equal(TimeSpan.FromDays(1830), calendar.SearchHorizon);
    }

    [Fact]
    public void AlwaysOpen_CountsElapsedTime()
    {
        BusinessCalendar calendar = BusinessCalendar.AlwaysOpen;
        DateTimeOffset start = new(2026, 3, 8, 1, 30, 0, TimeSpan.FromHours(-5));

        Assert.Equal("AlwaysOpen", calendar.Name);
        Assert.Equal(TimeZoneInfo.Utc, calendar.TimeZone);
        Assert.True(calendar.IsWorkingTime(start));
        Assert.Equal(start.AddHours(4), calendar.AddBusinessTime(start, TimeSpan.FromHours(4)));
        Assert.Equal(TimeSpan.FromDays(400), calendar.GetBusinessTime(start, start.AddDays(400)));
        Assert.Equal(start, calendar.NextWorkingTime(start));
    }

    [Fact]
    public void AddBusinessTime_LargeTargets_AgreeWithGetBusinessTime()
    {
        BusinessCalendar calendar = Weekdays("Australia/Sydney", "08:30-12:00,12:30-17:00");
        DateTimeOffset start = Local(calendar, 2026, 2, 3, 10, 17);

        foreach (double hours in new[] { 0.5, 8, 80, 800, 4000 })
        {
            DateTimeOffset due = calendar.AddBusinessTime(start, TimeSpan.FromHours(hours));
            Assert.Equal(TimeSpan.FromHours(hours), calendar.GetBusinessTime(start, due));
            Assert.True(calendar.IsWorkingTime(due.AddTicks(-1)));
        }
    }

    [Fact]
    public void Calendar_UsedFromManyThreads_AnswersAsFromOne()
    {
        // 150 years of instants against a cache of 64 years: eviction happens while other threads read.
        var random = new Random(20261207);
        DateTimeOffset[] starts = [.. Enumerable.Range(0, 600).Select(_ => Utc(2000, 1, 1, 0).AddMinutes(random.Next(0, 150 * 525_600)))];
        BusinessCalendar sequential = Weekdays("America/New_York", "09:00-12:00,13:00-17:00");
        DateTimeOffset[] expected = [.. starts.Select(s => sequential.AddBusinessTime(s, TimeSpan.FromHours(30)))];

        BusinessCalendar shared = Weekdays("America/New_York", "09:00-12:00,13:00-17:00");
        var actual = new DateTimeOffset[starts.Length];
        Parallel.For(0, starts.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => actual[i] = shared.AddBusinessTime(starts[i], TimeSpan.FromHours(30)));

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void DocsExample_WithoutDependencyInjection_GivesWhatTheDocsSay()
    {
        // docs/business-calendars.md, "Without dependency injection".
        var options = new BusinessCalendarOptions { TimeZone = "Europe/London" };
        options.Hours["Weekdays"] = "09:00-17:30";
        options.Holidays.Add("12-25");
        BusinessCalendar support = BusinessCalendar.Create("Support", options);
        var friday = new DateTimeOffset(2026, 12, 18, 16, 0, 0, TimeSpan.Zero);

        Assert.Equal(Utc(2026, 12, 21, 11, 30), support.AddBusinessTime(friday, TimeSpan.FromHours(4)));
        Assert.Equal(new TimeSpan(1, 11, 30, 0), support.GetBusinessTime(friday, friday.AddDays(7)));
    }

    [Fact]
    public void Create_WithInvalidSettings_ThrowsArgumentExceptionNamingTheCalendar()
    {
        var options = new BusinessCalendarOptions { TimeZone = London };
        options.Hours["Monday"] = "9-5";

        var error = Assert.Throws<ArgumentException>(() => BusinessCalendar.Create("Support", options));

        Assert.Contains("Support:Hours:Monday has '9-5', which is not a range HH:mm-HH:mm", error.Message, StringComparison.Ordinal);
    }
}
