namespace Martech.Sdk.Tests.Slas;

/// <summary>A deliberately simple business calendar for SLA tests and benchmarks: Monday to Friday, 09:00–17:00 UTC,
/// minus whole-day holidays. Not the SDK's calendar; just enough to check the engine's arithmetic by hand.</summary>
public sealed class TestBusinessCalendar(string name = "office", params DateOnly[] holidays) : IBusinessCalendar
{
    private static readonly TimeSpan Open = TimeSpan.FromHours(9);
    private static readonly TimeSpan Close = TimeSpan.FromHours(17);
    private readonly HashSet<DateOnly> _holidays = [.. holidays];

    public string Name { get; } = name;

    public TimeZoneInfo TimeZone => TimeZoneInfo.Utc;

    public bool IsWorkingTime(DateTimeOffset instant)
    {
        DateTime t = instant.UtcDateTime;
        return IsWorkingDay(t) && t.TimeOfDay >= Open && t.TimeOfDay < Close;
    }

    public DateTimeOffset AddBusinessTime(DateTimeOffset start, TimeSpan businessTime)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(businessTime, TimeSpan.Zero);
        if (businessTime == TimeSpan.Zero)
        {
            return start.ToUniversalTime();
        }

        DateTime t = start.UtcDateTime;
        TimeSpan left = businessTime;
        while (true)
        {
            t = NextWorkingTime(t).UtcDateTime;
            DateTime close = t.Date + Close;
            if (left <= close - t)
            {
                return new DateTimeOffset(t + left, TimeSpan.Zero);
            }

            left -= close - t;
            t = close;
        }
    }

    public TimeSpan GetBusinessTime(DateTimeOffset from, DateTimeOffset to)
    {
        DateTime a = from.UtcDateTime, b = to.UtcDateTime;
        TimeSpan total = TimeSpan.Zero;
        for (DateTime day = a.Date; day < b; day = day.AddDays(1))
        {
            if (!IsWorkingDay(day))
            {
                continue;
            }

            DateTime start = Max(a, day + Open), end = Min(b, day + Close);
            if (end > start)
            {
                total += end - start;
            }
        }

        return total;
    }

    public DateTimeOffset NextWorkingTime(DateTimeOffset instant)
    {
        DateTime t = instant.UtcDateTime;
        for (int i = 0; i < 400; i++)
        {
            if (IsWorkingDay(t) && t.TimeOfDay < Close)
            {
                return new DateTimeOffset(t.TimeOfDay < Open ? t.Date + Open : t, TimeSpan.Zero);
            }

            t = t.Date.AddDays(1) + Open;
        }

        throw new InvalidOperationException("No working time within 400 days.");
    }

    private bool IsWorkingDay(DateTime day) =>
        day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_holidays.Contains(DateOnly.FromDateTime(day));

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;
}

/// <summary>The calendars of a test host, by name.</summary>
public sealed class TestBusinessCalendars(params IBusinessCalendar[] calendars) : IBusinessCalendars
{
    public IReadOnlyList<string> Names => [.. calendars.Select(c => c.Name)];

    public IBusinessCalendar Get(string name) =>
        TryGet(name, out IBusinessCalendar? calendar) ? calendar : throw new KeyNotFoundException($"No calendar '{name}'.");

    public bool TryGet(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IBusinessCalendar? calendar)
    {
        calendar = calendars.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
        return calendar is not null;
    }
}
