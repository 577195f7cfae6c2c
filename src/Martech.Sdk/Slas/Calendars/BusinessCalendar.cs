using System.Collections.Concurrent;

namespace Martech.Sdk;

/// <summary>
/// A working-time calendar in one time zone: weekly hours (several ranges a day, ranges past midnight), holidays
/// (dated, every year, shorter days, and public holidays from an <see cref="IHolidaySource"/>) and one-off shifts, with
/// exact arithmetic across weekends, holidays, daylight-saving changes and midnight.
/// </summary>
/// <remarks>
/// <para>Each local date's ranges become UTC intervals by one rule: a local time is the first instant at which the
/// wall clock shows that time or a later one. A time skipped when the clocks go forward is the instant they jump (a
/// range from 02:30 on a night that jumps from 02:00 to 03:00 starts at 03:00), and a time shown twice when they go back
/// is its first occurrence. A date's intervals start no earlier than the end of the date before's (a range past
/// midnight keeps its time).</para>
/// <para>Intervals are built a year at a time and cached (a bounded number of years; thread-safe), so the arithmetic
/// costs a binary search per year it spans, never a walk over minutes.</para>
/// <para>Create one from settings with <see cref="Create"/>, or define calendars for dependency injection with
/// <c>AddBusinessCalendars()</c>.</para>
/// </remarks>
public sealed class BusinessCalendar : IBusinessCalendar
{
    /// <summary>The name of <see cref="AlwaysOpen"/>.</summary>
    public const string AlwaysOpenName = "AlwaysOpen";

    // Years span about 12 KB each for a weekday calendar; this bounds the cache to well under a megabyte.
    private const int MaxCachedYears = 64;
    private const int FirstYear = 2;
    private const int LastYear = 9998;

    private readonly CalendarRules _rules;
    private readonly ConcurrentDictionary<int, CalendarYear> _years = new();
    private CalendarYear? _lastYear;

    private BusinessCalendar(string name, CalendarRules rules)
    {
        Name = name;
        _rules = rules;
    }

    /// <summary>Every instant is working time (24×7, UTC): business time equals elapsed time. For targets on the
    /// wall clock.</summary>
    public static BusinessCalendar AlwaysOpen { get; } = new(AlwaysOpenName, CalendarRules.AlwaysOpen(TimeSpan.FromDays(BusinessCalendarOptions.DefaultSearchHorizonDays)));

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public TimeZoneInfo TimeZone => _rules.TimeZone;

    /// <summary>How far after an instant the calendar looks for working time before
    /// <see cref="NextWorkingTime"/> and <see cref="AddBusinessTime"/> give up with an
    /// <see cref="InvalidOperationException"/>.</summary>
    public TimeSpan SearchHorizon => _rules.SearchHorizon;

    /// <summary>Creates a calendar from settings, checked as configuration is checked at start-up.</summary>
    /// <param name="name">The calendar's name.</param>
    /// <param name="options">Its settings.</param>
    /// <param name="holidaySource">Where public holidays come from when <see cref="BusinessCalendarOptions.HolidayCountry"/>
    /// is set, such as <c>new PublicHolidaySource()</c> from Martech.Sdk.PublicHolidays.</param>
    /// <returns>The calendar.</returns>
    /// <exception cref="ArgumentException">The settings are invalid; the message names each problem, with the
    /// calendar's name as the path.</exception>
    public static BusinessCalendar Create(string name, BusinessCalendarOptions options, IHolidaySource? holidaySource = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        CalendarRules? rules = CalendarRules.Parse(options, name, holidaySource, problems);
        if (rules is null)
        {
            throw new ArgumentException($"Business calendar '{name}' is invalid: " + string.Join(" ", problems), nameof(options));
        }

        return new BusinessCalendar(name, rules);
    }

    internal static BusinessCalendar FromRules(string name, CalendarRules rules) => new(name, rules);

    /// <inheritdoc />
    public bool IsWorkingTime(DateTimeOffset instant)
    {
        long t = instant.UtcTicks;
        CalendarYear year = YearOf(t);
        if (t < year.PreviousSpillEnd)
        {
            return true; // inside a range of December 31 that runs past midnight
        }

        int i = year.FirstEndingAfter(t);
        return i < year.Count && year.StartOf(i) <= t;
    }

    /// <inheritdoc />
    public DateTimeOffset NextWorkingTime(DateTimeOffset instant)
    {
        long t = instant.UtcTicks;
        (CalendarYear year, int i) = FindNext(t);
        return Utc(Math.Max(t, year.StartOf(i)));
    }

    /// <inheritdoc />
    public DateTimeOffset AddBusinessTime(DateTimeOffset start, TimeSpan businessTime)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(businessTime, TimeSpan.Zero);
        long t = start.UtcTicks;
        if (businessTime == TimeSpan.Zero)
        {
            return Utc(t);
        }

        long remaining = businessTime.Ticks;
        (CalendarYear year, int i) = FindNext(t);
        long position = Math.Max(t, year.StartOf(i));
        while (true)
        {
            long done = year.WorkBefore(position);
            if (remaining <= year.Total - done)
            {
                return Utc(year.InstantAtWork(done + remaining));
            }

            remaining -= year.Total - done;
            long lastEnd = year.EndOf(year.Count - 1);
            year = NextYearWithWork(year, lastEnd, nameof(businessTime));
            position = year.StartOf(0);
        }
    }

    /// <inheritdoc />
    public TimeSpan GetBusinessTime(DateTimeOffset from, DateTimeOffset to)
    {
        long a = from.UtcTicks;
        long z = to.UtcTicks;
        if (z <= a)
        {
            return TimeSpan.Zero;
        }

        CalendarYear first = YearOf(a);
        int firstYear = a < first.PreviousSpillEnd ? first.Year - 1 : first.Year;
        int lastYear = YearOf(z).Year;
        long work = 0;
        for (int y = firstYear; y <= lastYear; y++)
        {
            CalendarYear year = y == first.Year ? first : Year(y);
            work += year.WorkBefore(z) - year.WorkBefore(a);
        }

        return TimeSpan.FromTicks(work);
    }

    /// <summary>Names the calendar and its time zone.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => $"{Name} ({TimeZone.Id})";

    /// <summary>The working intervals that <paramref name="date"/> (a local date) contributes, in UTC.</summary>
    internal IReadOnlyList<(DateTimeOffset Start, DateTimeOffset End)> IntervalsOf(DateOnly date)
    {
        long from = LocalTimeRule.ToUtcTicks(TimeZone, date.ToDateTime(TimeOnly.MinValue));
        long to = LocalTimeRule.ToUtcTicks(TimeZone, date.AddDays(1).ToDateTime(TimeOnly.MinValue));
        var result = new List<(DateTimeOffset, DateTimeOffset)>();
        CalendarYear year = Year(date.Year);
        for (int i = year.FirstEndingAfter(from); i < year.Count && year.StartOf(i) < to; i++)
        {
            result.Add((Utc(year.StartOf(i)), Utc(year.EndOf(i))));
        }

        return result;
    }

    // The first interval ending after t, within the search horizon of t.
    private (CalendarYear Year, int Index) FindNext(long t)
    {
        CalendarYear year = YearOf(t);
        if (t < year.PreviousSpillEnd)
        {
            CalendarYear before = Year(year.Year - 1);
            return (before, before.Count - 1);
        }

        int i = year.FirstEndingAfter(t);
        if (i == year.Count)
        {
            year = NextYearWithWork(year, t, "instant");
            i = 0;
        }

        if (year.StartOf(i) - t > _rules.SearchHorizon.Ticks)
        {
            throw NoWorkingTime(t);
        }

        return (year, i);
    }

    // The next year after this one with working time, starting within the search horizon of position.
    private CalendarYear NextYearWithWork(CalendarYear year, long position, string argument)
    {
        long limit = position + _rules.SearchHorizon.Ticks;
        do
        {
            if (year.LocalEnd > limit)
            {
                throw NoWorkingTime(position);
            }

            if (year.Year + 1 > LastYear)
            {
                throw new ArgumentOutOfRangeException(argument, $"Business calendar '{Name}' computes years {FirstYear}–{LastYear}; the result would lie beyond.");
            }

            year = Year(year.Year + 1);
        }
        while (year.Count == 0);

        if (year.StartOf(0) - position > _rules.SearchHorizon.Ticks)
        {
            throw NoWorkingTime(position);
        }

        return year;
    }

    private InvalidOperationException NoWorkingTime(long position) =>
        new($"Business calendar '{Name}' has no working time within its search horizon ({_rules.SearchHorizon.TotalDays:0} days) after {Utc(position):O}: add working hours or shifts, or lengthen SearchHorizon.");

    // The year whose local dates hold the instant.
    private CalendarYear YearOf(long instant)
    {
        if (instant < DateTime.MinValue.Ticks + TimeSpan.TicksPerDay || instant > DateTime.MaxValue.Ticks - TimeSpan.TicksPerDay)
        {
            throw new ArgumentOutOfRangeException(nameof(instant), $"Business calendar '{Name}' computes years {FirstYear}–{LastYear}; {Utc(instant):O} lies outside.");
        }

        CalendarYear year = Year(new DateTime(instant).Year);
        return instant < year.LocalStart ? Year(year.Year - 1) : instant >= year.LocalEnd ? Year(year.Year + 1) : year;
    }

    private CalendarYear Year(int y)
    {
        CalendarYear? last = Volatile.Read(ref _lastYear);
        if (last is not null && last.Year == y)
        {
            return last;
        }

        if (y is < FirstYear or > LastYear)
        {
            throw new ArgumentOutOfRangeException(nameof(y), $"Business calendar '{Name}' computes years {FirstYear}–{LastYear}, not {y}.");
        }

        if (!_years.TryGetValue(y, out CalendarYear? year))
        {
            year = CalendarYear.Build(y, _rules, Name);
            if (_years.Count >= MaxCachedYears)
            {
                _years.Clear();
            }

            year = _years.GetOrAdd(y, year);
        }

        Volatile.Write(ref _lastYear, year);
        return year;
    }

    private static DateTimeOffset Utc(long ticks) => new(ticks, TimeSpan.Zero);
}
