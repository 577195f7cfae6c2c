namespace Martech.Sdk.Tests.Slas.Calendars;

/// <summary>
/// A brute-force business calendar to check <see cref="BusinessCalendar"/> against: each local time is found by
/// scanning UTC minutes until the wall clock shows it or a later time, each minute of a window is marked working or
/// not, and the arithmetic steps minute by minute. Slow, simple, and sharing no code with the calendar.
/// </summary>
internal sealed class WallClockReference
{
    private readonly TimeZoneInfo _zone;
    private readonly DateTime _windowStart; // UTC, on a minute
    private readonly bool[] _working;

    /// <param name="zone">The time zone.</param>
    /// <param name="firstDate">The first local date of the window.</param>
    /// <param name="days">How many local dates.</param>
    /// <param name="rangesOf">A date's ranges as (start, end) minutes from its midnight; an end past 1440 runs into the next date.</param>
    public WallClockReference(TimeZoneInfo zone, DateOnly firstDate, int days, Func<DateOnly, (int Start, int End)[]> rangesOf)
    {
        _zone = zone;
        _windowStart = new DateTime(FirstInstantShowing(zone, firstDate.ToDateTime(TimeOnly.MinValue)), DateTimeKind.Utc);
        DateTime windowEnd = new(FirstInstantShowing(zone, firstDate.AddDays(days + 1).ToDateTime(TimeOnly.MinValue)), DateTimeKind.Utc);
        _working = new bool[(int)(windowEnd - _windowStart).TotalMinutes];

        long previousDayEnd = long.MinValue;
        for (int d = 0; d < days; d++)
        {
            DateOnly date = firstDate.AddDays(d);
            long dayEnd = previousDayEnd;
            foreach ((int start, int end) in rangesOf(date))
            {
                long s = FirstInstantShowing(zone, date.ToDateTime(TimeOnly.MinValue).AddMinutes(start));
                long e = FirstInstantShowing(zone, date.ToDateTime(TimeOnly.MinValue).AddMinutes(end));
                dayEnd = Math.Max(dayEnd, e);
                s = Math.Max(s, previousDayEnd); // a date's time starts after the date before's ends
                for (long m = s; m < e; m += TimeSpan.TicksPerMinute)
                {
                    _working[Index(m)] = true;
                }
            }

            previousDayEnd = dayEnd;
        }
    }

    public DateTimeOffset WindowStart => new(_windowStart);

    public int WindowMinutes => _working.Length;

    /// <summary>The first whole UTC minute at which the zone's wall clock shows <paramref name="local"/> or later.</summary>
    public static long FirstInstantShowing(TimeZoneInfo zone, DateTime local)
    {
        long u = local.Ticks - TimeSpan.FromHours(15).Ticks;
        u -= u % TimeSpan.TicksPerMinute;
        while (TimeZoneInfo.ConvertTimeFromUtc(new DateTime(u, DateTimeKind.Utc), zone) < local)
        {
            u += TimeSpan.TicksPerMinute;
        }

        return u;
    }

    public bool IsWorking(DateTimeOffset minute) => _working[Index(minute.UtcTicks)];

    /// <summary>Steps minute by minute until <paramref name="minutes"/> working minutes have passed; null past the window.</summary>
    public DateTimeOffset? AddBusinessMinutes(DateTimeOffset start, int minutes)
    {
        int i = Index(start.UtcTicks);
        int counted = 0;
        while (counted < minutes)
        {
            if (i >= _working.Length)
            {
                return null;
            }

            if (_working[i])
            {
                counted++;
            }

            i++;
        }

        return WindowStart.AddMinutes(i);
    }

    public int BusinessMinutesBetween(DateTimeOffset from, DateTimeOffset to)
    {
        int count = 0;
        for (int i = Index(from.UtcTicks); i < Index(to.UtcTicks); i++)
        {
            count += _working[i] ? 1 : 0;
        }

        return count;
    }

    public DateTimeOffset? NextWorking(DateTimeOffset instant)
    {
        for (int i = Index(instant.UtcTicks); i < _working.Length; i++)
        {
            if (_working[i])
            {
                return WindowStart.AddMinutes(i);
            }
        }

        return null;
    }

    private int Index(long utcTicks) => (int)((utcTicks - _windowStart.Ticks) / TimeSpan.TicksPerMinute);
}
