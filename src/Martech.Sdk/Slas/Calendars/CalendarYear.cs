namespace Martech.Sdk;

/// <summary>
/// The working intervals, in UTC ticks, of the local dates of one year: sorted, disjoint, touching ones merged, each
/// date's clipped to start after the date before ends (a range past midnight wins over the next date's first one),
/// with running totals so the work before an instant is one binary search.
/// </summary>
internal sealed class CalendarYear
{
    private readonly long[] _starts;
    private readonly long[] _ends;
    private readonly long[] _workToEnd; // the work from the year's first interval to the end of interval i

    private CalendarYear(int year, long localStart, long localEnd, long previousSpillEnd, long[] starts, long[] ends, long[] workToEnd)
    {
        Year = year;
        LocalStart = localStart;
        LocalEnd = localEnd;
        PreviousSpillEnd = previousSpillEnd;
        _starts = starts;
        _ends = ends;
        _workToEnd = workToEnd;
    }

    public int Year { get; }

    /// <summary>The instant the year starts, local midnight of January 1.</summary>
    public long LocalStart { get; }

    /// <summary>The instant the next year starts.</summary>
    public long LocalEnd { get; }

    /// <summary>Where a range of December 31 of the year before ends, when it runs past midnight into this year;
    /// otherwise no later than <see cref="LocalStart"/>.</summary>
    public long PreviousSpillEnd { get; }

    public int Count => _starts.Length;

    public long Total => _workToEnd.Length == 0 ? 0 : _workToEnd[^1];

    public long StartOf(int index) => _starts[index];

    public long EndOf(int index) => _ends[index];

    public static CalendarYear Build(int year, CalendarRules rules, string calendarName)
    {
        TimeZoneInfo zone = rules.TimeZone;
        YearHolidays holidays = rules.HolidaysAround(year, calendarName);
        var first = new DateOnly(year, 1, 1);
        int days = DateTime.IsLeapYear(year) ? 366 : 365;

        long previousEnd = long.MinValue;
        DateOnly dayBefore = first.AddDays(-1);
        foreach (WorkingRange range in rules.Resolve(dayBefore, holidays))
        {
            previousEnd = Math.Max(previousEnd, At(zone, dayBefore, range.End));
        }

        long previousSpillEnd = previousEnd;
        var starts = new List<long>(days * 2);
        var ends = new List<long>(days * 2);
        for (int d = 0; d < days; d++)
        {
            DateOnly date = first.AddDays(d);
            long dayEnd = previousEnd;
            foreach (WorkingRange range in rules.Resolve(date, holidays))
            {
                long start = At(zone, date, range.Start);
                long end = At(zone, date, range.End);
                dayEnd = Math.Max(dayEnd, end);
                start = Math.Max(start, previousEnd);
                if (end <= start)
                {
                    continue; // skipped by a clock change, or covered by the day before's range past midnight
                }

                if (ends.Count > 0 && start <= ends[^1])
                {
                    ends[^1] = Math.Max(ends[^1], end);
                }
                else
                {
                    starts.Add(start);
                    ends.Add(end);
                }
            }

            previousEnd = dayEnd;
        }

        var workToEnd = new long[starts.Count];
        long total = 0;
        for (int i = 0; i < starts.Count; i++)
        {
            total += ends[i] - starts[i];
            workToEnd[i] = total;
        }

        return new CalendarYear(
            year,
            At(zone, first, 0),
            At(zone, first.AddDays(days), 0),
            previousSpillEnd,
            [.. starts],
            [.. ends],
            workToEnd);
    }

    /// <summary>The index of the first interval that ends after <paramref name="instant"/>, or <see cref="Count"/>.</summary>
    public int FirstEndingAfter(long instant)
    {
        int lo = 0;
        int hi = _ends.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_ends[mid] > instant)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return lo;
    }

    /// <summary>The work of this year's intervals before <paramref name="instant"/>.</summary>
    public long WorkBefore(long instant)
    {
        int i = FirstEndingAfter(instant);
        long work = i == 0 ? 0 : _workToEnd[i - 1];
        if (i < _starts.Length && _starts[i] < instant)
        {
            work += instant - _starts[i];
        }

        return work;
    }

    /// <summary>The instant at which the work since this year's first interval reaches <paramref name="work"/>
    /// (at most <see cref="Total"/>): the end of the interval that completes it, not the start of the next.</summary>
    public long InstantAtWork(long work)
    {
        int lo = 0;
        int hi = _workToEnd.Length - 1;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_workToEnd[mid] >= work)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return _ends[lo] - (_workToEnd[lo] - work);
    }

    private static long At(TimeZoneInfo zone, DateOnly date, int minutes) =>
        LocalTimeRule.ToUtcTicks(zone, date.ToDateTime(TimeOnly.MinValue).AddMinutes(minutes));
}
