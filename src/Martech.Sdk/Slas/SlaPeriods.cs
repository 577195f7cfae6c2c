namespace Martech.Sdk;

/// <summary>Periods of volume SLAs in a time zone: the calendar month (week, day) containing an instant, from local
/// midnight to local midnight, as instants.</summary>
public static class SlaPeriods
{
    /// <summary>The period containing an instant.</summary>
    /// <param name="period">Month, week (from Monday) or day.</param>
    /// <param name="timeZone">The time zone periods start in.</param>
    /// <param name="instant">The instant.</param>
    /// <returns>The start (inclusive) and end (exclusive).</returns>
    public static (DateTimeOffset Start, DateTimeOffset End) Containing(SlaPeriod period, TimeZoneInfo timeZone, DateTimeOffset instant)
    {
        ArgumentNullException.ThrowIfNull(timeZone);
        DateTime local = TimeZoneInfo.ConvertTime(instant, timeZone).DateTime.Date;
        (DateTime start, DateTime end) = period switch
        {
            SlaPeriod.Month => (new DateTime(local.Year, local.Month, 1), new DateTime(local.Year, local.Month, 1).AddMonths(1)),
            SlaPeriod.Week => (local.AddDays(-(((int)local.DayOfWeek + 6) % 7)), local.AddDays(-(((int)local.DayOfWeek + 6) % 7) + 7)),
            SlaPeriod.Day => (local, local.AddDays(1)),
            _ => throw new ArgumentOutOfRangeException(nameof(period), period, "The period must be Month, Week or Day."),
        };
        return (ToInstant(start, timeZone), ToInstant(end, timeZone));
    }

    // Local midnight as an instant, by the calendars' rule: where midnight does not exist (a daylight-saving jump at
    // midnight) the period starts at the jump; where it is ambiguous, at its first occurrence.
    private static DateTimeOffset ToInstant(DateTime local, TimeZoneInfo timeZone) =>
        new(LocalTimeRule.ToUtcTicks(timeZone, local), TimeSpan.Zero);
}
