using static Martech.Sdk.Tests.Slas.Calendars.CalendarTestKit;

namespace Martech.Sdk.Tests.Slas.Calendars;

/// <summary>
/// Clock changes in New York (2026-03-08 02:00→03:00, 2026-11-01 02:00→01:00), Sydney (southern hemisphere:
/// 2026-04-05 03:00→02:00, 2026-10-04 02:00→03:00) and London (2026-03-29 01:00→02:00, 2026-10-25 02:00→01:00).
/// The rule: a local time is the first instant the wall clock shows it or a later time.
/// </summary>
public class BusinessCalendarDstTests
{
    [Fact]
    public void NewYork_SpringForward_NightShiftIsAnHourShorter()
    {
        BusinessCalendar calendar = Calendar("America/New_York", o =>
        {
            o.Hours["Sunday"] = "01:00-05:00";
            o.Hours["Weekdays"] = "09:00-17:00";
        });
        DateTimeOffset start = Utc(2026, 3, 8, 6); // 01:00 EST

        // 01:00 EST (06:00Z) to 05:00 EDT (09:00Z) is three hours; the fourth is Monday 09:00-10:00 EDT.
        Assert.Equal(Utc(2026, 3, 9, 14), calendar.AddBusinessTime(start, TimeSpan.FromHours(4)));
        Assert.Equal(Utc(2026, 3, 8, 8, 30), calendar.AddBusinessTime(start, TimeSpan.FromHours(2.5)));
        Assert.Equal(TimeSpan.FromHours(3), calendar.GetBusinessTime(Utc(2026, 3, 8, 0), Utc(2026, 3, 9, 0)));
        Assert.Equal(TimeSpan.FromHours(4), calendar.GetBusinessTime(start, Utc(2026, 3, 9, 14)));
    }

    [Fact]
    public void NewYork_FallBack_NightShiftIsAnHourLonger()
    {
        BusinessCalendar calendar = Calendar("America/New_York", o =>
        {
            o.Hours["Sunday"] = "01:00-05:00";
            o.Hours["Weekdays"] = "09:00-17:00";
        });
        DateTimeOffset start = Utc(2026, 11, 1, 5); // the first 01:00 (EDT)

        // 01:00 EDT (05:00Z) to 05:00 EST (10:00Z) is five hours.
        Assert.Equal(Utc(2026, 11, 1, 9), calendar.AddBusinessTime(start, TimeSpan.FromHours(4)));
        Assert.Equal(TimeSpan.FromHours(5), calendar.GetBusinessTime(Utc(2026, 11, 1, 0), Utc(2026, 11, 2, 0)));
        Assert.Equal(Utc(2026, 11, 2, 15), calendar.AddBusinessTime(start, TimeSpan.FromHours(6)));
        Assert.True(calendar.IsWorkingTime(Utc(2026, 11, 1, 6, 30))); // 01:30 EST, the second time the clock shows it
    }

    [Fact]
    public void NewYork_RangeStartingInTheSkippedHour_StartsWhenTheClocksJump()
    {
        BusinessCalendar calendar = Calendar("America/New_York", o => o.Hours["Sunday"] = "02:30-04:00");

        var interval = Assert.Single(calendar.IntervalsOf(new DateOnly(2026, 3, 8)));

        Assert.Equal(Utc(2026, 3, 8, 7), interval.Start); // 03:00 EDT, the first instant the clock shows 02:30 or later
        Assert.Equal(Utc(2026, 3, 8, 8), interval.End);   // 04:00 EDT
        Assert.Equal(TimeSpan.FromHours(1.5), calendar.GetBusinessTime(Utc(2026, 3, 15, 0), Utc(2026, 3, 16, 0)));
    }

    [Fact]
    public void NewYork_RangeInsideTheSkippedHour_HasNoWorkingTimeThatNight()
    {
        BusinessCalendar calendar = Calendar("America/New_York", o =>
        {
            o.Hours["Sunday"] = "02:00-02:45";
            o.Hours["Monday"] = "09:00-10:00";
        });

        Assert.Empty(calendar.IntervalsOf(new DateOnly(2026, 3, 8)));
        Assert.Equal(Utc(2026, 3, 9, 13), calendar.NextWorkingTime(Utc(2026, 3, 8, 0)));
    }

    [Fact]
    public void NewYork_AmbiguousTimes_MeanTheFirstOccurrence()
    {
        BusinessCalendar calendar = Calendar("America/New_York", o => o.Hours["Sunday"] = "00:00-01:30,01:30-02:00");

        var intervals = calendar.IntervalsOf(new DateOnly(2026, 11, 1));

        // Touching ranges merge: 00:00 EDT (04:00Z) to 02:00 EST (07:00Z); 01:30 is the first 01:30 (05:30Z).
        var whole = Assert.Single(intervals);
        Assert.Equal(Utc(2026, 11, 1, 4), whole.Start);
        Assert.Equal(Utc(2026, 11, 1, 7), whole.End);
        BusinessCalendar early = Calendar("America/New_York", o => o.Hours["Sunday"] = "00:00-01:30");
        Assert.Equal(Utc(2026, 11, 1, 5, 30), Assert.Single(early.IntervalsOf(new DateOnly(2026, 11, 1))).End);
        Assert.False(early.IsWorkingTime(Utc(2026, 11, 1, 6))); // 01:00 EST: the clock shows a time before 01:30 again, but the range ended
    }

    [Fact]
    public void Sydney_FallBackInApril_DayIsTwentyFiveHours()
    {
        BusinessCalendar calendar = Calendar("Australia/Sydney", o => o.Hours["Everyday"] = "00:00-24:00");
        DateTimeOffset midnight = Local(calendar, 2026, 4, 5, 0); // 00:00 AEDT = 13:00Z the day before

        Assert.Equal(Utc(2026, 4, 4, 13), midnight);
        Assert.Equal(TimeSpan.FromHours(25), calendar.GetBusinessTime(midnight, Local(calendar, 2026, 4, 6, 0)));
        // Four business hours from 00:00 AEDT are four real hours: 04:00Z, which the clock shows as 03:00 AEST.
        Assert.Equal(Utc(2026, 4, 4, 17), calendar.AddBusinessTime(midnight, TimeSpan.FromHours(4)));
    }

    [Fact]
    public void Sydney_SpringForwardInOctober_NightShiftLosesAnHour()
    {
        BusinessCalendar calendar = Calendar("Australia/Sydney", o =>
        {
            o.Hours["Sunday"] = "00:00-06:00";
            o.Hours["Weekdays"] = "09:00-17:00";
        });
        DateTimeOffset start = Utc(2026, 10, 3, 14); // 00:00 AEST on Sunday 2026-10-04

        // 00:00 AEST (14:00Z) to 06:00 AEDT (19:00Z) is five hours.
        Assert.Equal(TimeSpan.FromHours(5), calendar.GetBusinessTime(start, start.AddDays(1)));
        Assert.Equal(Utc(2026, 10, 3, 18), calendar.AddBusinessTime(start, TimeSpan.FromHours(4)));
        Assert.Equal(Local(calendar, 2026, 10, 5, 10), calendar.AddBusinessTime(start, TimeSpan.FromHours(6)));
    }

    [Fact]
    public void Sydney_FallBack_WeekdayTargetUnaffectedByTheNight()
    {
        BusinessCalendar calendar = Weekdays("Australia/Sydney");

        // Friday 15:00 AEDT + 4 business hours = Monday 11:00 AEST: two hours each side of the changed weekend.
        DateTimeOffset due = calendar.AddBusinessTime(Local(calendar, 2026, 4, 3, 15), TimeSpan.FromHours(4));

        Assert.Equal(Local(calendar, 2026, 4, 6, 11), due);
        Assert.Equal(TimeSpan.FromHours(69), due - Local(calendar, 2026, 4, 3, 15)); // 68 wall-clock hours plus the hour gained
    }

    [Fact]
    public void London_DaysAreTwentyThreeAndTwentyFiveHours()
    {
        BusinessCalendar calendar = Calendar("Europe/London", o => o.Hours["Everyday"] = "00:00-24:00");

        Assert.Equal(TimeSpan.FromHours(23), calendar.GetBusinessTime(Local(calendar, 2026, 3, 29, 0), Local(calendar, 2026, 3, 30, 0)));
        Assert.Equal(TimeSpan.FromHours(25), calendar.GetBusinessTime(Local(calendar, 2026, 10, 25, 0), Local(calendar, 2026, 10, 26, 0)));
        Assert.Equal(Local(calendar, 2026, 3, 29, 5), calendar.AddBusinessTime(Local(calendar, 2026, 3, 29, 0), TimeSpan.FromHours(4)));
        Assert.Equal(Local(calendar, 2026, 10, 25, 3), calendar.AddBusinessTime(Local(calendar, 2026, 10, 25, 0), TimeSpan.FromHours(4)));
    }

    [Fact]
    public void LocalTimeRule_MatchesTheWallClockScan()
    {
        TimeZoneInfo zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        foreach (DateTime local in new[] { new DateTime(2026, 3, 8, 2, 0, 0), new DateTime(2026, 3, 8, 2, 59, 0), new DateTime(2026, 11, 1, 1, 0, 0), new DateTime(2026, 11, 1, 1, 59, 0), new DateTime(2026, 11, 1, 2, 0, 0), new DateTime(2026, 7, 1, 12, 0, 0) })
        {
            Assert.Equal(WallClockReference.FirstInstantShowing(zone, local), LocalTimeRule.ToUtcTicks(zone, local));
        }
    }
}
